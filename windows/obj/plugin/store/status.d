windows/obj/plugin/store/status.o: plugin/store/status.cc \
 windows/compat/onshi_posix_win.h plugin/store/status.h \
 plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/status.h:
plugin/db/connection.h:
