windows/obj/plugin/hooks/admin.o: plugin/hooks/admin.cc \
 windows/compat/onshi_posix_win.h plugin/common/clock.h \
 plugin/db/connection.h plugin/db/facility.h plugin/common/error.h \
 plugin/hooks/fill.h plugin/hooks/fixed.h plugin/hooks/results.h \
 plugin/hooks/session.h hooks/onshi_link_abi.h plugin/hooks/screens.h \
 plugin/exchange/insurance_apply.h plugin/host/staff.h \
 plugin/store/prefill.h plugin/store/public_assistance.h \
 plugin/store/staff.h
windows/compat/onshi_posix_win.h:
plugin/common/clock.h:
plugin/db/connection.h:
plugin/db/facility.h:
plugin/common/error.h:
plugin/hooks/fill.h:
plugin/hooks/fixed.h:
plugin/hooks/results.h:
plugin/hooks/session.h:
hooks/onshi_link_abi.h:
plugin/hooks/screens.h:
plugin/exchange/insurance_apply.h:
plugin/host/staff.h:
plugin/store/prefill.h:
plugin/store/public_assistance.h:
plugin/store/staff.h:
