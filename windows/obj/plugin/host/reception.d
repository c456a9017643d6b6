windows/obj/plugin/host/reception.o: plugin/host/reception.cc \
 windows/compat/onshi_posix_win.h plugin/host/reception.h \
 plugin/host/insurance.h plugin/db/connection.h plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/host/reception.h:
plugin/host/insurance.h:
plugin/db/connection.h:
plugin/text/normalize.h:
