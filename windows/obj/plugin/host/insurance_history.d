windows/obj/plugin/host/insurance_history.o: \
 plugin/host/insurance_history.cc windows/compat/onshi_posix_win.h \
 plugin/host/insurance_history.h plugin/common/clock.h \
 plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/host/insurance_history.h:
plugin/common/clock.h:
plugin/db/connection.h:
