windows/obj/plugin/exchange/claim_transfers.o: \
 plugin/exchange/claim_transfers.cc windows/compat/onshi_posix_win.h \
 plugin/exchange/claim_transfers.h plugin/common/error.h \
 plugin/model/encoding.h plugin/store/claim_transfers.h \
 plugin/common/i18n.h plugin/common/log.h plugin/common/message_ids.h \
 plugin/common/sha256.h plugin/db/connection.h plugin/db/facility.h \
 plugin/db/transaction.h plugin/host/claims.h plugin/host/insurance.h \
 plugin/host/patients.h plugin/match/linker.h plugin/model/messages.h \
 plugin/model/kind.h plugin/model/schema.h plugin/model/validate.h \
 plugin/store/medical_info.h plugin/text/encoding.h \
 plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/exchange/claim_transfers.h:
plugin/common/error.h:
plugin/model/encoding.h:
plugin/store/claim_transfers.h:
plugin/common/i18n.h:
plugin/common/log.h:
plugin/common/message_ids.h:
plugin/common/sha256.h:
plugin/db/connection.h:
plugin/db/facility.h:
plugin/db/transaction.h:
plugin/host/claims.h:
plugin/host/insurance.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/model/messages.h:
plugin/model/kind.h:
plugin/model/schema.h:
plugin/model/validate.h:
plugin/store/medical_info.h:
plugin/text/encoding.h:
plugin/text/normalize.h:
