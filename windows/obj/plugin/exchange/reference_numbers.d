windows/obj/plugin/exchange/reference_numbers.o: \
 plugin/exchange/reference_numbers.cc windows/compat/onshi_posix_win.h \
 plugin/exchange/reference_numbers.h plugin/db/facility.h \
 plugin/common/error.h plugin/exchange/flows.h plugin/model/kind.h \
 plugin/common/clock.h plugin/db/connection.h plugin/db/transaction.h \
 plugin/exchange/requests.h plugin/model/messages.h \
 plugin/model/encoding.h plugin/model/schema.h plugin/host/insurance.h \
 plugin/host/patients.h plugin/match/linker.h \
 plugin/host/reference_numbers.h plugin/store/confirmations.h \
 plugin/store/jobs.h plugin/store/reference_numbers.h \
 plugin/store/staff.h plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/exchange/reference_numbers.h:
plugin/db/facility.h:
plugin/common/error.h:
plugin/exchange/flows.h:
plugin/model/kind.h:
plugin/common/clock.h:
plugin/db/connection.h:
plugin/db/transaction.h:
plugin/exchange/requests.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
plugin/host/insurance.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/host/reference_numbers.h:
plugin/store/confirmations.h:
plugin/store/jobs.h:
plugin/store/reference_numbers.h:
plugin/store/staff.h:
plugin/text/normalize.h:
