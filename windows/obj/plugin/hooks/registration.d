windows/obj/plugin/hooks/registration.o: plugin/hooks/registration.cc \
 windows/compat/onshi_posix_win.h plugin/common/clock.h \
 plugin/db/connection.h plugin/db/facility.h plugin/common/error.h \
 plugin/db/transaction.h plugin/exchange/qualification.h \
 plugin/exchange/flows.h plugin/model/kind.h \
 plugin/host/planner_statistics.h plugin/db/planner_statistics.h \
 plugin/exchange/reference_numbers.h plugin/exchange/requests.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/schema.h \
 plugin/hooks/fill.h plugin/hooks/fixed.h plugin/hooks/results.h \
 plugin/hooks/session.h hooks/onshi_link_abi.h plugin/hooks/screens.h \
 plugin/exchange/insurance_apply.h plugin/host/confirmation.h \
 plugin/host/patients.h plugin/match/linker.h plugin/json/json.h \
 plugin/model/validate.h plugin/store/confirmations.h plugin/store/jobs.h \
 plugin/store/reference_numbers.h plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/common/clock.h:
plugin/db/connection.h:
plugin/db/facility.h:
plugin/common/error.h:
plugin/db/transaction.h:
plugin/exchange/qualification.h:
plugin/exchange/flows.h:
plugin/model/kind.h:
plugin/host/planner_statistics.h:
plugin/db/planner_statistics.h:
plugin/exchange/reference_numbers.h:
plugin/exchange/requests.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
plugin/hooks/fill.h:
plugin/hooks/fixed.h:
plugin/hooks/results.h:
plugin/hooks/session.h:
hooks/onshi_link_abi.h:
plugin/hooks/screens.h:
plugin/exchange/insurance_apply.h:
plugin/host/confirmation.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/json/json.h:
plugin/model/validate.h:
plugin/store/confirmations.h:
plugin/store/jobs.h:
plugin/store/reference_numbers.h:
plugin/text/normalize.h:
