windows/obj/plugin/db/planner_statistics.o: \
 plugin/db/planner_statistics.cc windows/compat/onshi_posix_win.h \
 plugin/db/planner_statistics.h plugin/db/connection.h \
 plugin/db/db_error.h plugin/common/error.h plugin/db/transaction.h
windows/compat/onshi_posix_win.h:
plugin/db/planner_statistics.h:
plugin/db/connection.h:
plugin/db/db_error.h:
plugin/common/error.h:
plugin/db/transaction.h:
