windows/obj/plugin/admin/check_command.o: plugin/admin/check_command.cc \
 windows/compat/onshi_posix_win.h plugin/admin/check_command.h \
 plugin/admin/command_support.h plugin/admin/db_commands.h \
 plugin/admin/inspect.h plugin/common/error.h plugin/db/db_error.h \
 plugin/db/facility.h plugin/common/clock.h plugin/common/i18n.h \
 plugin/db/connection.h plugin/db/migrations.h \
 plugin/exchange/qualification.h plugin/exchange/flows.h \
 plugin/model/kind.h plugin/host/planner_statistics.h \
 plugin/db/planner_statistics.h plugin/exchange/requests.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/schema.h \
 plugin/host/patients.h plugin/match/linker.h
windows/compat/onshi_posix_win.h:
plugin/admin/check_command.h:
plugin/admin/command_support.h:
plugin/admin/db_commands.h:
plugin/admin/inspect.h:
plugin/common/error.h:
plugin/db/db_error.h:
plugin/db/facility.h:
plugin/common/clock.h:
plugin/common/i18n.h:
plugin/db/connection.h:
plugin/db/migrations.h:
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
