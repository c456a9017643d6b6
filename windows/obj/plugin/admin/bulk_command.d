windows/obj/plugin/admin/bulk_command.o: plugin/admin/bulk_command.cc \
 windows/compat/onshi_posix_win.h plugin/admin/bulk_command.h \
 plugin/admin/command_support.h plugin/admin/db_commands.h \
 plugin/admin/inspect.h plugin/common/error.h plugin/db/db_error.h \
 plugin/db/facility.h plugin/common/clock.h plugin/common/i18n.h \
 plugin/db/connection.h plugin/db/migrations.h \
 plugin/exchange/bulk_check.h plugin/exchange/flows.h plugin/model/kind.h \
 plugin/exchange/requests.h plugin/model/messages.h \
 plugin/model/encoding.h plugin/model/schema.h
windows/compat/onshi_posix_win.h:
plugin/admin/bulk_command.h:
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
plugin/exchange/bulk_check.h:
plugin/exchange/flows.h:
plugin/model/kind.h:
plugin/exchange/requests.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
