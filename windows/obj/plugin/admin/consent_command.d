windows/obj/plugin/admin/consent_command.o: \
 plugin/admin/consent_command.cc windows/compat/onshi_posix_win.h \
 plugin/admin/consent_command.h plugin/admin/command_support.h \
 plugin/admin/db_commands.h plugin/admin/inspect.h plugin/common/error.h \
 plugin/db/db_error.h plugin/db/facility.h plugin/common/i18n.h \
 plugin/db/connection.h plugin/db/migrations.h \
 plugin/exchange/consent_withdrawal.h plugin/exchange/flows.h \
 plugin/model/kind.h plugin/exchange/written_consent.h \
 plugin/host/patients.h plugin/match/linker.h plugin/model/messages.h \
 plugin/model/encoding.h plugin/model/schema.h \
 plugin/store/consent_withdrawal.h plugin/store/written_consent.h
windows/compat/onshi_posix_win.h:
plugin/admin/consent_command.h:
plugin/admin/command_support.h:
plugin/admin/db_commands.h:
plugin/admin/inspect.h:
plugin/common/error.h:
plugin/db/db_error.h:
plugin/db/facility.h:
plugin/common/i18n.h:
plugin/db/connection.h:
plugin/db/migrations.h:
plugin/exchange/consent_withdrawal.h:
plugin/exchange/flows.h:
plugin/model/kind.h:
plugin/exchange/written_consent.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
plugin/store/consent_withdrawal.h:
plugin/store/written_consent.h:
