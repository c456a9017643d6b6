windows/obj/plugin/hooks/prefill.o: plugin/hooks/prefill.cc \
 windows/compat/onshi_posix_win.h plugin/exchange/prefill.h \
 plugin/exchange/insurance_apply.h plugin/common/error.h \
 plugin/host/insurance_apply.h plugin/host/prefill.h \
 plugin/store/prefill.h plugin/hooks/fill.h plugin/hooks/fixed.h \
 plugin/hooks/results.h plugin/hooks/session.h hooks/onshi_link_abi.h \
 plugin/hooks/screens.h
windows/compat/onshi_posix_win.h:
plugin/exchange/prefill.h:
plugin/exchange/insurance_apply.h:
plugin/common/error.h:
plugin/host/insurance_apply.h:
plugin/host/prefill.h:
plugin/store/prefill.h:
plugin/hooks/fill.h:
plugin/hooks/fixed.h:
plugin/hooks/results.h:
plugin/hooks/session.h:
hooks/onshi_link_abi.h:
plugin/hooks/screens.h:
