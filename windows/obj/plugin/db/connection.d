windows/obj/plugin/db/connection.o: plugin/db/connection.cc \
 windows/compat/onshi_posix_win.h plugin/db/connection.h \
 /tmp/we/pre/libpq-fe.h /tmp/we/pre/postgres_ext.h \
 /tmp/we/pre/pg_config_ext.h plugin/common/clock.h plugin/db/db_error.h \
 plugin/common/error.h plugin/text/host_encoding.h
windows/compat/onshi_posix_win.h:
plugin/db/connection.h:
/tmp/we/pre/libpq-fe.h:
/tmp/we/pre/postgres_ext.h:
/tmp/we/pre/pg_config_ext.h:
plugin/common/clock.h:
plugin/db/db_error.h:
plugin/common/error.h:
plugin/text/host_encoding.h:
