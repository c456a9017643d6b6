windows/obj/plugin/db/db_error.o: plugin/db/db_error.cc \
 windows/compat/onshi_posix_win.h plugin/db/db_error.h \
 plugin/common/error.h /tmp/we/pre/libpq-fe.h /tmp/we/pre/postgres_ext.h \
 /tmp/we/pre/pg_config_ext.h
windows/compat/onshi_posix_win.h:
plugin/db/db_error.h:
plugin/common/error.h:
/tmp/we/pre/libpq-fe.h:
/tmp/we/pre/postgres_ext.h:
/tmp/we/pre/pg_config_ext.h:
