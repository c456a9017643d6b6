windows/obj/plugin/admin/command_support.o: \
 plugin/admin/command_support.cc windows/compat/onshi_posix_win.h \
 plugin/admin/command_support.h plugin/admin/db_commands.h \
 plugin/admin/inspect.h plugin/common/error.h plugin/db/db_error.h \
 plugin/db/facility.h plugin/common/i18n.h
windows/compat/onshi_posix_win.h:
plugin/admin/command_support.h:
plugin/admin/db_commands.h:
plugin/admin/inspect.h:
plugin/common/error.h:
plugin/db/db_error.h:
plugin/db/facility.h:
plugin/common/i18n.h:
