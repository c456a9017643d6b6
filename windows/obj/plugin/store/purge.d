windows/obj/plugin/store/purge.o: plugin/store/purge.cc \
 windows/compat/onshi_posix_win.h plugin/store/purge.h \
 plugin/common/clock.h plugin/db/connection.h plugin/db/db_error.h \
 plugin/common/error.h plugin/db/facility.h plugin/db/transaction.h \
 plugin/store/auto_check.h plugin/store/consent_withdrawal.h
windows/compat/onshi_posix_win.h:
plugin/store/purge.h:
plugin/common/clock.h:
plugin/db/connection.h:
plugin/db/db_error.h:
plugin/common/error.h:
plugin/db/facility.h:
plugin/db/transaction.h:
plugin/store/auto_check.h:
plugin/store/consent_withdrawal.h:
