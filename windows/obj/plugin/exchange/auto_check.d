windows/obj/plugin/exchange/auto_check.o: plugin/exchange/auto_check.cc \
 windows/compat/onshi_posix_win.h plugin/exchange/auto_check.h \
 plugin/common/error.h plugin/db/facility.h plugin/store/auto_check.h \
 plugin/common/clock.h plugin/db/connection.h plugin/db/db_error.h \
 plugin/db/transaction.h plugin/exchange/qualification.h \
 plugin/exchange/flows.h plugin/model/kind.h \
 plugin/host/planner_statistics.h plugin/db/planner_statistics.h \
 plugin/exchange/requests.h plugin/model/messages.h \
 plugin/model/encoding.h plugin/model/schema.h plugin/host/confirmation.h \
 plugin/host/insurance.h plugin/host/patients.h plugin/match/linker.h \
 plugin/host/reception.h plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/exchange/auto_check.h:
plugin/common/error.h:
plugin/db/facility.h:
plugin/store/auto_check.h:
plugin/common/clock.h:
plugin/db/connection.h:
plugin/db/db_error.h:
plugin/db/transaction.h:
plugin/exchange/qualification.h:
plugin/exchange/flows.h:
plugin/model/kind.h:
plugin/host/planner_statistics.h:
plugin/db/planner_statistics.h:
plugin/exchange/requests.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
plugin/host/confirmation.h:
plugin/host/insurance.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/host/reception.h:
plugin/text/normalize.h:
