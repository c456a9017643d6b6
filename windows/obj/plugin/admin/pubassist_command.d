windows/obj/plugin/admin/pubassist_command.o: \
 plugin/admin/pubassist_command.cc windows/compat/onshi_posix_win.h \
 plugin/admin/pubassist_command.h plugin/admin/command_support.h \
 plugin/admin/db_commands.h plugin/admin/inspect.h plugin/common/error.h \
 plugin/db/db_error.h plugin/db/facility.h plugin/common/i18n.h \
 plugin/db/connection.h plugin/db/migrations.h \
 plugin/exchange/bulk_check.h plugin/exchange/flows.h plugin/model/kind.h \
 plugin/host/patients.h plugin/match/linker.h plugin/model/messages.h \
 plugin/model/encoding.h plugin/model/schema.h plugin/json/json.h \
 plugin/store/public_assistance.h
windows/compat/onshi_posix_win.h:
plugin/admin/pubassist_command.h:
plugin/admin/command_support.h:
plugin/admin/db_commands.h:
plugin/admin/inspect.h:
plugin/common/error.h:
plugin/db/db_error.h:
plugin/db/facility.h:
plugin/common/i18n.h:
plugin/db/connection.h:
plugin/db/migrations.h:
plugin/exchange/bulk_check.h:
plugin/exchange/flows.h:
plugin/model/kind.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
plugin/json/json.h:
plugin/store/public_assistance.h:
