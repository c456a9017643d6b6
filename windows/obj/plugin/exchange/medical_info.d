windows/obj/plugin/exchange/medical_info.o: \
 plugin/exchange/medical_info.cc windows/compat/onshi_posix_win.h \
 plugin/exchange/medical_info.h plugin/common/error.h \
 plugin/db/facility.h plugin/exchange/flows.h plugin/model/kind.h \
 plugin/host/staff.h plugin/db/connection.h \
 plugin/exchange/consent_withdrawal.h plugin/exchange/requests.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/schema.h \
 plugin/exchange/share.h plugin/host/insurance.h plugin/host/patients.h \
 plugin/match/linker.h plugin/json/json.h plugin/store/jobs.h \
 plugin/store/medical_info.h plugin/store/outage.h \
 plugin/store/received_files.h
windows/compat/onshi_posix_win.h:
plugin/exchange/medical_info.h:
plugin/common/error.h:
plugin/db/facility.h:
plugin/exchange/flows.h:
plugin/model/kind.h:
plugin/host/staff.h:
plugin/db/connection.h:
plugin/exchange/consent_withdrawal.h:
plugin/exchange/requests.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
plugin/exchange/share.h:
plugin/host/insurance.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/json/json.h:
plugin/store/jobs.h:
plugin/store/medical_info.h:
plugin/store/outage.h:
plugin/store/received_files.h:
