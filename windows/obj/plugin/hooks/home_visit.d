windows/obj/plugin/hooks/home_visit.o: plugin/hooks/home_visit.cc \
 windows/compat/onshi_posix_win.h plugin/db/connection.h \
 plugin/db/facility.h plugin/common/error.h plugin/db/transaction.h \
 plugin/exchange/bulk_check.h plugin/exchange/flows.h plugin/model/kind.h \
 plugin/exchange/consent_withdrawal.h plugin/exchange/requests.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/schema.h \
 plugin/hooks/fill.h plugin/hooks/fixed.h plugin/hooks/results.h \
 plugin/hooks/session.h hooks/onshi_link_abi.h plugin/hooks/screens.h \
 plugin/exchange/insurance_apply.h plugin/store/consent_withdrawal.h
windows/compat/onshi_posix_win.h:
plugin/db/connection.h:
plugin/db/facility.h:
plugin/common/error.h:
plugin/db/transaction.h:
plugin/exchange/bulk_check.h:
plugin/exchange/flows.h:
plugin/model/kind.h:
plugin/exchange/consent_withdrawal.h:
plugin/exchange/requests.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
plugin/hooks/fill.h:
plugin/hooks/fixed.h:
plugin/hooks/results.h:
plugin/hooks/session.h:
hooks/onshi_link_abi.h:
plugin/hooks/screens.h:
plugin/exchange/insurance_apply.h:
plugin/store/consent_withdrawal.h:
