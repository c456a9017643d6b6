windows/obj/plugin/store/bulk.o: plugin/store/bulk.cc \
 windows/compat/onshi_posix_win.h plugin/store/bulk.h \
 plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/bulk.h:
plugin/db/connection.h:
