windows/obj/plugin/hooks/consent.o: plugin/hooks/consent.cc \
 windows/compat/onshi_posix_win.h plugin/db/transaction.h \
 plugin/exchange/written_consent.h plugin/common/error.h \
 plugin/hooks/fill.h plugin/hooks/fixed.h plugin/hooks/results.h \
 plugin/hooks/session.h hooks/onshi_link_abi.h plugin/hooks/screens.h \
 plugin/exchange/insurance_apply.h plugin/host/patients.h \
 plugin/match/linker.h plugin/model/messages.h plugin/model/encoding.h \
 plugin/model/kind.h plugin/model/schema.h plugin/store/written_consent.h
windows/compat/onshi_posix_win.h:
plugin/db/transaction.h:
plugin/exchange/written_consent.h:
plugin/common/error.h:
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
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
plugin/store/written_consent.h:
