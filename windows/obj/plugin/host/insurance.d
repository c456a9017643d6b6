windows/obj/plugin/host/insurance.o: plugin/host/insurance.cc \
 windows/compat/onshi_posix_win.h plugin/host/insurance.h \
 plugin/db/connection.h plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/host/insurance.h:
plugin/db/connection.h:
plugin/text/normalize.h:
