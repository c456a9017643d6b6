windows/obj/plugin/exchange/consent_withdrawal.o: \
 plugin/exchange/consent_withdrawal.cc windows/compat/onshi_posix_win.h \
 plugin/exchange/consent_withdrawal.h plugin/common/error.h \
 plugin/exchange/flows.h plugin/db/facility.h plugin/model/kind.h \
 plugin/db/connection.h plugin/db/transaction.h \
 plugin/exchange/requests.h plugin/model/messages.h \
 plugin/model/encoding.h plugin/model/schema.h plugin/host/insurance.h \
 plugin/host/patients.h plugin/match/linker.h plugin/model/validate.h \
 plugin/store/consent_withdrawal.h plugin/store/jobs.h \
 plugin/store/medical_info.h plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/exchange/consent_withdrawal.h:
plugin/common/error.h:
plugin/exchange/flows.h:
plugin/db/facility.h:
plugin/model/kind.h:
plugin/db/connection.h:
plugin/db/transaction.h:
plugin/exchange/requests.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
plugin/host/insurance.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/model/validate.h:
plugin/store/consent_withdrawal.h:
plugin/store/jobs.h:
plugin/store/medical_info.h:
plugin/text/normalize.h:
