windows/obj/plugin/admin/onshi_admin_main.o: \
 plugin/admin/onshi_admin_main.cc windows/compat/onshi_posix_win.h \
 plugin/admin/apply_command.h plugin/admin/autocheck_command.h \
 plugin/admin/bulk_command.h plugin/admin/check_command.h \
 plugin/admin/claims_command.h plugin/admin/consent_command.h \
 plugin/admin/db_commands.h plugin/admin/inspect.h \
 plugin/admin/notices_command.h plugin/admin/outage_command.h \
 plugin/admin/pubassist_command.h plugin/admin/refnum_command.h \
 plugin/admin/results_command.h plugin/common/i18n.h
windows/compat/onshi_posix_win.h:
plugin/admin/apply_command.h:
plugin/admin/autocheck_command.h:
plugin/admin/bulk_command.h:
plugin/admin/check_command.h:
plugin/admin/claims_command.h:
plugin/admin/consent_command.h:
plugin/admin/db_commands.h:
plugin/admin/inspect.h:
plugin/admin/notices_command.h:
plugin/admin/outage_command.h:
plugin/admin/pubassist_command.h:
plugin/admin/refnum_command.h:
plugin/admin/results_command.h:
plugin/common/i18n.h:
