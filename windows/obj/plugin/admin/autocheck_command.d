windows/obj/plugin/admin/autocheck_command.o: \
 plugin/admin/autocheck_command.cc windows/compat/onshi_posix_win.h \
 plugin/admin/autocheck_command.h plugin/admin/command_support.h \
 plugin/admin/db_commands.h plugin/admin/inspect.h plugin/common/error.h \
 plugin/db/db_error.h plugin/db/facility.h plugin/common/i18n.h \
 plugin/db/connection.h plugin/db/migrations.h plugin/store/auto_check.h
windows/compat/onshi_posix_win.h:
plugin/admin/autocheck_command.h:
plugin/admin/command_support.h:
plugin/admin/db_commands.h:
plugin/admin/inspect.h:
plugin/common/error.h:
plugin/db/db_error.h:
plugin/db/facility.h:
plugin/common/i18n.h:
plugin/db/connection.h:
plugin/db/migrations.h:
plugin/store/auto_check.h:
