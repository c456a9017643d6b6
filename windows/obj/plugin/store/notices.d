windows/obj/plugin/store/notices.o: plugin/store/notices.cc \
 windows/compat/onshi_posix_win.h plugin/store/notices.h \
 plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/notices.h:
plugin/db/connection.h:
