windows/obj/plugin/host/confirmation.o: plugin/host/confirmation.cc \
 windows/compat/onshi_posix_win.h plugin/host/confirmation.h \
 plugin/common/clock.h plugin/db/connection.h plugin/host/insurance.h \
 plugin/host/insurance_history.h plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/host/confirmation.h:
plugin/common/clock.h:
plugin/db/connection.h:
plugin/host/insurance.h:
plugin/host/insurance_history.h:
plugin/text/normalize.h:
