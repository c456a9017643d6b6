windows/obj/plugin/exchange/bulk_check.o: plugin/exchange/bulk_check.cc \
 windows/compat/onshi_posix_win.h plugin/exchange/bulk_check.h \
 plugin/common/error.h plugin/db/facility.h plugin/exchange/flows.h \
 plugin/model/kind.h plugin/common/clock.h plugin/db/connection.h \
 plugin/db/db_error.h plugin/db/transaction.h \
 plugin/exchange/qualification.h plugin/host/planner_statistics.h \
 plugin/db/planner_statistics.h plugin/exchange/requests.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/schema.h \
 plugin/host/reception.h plugin/host/insurance.h plugin/json/json.h \
 plugin/model/validate.h plugin/store/bulk.h plugin/store/jobs.h \
 plugin/store/public_assistance.h
windows/compat/onshi_posix_win.h:
plugin/exchange/bulk_check.h:
plugin/common/error.h:
plugin/db/facility.h:
plugin/exchange/flows.h:
plugin/model/kind.h:
plugin/common/clock.h:
plugin/db/connection.h:
plugin/db/db_error.h:
plugin/db/transaction.h:
plugin/exchange/qualification.h:
plugin/host/planner_statistics.h:
plugin/db/planner_statistics.h:
plugin/exchange/requests.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
plugin/host/reception.h:
plugin/host/insurance.h:
plugin/json/json.h:
plugin/model/validate.h:
plugin/store/bulk.h:
plugin/store/jobs.h:
plugin/store/public_assistance.h:
