windows/obj/plugin/host/claims.o: plugin/host/claims.cc \
 windows/compat/onshi_posix_win.h plugin/host/claims.h \
 plugin/db/connection.h plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/host/claims.h:
plugin/db/connection.h:
plugin/text/normalize.h:
