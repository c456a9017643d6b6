windows/obj/plugin/exchange/prefill.o: plugin/exchange/prefill.cc \
 windows/compat/onshi_posix_win.h plugin/exchange/prefill.h \
 plugin/exchange/insurance_apply.h plugin/common/error.h \
 plugin/host/insurance_apply.h plugin/host/prefill.h \
 plugin/store/prefill.h plugin/db/connection.h plugin/db/db_error.h \
 plugin/db/transaction.h plugin/host/staff.h plugin/store/confirmations.h \
 plugin/store/insurance_apply.h plugin/store/staff.h
windows/compat/onshi_posix_win.h:
plugin/exchange/prefill.h:
plugin/exchange/insurance_apply.h:
plugin/common/error.h:
plugin/host/insurance_apply.h:
plugin/host/prefill.h:
plugin/store/prefill.h:
plugin/db/connection.h:
plugin/db/db_error.h:
plugin/db/transaction.h:
plugin/host/staff.h:
plugin/store/confirmations.h:
plugin/store/insurance_apply.h:
plugin/store/staff.h:
