windows/obj/plugin/store/confirmations.o: plugin/store/confirmations.cc \
 windows/compat/onshi_posix_win.h plugin/store/confirmations.h \
 plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/confirmations.h:
plugin/db/connection.h:
