windows/obj/plugin/exchange/qualification.o: \
 plugin/exchange/qualification.cc windows/compat/onshi_posix_win.h \
 plugin/exchange/qualification.h plugin/exchange/flows.h \
 plugin/db/facility.h plugin/common/error.h plugin/model/kind.h \
 plugin/host/planner_statistics.h plugin/db/planner_statistics.h \
 plugin/common/clock.h plugin/db/connection.h \
 plugin/exchange/consent_withdrawal.h plugin/exchange/insurance_apply.h \
 plugin/exchange/reference_numbers.h plugin/exchange/requests.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/schema.h \
 plugin/host/confirmation.h plugin/host/insurance.h \
 plugin/host/patients.h plugin/match/linker.h plugin/json/document_json.h \
 plugin/json/json.h plugin/model/validate.h plugin/store/confirmations.h \
 plugin/store/jobs.h plugin/store/notices.h \
 plugin/store/public_assistance.h plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/exchange/qualification.h:
plugin/exchange/flows.h:
plugin/db/facility.h:
plugin/common/error.h:
plugin/model/kind.h:
plugin/host/planner_statistics.h:
plugin/db/planner_statistics.h:
plugin/common/clock.h:
plugin/db/connection.h:
plugin/exchange/consent_withdrawal.h:
plugin/exchange/insurance_apply.h:
plugin/exchange/reference_numbers.h:
plugin/exchange/requests.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
plugin/host/confirmation.h:
plugin/host/insurance.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/json/document_json.h:
plugin/json/json.h:
plugin/model/validate.h:
plugin/store/confirmations.h:
plugin/store/jobs.h:
plugin/store/notices.h:
plugin/store/public_assistance.h:
plugin/text/normalize.h:
