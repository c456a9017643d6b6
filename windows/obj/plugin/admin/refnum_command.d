windows/obj/plugin/admin/refnum_command.o: plugin/admin/refnum_command.cc \
 windows/compat/onshi_posix_win.h plugin/admin/refnum_command.h \
 plugin/admin/command_support.h plugin/admin/db_commands.h \
 plugin/admin/inspect.h plugin/common/error.h plugin/db/db_error.h \
 plugin/db/facility.h plugin/common/i18n.h plugin/db/connection.h \
 plugin/db/migrations.h plugin/db/transaction.h \
 plugin/exchange/medical_info.h plugin/exchange/flows.h \
 plugin/model/kind.h plugin/host/staff.h \
 plugin/exchange/reference_numbers.h plugin/host/patients.h \
 plugin/match/linker.h plugin/model/messages.h plugin/model/encoding.h \
 plugin/model/schema.h plugin/store/reference_numbers.h \
 plugin/store/staff.h
windows/compat/onshi_posix_win.h:
plugin/admin/refnum_command.h:
plugin/admin/command_support.h:
plugin/admin/db_commands.h:
plugin/admin/inspect.h:
plugin/common/error.h:
plugin/db/db_error.h:
plugin/db/facility.h:
plugin/common/i18n.h:
plugin/db/connection.h:
plugin/db/migrations.h:
plugin/db/transaction.h:
plugin/exchange/medical_info.h:
plugin/exchange/flows.h:
plugin/model/kind.h:
plugin/host/staff.h:
plugin/exchange/reference_numbers.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
plugin/store/reference_numbers.h:
plugin/store/staff.h:
