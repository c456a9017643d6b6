windows/obj/plugin/exchange/flows.o: plugin/exchange/flows.cc \
 windows/compat/onshi_posix_win.h plugin/exchange/flows.h \
 plugin/db/facility.h plugin/common/error.h plugin/model/kind.h \
 plugin/exchange/bulk_check.h plugin/exchange/consent_withdrawal.h \
 plugin/exchange/medical_info.h plugin/host/staff.h \
 plugin/exchange/qualification.h plugin/host/planner_statistics.h \
 plugin/db/planner_statistics.h plugin/exchange/reference_numbers.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/schema.h \
 plugin/xml/reader.h
windows/compat/onshi_posix_win.h:
plugin/exchange/flows.h:
plugin/db/facility.h:
plugin/common/error.h:
plugin/model/kind.h:
plugin/exchange/bulk_check.h:
plugin/exchange/consent_withdrawal.h:
plugin/exchange/medical_info.h:
plugin/host/staff.h:
plugin/exchange/qualification.h:
plugin/host/planner_statistics.h:
plugin/db/planner_statistics.h:
plugin/exchange/reference_numbers.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
plugin/xml/reader.h:
