windows/obj/plugin/exchange/insurance_apply.o: \
 plugin/exchange/insurance_apply.cc windows/compat/onshi_posix_win.h \
 plugin/exchange/insurance_apply.h plugin/common/error.h \
 plugin/common/clock.h plugin/common/log.h plugin/common/message_ids.h \
 plugin/common/i18n.h plugin/db/connection.h plugin/db/db_error.h \
 plugin/db/transaction.h plugin/exchange/prefill.h \
 plugin/host/insurance_apply.h plugin/host/prefill.h \
 plugin/store/prefill.h plugin/host/public_assistance_apply.h \
 plugin/host/staff.h plugin/store/confirmations.h \
 plugin/store/insurance_apply.h plugin/store/public_assistance.h
windows/compat/onshi_posix_win.h:
plugin/exchange/insurance_apply.h:
plugin/common/error.h:
plugin/common/clock.h:
plugin/common/log.h:
plugin/common/message_ids.h:
plugin/common/i18n.h:
plugin/db/connection.h:
plugin/db/db_error.h:
plugin/db/transaction.h:
plugin/exchange/prefill.h:
plugin/host/insurance_apply.h:
plugin/host/prefill.h:
plugin/store/prefill.h:
plugin/host/public_assistance_apply.h:
plugin/host/staff.h:
plugin/store/confirmations.h:
plugin/store/insurance_apply.h:
plugin/store/public_assistance.h:
