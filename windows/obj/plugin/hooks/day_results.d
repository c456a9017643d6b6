windows/obj/plugin/hooks/day_results.o: plugin/hooks/day_results.cc \
 windows/compat/onshi_posix_win.h plugin/common/clock.h \
 plugin/exchange/qualification.h plugin/exchange/flows.h \
 plugin/db/facility.h plugin/common/error.h plugin/model/kind.h \
 plugin/host/planner_statistics.h plugin/db/planner_statistics.h \
 plugin/hooks/fill.h plugin/hooks/fixed.h plugin/hooks/results.h \
 plugin/hooks/session.h hooks/onshi_link_abi.h plugin/hooks/screens.h \
 plugin/exchange/insurance_apply.h plugin/host/patients.h \
 plugin/match/linker.h plugin/model/messages.h plugin/model/encoding.h \
 plugin/model/schema.h plugin/model/validate.h \
 plugin/store/result_lists.h
windows/compat/onshi_posix_win.h:
plugin/common/clock.h:
plugin/exchange/qualification.h:
plugin/exchange/flows.h:
plugin/db/facility.h:
plugin/common/error.h:
plugin/model/kind.h:
plugin/host/planner_statistics.h:
plugin/db/planner_statistics.h:
plugin/hooks/fill.h:
plugin/hooks/fixed.h:
plugin/hooks/results.h:
plugin/hooks/session.h:
hooks/onshi_link_abi.h:
plugin/hooks/screens.h:
plugin/exchange/insurance_apply.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
plugin/model/validate.h:
plugin/store/result_lists.h:
