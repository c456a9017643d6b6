windows/obj/plugin/hooks/outage.o: plugin/hooks/outage.cc \
 windows/compat/onshi_posix_win.h plugin/exchange/outage.h \
 plugin/common/error.h plugin/store/outage.h plugin/hooks/fill.h \
 plugin/hooks/fixed.h plugin/hooks/results.h plugin/hooks/session.h \
 hooks/onshi_link_abi.h plugin/hooks/screens.h \
 plugin/exchange/insurance_apply.h
windows/compat/onshi_posix_win.h:
plugin/exchange/outage.h:
plugin/common/error.h:
plugin/store/outage.h:
plugin/hooks/fill.h:
plugin/hooks/fixed.h:
plugin/hooks/results.h:
plugin/hooks/session.h:
hooks/onshi_link_abi.h:
plugin/hooks/screens.h:
plugin/exchange/insurance_apply.h:
