windows/obj/plugin/hooks/results.o: plugin/hooks/results.cc \
 windows/compat/onshi_posix_win.h plugin/hooks/results.h \
 plugin/hooks/session.h plugin/common/error.h hooks/onshi_link_abi.h \
 plugin/db/connection.h plugin/exchange/reference_numbers.h \
 plugin/db/facility.h plugin/exchange/flows.h plugin/model/kind.h \
 plugin/host/insurance.h plugin/host/patients.h plugin/match/linker.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/schema.h \
 plugin/store/confirmations.h plugin/store/public_assistance.h \
 plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/hooks/results.h:
plugin/hooks/session.h:
plugin/common/error.h:
hooks/onshi_link_abi.h:
plugin/db/connection.h:
plugin/exchange/reference_numbers.h:
plugin/db/facility.h:
plugin/exchange/flows.h:
plugin/model/kind.h:
plugin/host/insurance.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
plugin/store/confirmations.h:
plugin/store/public_assistance.h:
plugin/text/normalize.h:
