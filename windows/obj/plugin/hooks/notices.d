windows/obj/plugin/hooks/notices.o: plugin/hooks/notices.cc \
 windows/compat/onshi_posix_win.h plugin/store/notices.h \
 plugin/db/facility.h plugin/common/error.h plugin/db/notifications.h \
 plugin/hooks/fill.h plugin/hooks/fixed.h plugin/hooks/results.h \
 plugin/hooks/session.h hooks/onshi_link_abi.h plugin/hooks/screens.h \
 plugin/exchange/insurance_apply.h plugin/host/patients.h \
 plugin/match/linker.h plugin/model/messages.h plugin/model/encoding.h \
 plugin/model/kind.h plugin/model/schema.h plugin/store/terminal_health.h
windows/compat/onshi_posix_win.h:
plugin/store/notices.h:
plugin/db/facility.h:
plugin/common/error.h:
plugin/db/notifications.h:
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
plugin/model/kind.h:
plugin/model/schema.h:
plugin/store/terminal_health.h:
