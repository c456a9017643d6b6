windows/obj/plugin/db/transaction.o: plugin/db/transaction.cc \
 windows/compat/onshi_posix_win.h plugin/db/transaction.h \
 /tmp/we/pre/libpq-fe.h /tmp/we/pre/postgres_ext.h \
 /tmp/we/pre/pg_config_ext.h plugin/db/connection.h plugin/db/db_error.h \
 plugin/common/error.h
windows/compat/onshi_posix_win.h:
plugin/db/transaction.h:
/tmp/we/pre/libpq-fe.h:
/tmp/we/pre/postgres_ext.h:
/tmp/we/pre/pg_config_ext.h:
plugin/db/connection.h:
plugin/db/db_error.h:
plugin/common/error.h:
