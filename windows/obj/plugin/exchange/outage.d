windows/obj/plugin/exchange/outage.o: plugin/exchange/outage.cc \
 windows/compat/onshi_posix_win.h plugin/exchange/outage.h \
 plugin/common/error.h plugin/store/outage.h plugin/common/clock.h \
 plugin/db/connection.h plugin/db/facility.h plugin/db/transaction.h \
 plugin/exchange/qualification.h plugin/exchange/flows.h \
 plugin/model/kind.h plugin/host/planner_statistics.h \
 plugin/db/planner_statistics.h plugin/exchange/requests.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/schema.h \
 plugin/host/patients.h plugin/match/linker.h plugin/model/validate.h \
 plugin/store/medical_info.h plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/exchange/outage.h:
plugin/common/error.h:
plugin/store/outage.h:
plugin/common/clock.h:
plugin/db/connection.h:
plugin/db/facility.h:
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
plugin/host/patients.h:
plugin/match/linker.h:
plugin/model/validate.h:
plugin/store/medical_info.h:
plugin/text/normalize.h:
