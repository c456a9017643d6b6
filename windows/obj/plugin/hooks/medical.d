windows/obj/plugin/hooks/medical.o: plugin/hooks/medical.cc \
 windows/compat/onshi_posix_win.h plugin/db/connection.h \
 plugin/db/facility.h plugin/common/error.h plugin/db/transaction.h \
 plugin/exchange/medical_info.h plugin/exchange/flows.h \
 plugin/model/kind.h plugin/host/staff.h plugin/hooks/fill.h \
 plugin/hooks/fixed.h plugin/hooks/results.h plugin/hooks/session.h \
 hooks/onshi_link_abi.h plugin/hooks/screens.h \
 plugin/exchange/insurance_apply.h plugin/host/patients.h \
 plugin/match/linker.h plugin/model/messages.h plugin/model/encoding.h \
 plugin/model/schema.h plugin/store/medical_info.h
windows/compat/onshi_posix_win.h:
plugin/db/connection.h:
plugin/db/facility.h:
plugin/common/error.h:
plugin/db/transaction.h:
plugin/exchange/medical_info.h:
plugin/exchange/flows.h:
plugin/model/kind.h:
plugin/host/staff.h:
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
plugin/model/schema.h:
plugin/store/medical_info.h:
