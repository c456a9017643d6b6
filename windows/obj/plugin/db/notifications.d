windows/obj/plugin/db/notifications.o: plugin/db/notifications.cc \
 windows/compat/onshi_posix_win.h plugin/db/notifications.h \
 /tmp/we/pre/libpq-fe.h /tmp/we/pre/postgres_ext.h \
 /tmp/we/pre/pg_config_ext.h windows/compat/poll.h plugin/db/connection.h \
 plugin/db/db_error.h plugin/common/error.h
windows/compat/onshi_posix_win.h:
plugin/db/notifications.h:
/tmp/we/pre/libpq-fe.h:
/tmp/we/pre/postgres_ext.h:
/tmp/we/pre/pg_config_ext.h:
windows/compat/poll.h:
plugin/db/connection.h:
plugin/db/db_error.h:
plugin/common/error.h:
