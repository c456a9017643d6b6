windows/obj/plugin/hooks/reservation.o: plugin/hooks/reservation.cc \
 windows/compat/onshi_posix_win.h plugin/db/connection.h \
 plugin/db/facility.h plugin/common/error.h plugin/db/transaction.h \
 plugin/exchange/bulk_check.h plugin/exchange/flows.h plugin/model/kind.h \
 plugin/hooks/fill.h plugin/hooks/fixed.h plugin/hooks/results.h \
 plugin/hooks/session.h hooks/onshi_link_abi.h plugin/hooks/screens.h \
 plugin/exchange/insurance_apply.h plugin/host/reception.h \
 plugin/host/insurance.h plugin/model/validate.h plugin/model/messages.h \
 plugin/model/encoding.h plugin/model/schema.h plugin/store/bulk.h
windows/compat/onshi_posix_win.h:
plugin/db/connection.h:
plugin/db/facility.h:
plugin/common/error.h:
plugin/db/transaction.h:
plugin/exchange/bulk_check.h:
plugin/exchange/flows.h:
plugin/model/kind.h:
plugin/hooks/fill.h:
plugin/hooks/fixed.h:
plugin/hooks/results.h:
plugin/hooks/session.h:
hooks/onshi_link_abi.h:
plugin/hooks/screens.h:
plugin/exchange/insurance_apply.h:
plugin/host/reception.h:
plugin/host/insurance.h:
plugin/model/validate.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
plugin/store/bulk.h:
