windows/obj/plugin/host/insurance_apply.o: plugin/host/insurance_apply.cc \
 windows/compat/onshi_posix_win.h plugin/host/insurance_apply.h \
 plugin/common/clock.h plugin/db/connection.h plugin/host/confirmation.h \
 plugin/host/insurance.h plugin/host/insurance_history.h \
 plugin/host/insurance_kind.h plugin/host/orca_rows.h \
 plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/host/insurance_apply.h:
plugin/common/clock.h:
plugin/db/connection.h:
plugin/host/confirmation.h:
plugin/host/insurance.h:
plugin/host/insurance_history.h:
plugin/host/insurance_kind.h:
plugin/host/orca_rows.h:
plugin/text/normalize.h:
