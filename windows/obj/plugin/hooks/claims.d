windows/obj/plugin/hooks/claims.o: plugin/hooks/claims.cc \
 windows/compat/onshi_posix_win.h plugin/exchange/claim_transfers.h \
 plugin/common/error.h plugin/model/encoding.h \
 plugin/store/claim_transfers.h plugin/hooks/fill.h plugin/hooks/fixed.h \
 plugin/hooks/results.h plugin/hooks/session.h hooks/onshi_link_abi.h \
 plugin/hooks/screens.h plugin/exchange/insurance_apply.h \
 plugin/host/patients.h plugin/match/linker.h plugin/model/messages.h \
 plugin/model/kind.h plugin/model/schema.h
windows/compat/onshi_posix_win.h:
plugin/exchange/claim_transfers.h:
plugin/common/error.h:
plugin/model/encoding.h:
plugin/store/claim_transfers.h:
plugin/hooks/fill.h:
plugin/hooks/fixed.h:
plugin/hooks/results.h:
plugin/hooks/session.h:
hooks/onshi_link_abi.h:
plugin/hooks/screens.h:
plugin/exchange/insurance_apply.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/model/messages.h:
plugin/model/kind.h:
plugin/model/schema.h:
