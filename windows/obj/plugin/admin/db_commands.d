windows/obj/plugin/admin/db_commands.o: plugin/admin/db_commands.cc \
 windows/compat/onshi_posix_win.h plugin/admin/db_commands.h \
 plugin/admin/command_support.h plugin/admin/inspect.h \
 plugin/common/error.h plugin/db/db_error.h plugin/db/facility.h \
 plugin/common/clock.h plugin/common/i18n.h plugin/db/connection.h \
 plugin/db/migrations.h plugin/host/planner_statistics.h \
 plugin/db/planner_statistics.h plugin/host/staff.h \
 plugin/store/auto_check.h plugin/store/insurance_apply.h \
 plugin/store/jobs.h plugin/store/prefill.h \
 plugin/store/public_assistance.h plugin/store/purge.h \
 plugin/store/received_files.h plugin/store/status.h \
 plugin/store/terminal_health.h
windows/compat/onshi_posix_win.h:
plugin/admin/db_commands.h:
plugin/admin/command_support.h:
plugin/admin/inspect.h:
plugin/common/error.h:
plugin/db/db_error.h:
plugin/db/facility.h:
plugin/common/clock.h:
plugin/common/i18n.h:
plugin/db/connection.h:
plugin/db/migrations.h:
plugin/host/planner_statistics.h:
plugin/db/planner_statistics.h:
plugin/host/staff.h:
plugin/store/auto_check.h:
plugin/store/insurance_apply.h:
plugin/store/jobs.h:
plugin/store/prefill.h:
plugin/store/public_assistance.h:
plugin/store/purge.h:
plugin/store/received_files.h:
plugin/store/status.h:
plugin/store/terminal_health.h:
