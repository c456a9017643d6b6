windows/obj/plugin/hooks/insurance_apply.o: \
 plugin/hooks/insurance_apply.cc windows/compat/onshi_posix_win.h \
 plugin/exchange/insurance_apply.h plugin/common/error.h \
 plugin/hooks/fill.h plugin/hooks/fixed.h plugin/hooks/results.h \
 plugin/hooks/session.h hooks/onshi_link_abi.h plugin/hooks/screens.h \
 plugin/store/insurance_apply.h
windows/compat/onshi_posix_win.h:
plugin/exchange/insurance_apply.h:
plugin/common/error.h:
plugin/hooks/fill.h:
plugin/hooks/fixed.h:
plugin/hooks/results.h:
plugin/hooks/session.h:
hooks/onshi_link_abi.h:
plugin/hooks/screens.h:
plugin/store/insurance_apply.h:
