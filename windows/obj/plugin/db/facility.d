windows/obj/plugin/db/facility.o: plugin/db/facility.cc \
 windows/compat/onshi_posix_win.h plugin/db/facility.h \
 plugin/common/error.h plugin/db/connection.h plugin/db/transaction.h \
 plugin/host/staff.h
windows/compat/onshi_posix_win.h:
plugin/db/facility.h:
plugin/common/error.h:
plugin/db/connection.h:
plugin/db/transaction.h:
plugin/host/staff.h:
