windows/obj/plugin/admin/notices_command.o: \
 plugin/admin/notices_command.cc windows/compat/onshi_posix_win.h \
 plugin/admin/notices_command.h plugin/admin/command_support.h \
 plugin/admin/db_commands.h plugin/admin/inspect.h plugin/common/error.h \
 plugin/db/db_error.h plugin/db/facility.h plugin/common/i18n.h \
 plugin/common/message_ids.h plugin/db/connection.h \
 plugin/db/migrations.h plugin/store/notices.h
windows/compat/onshi_posix_win.h:
plugin/admin/notices_command.h:
plugin/admin/command_support.h:
plugin/admin/db_commands.h:
plugin/admin/inspect.h:
plugin/common/error.h:
plugin/db/db_error.h:
plugin/db/facility.h:
plugin/common/i18n.h:
plugin/common/message_ids.h:
plugin/db/connection.h:
plugin/db/migrations.h:
plugin/store/notices.h:
