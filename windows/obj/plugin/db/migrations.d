windows/obj/plugin/db/migrations.o: plugin/db/migrations.cc \
 windows/compat/onshi_posix_win.h plugin/db/migrations.h \
 plugin/db/db_error.h plugin/common/error.h plugin/db/connection.h \
 plugin/db/transaction.h
windows/compat/onshi_posix_win.h:
plugin/db/migrations.h:
plugin/db/db_error.h:
plugin/common/error.h:
plugin/db/connection.h:
plugin/db/transaction.h:
