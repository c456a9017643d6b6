windows/obj/plugin/admin/apply_command.o: plugin/admin/apply_command.cc \
 windows/compat/onshi_posix_win.h plugin/admin/apply_command.h \
 plugin/admin/command_support.h plugin/admin/db_commands.h \
 plugin/admin/inspect.h plugin/common/error.h plugin/db/db_error.h \
 plugin/db/facility.h plugin/common/i18n.h plugin/db/connection.h \
 plugin/db/migrations.h plugin/exchange/insurance_apply.h \
 plugin/host/patients.h plugin/match/linker.h plugin/model/messages.h \
 plugin/model/encoding.h plugin/model/kind.h plugin/model/schema.h
windows/compat/onshi_posix_win.h:
plugin/admin/apply_command.h:
plugin/admin/command_support.h:
plugin/admin/db_commands.h:
plugin/admin/inspect.h:
plugin/common/error.h:
plugin/db/db_error.h:
plugin/db/facility.h:
plugin/common/i18n.h:
plugin/db/connection.h:
plugin/db/migrations.h:
plugin/exchange/insurance_apply.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
