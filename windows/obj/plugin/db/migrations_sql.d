windows/obj/plugin/db/migrations_sql.o: plugin/db/migrations_sql.cc \
 windows/compat/onshi_posix_win.h plugin/db/migrations.h \
 plugin/db/db_error.h plugin/common/error.h
windows/compat/onshi_posix_win.h:
plugin/db/migrations.h:
plugin/db/db_error.h:
plugin/common/error.h:
