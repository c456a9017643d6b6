windows/obj/plugin/admin/claims_command.o: plugin/admin/claims_command.cc \
 windows/compat/onshi_posix_win.h plugin/admin/claims_command.h \
 plugin/admin/command_support.h plugin/admin/db_commands.h \
 plugin/admin/inspect.h plugin/common/error.h plugin/db/db_error.h \
 plugin/db/facility.h plugin/common/i18n.h plugin/common/log.h \
 plugin/common/message_ids.h plugin/db/connection.h \
 plugin/db/migrations.h plugin/exchange/claim_transfers.h \
 plugin/model/encoding.h plugin/store/claim_transfers.h \
 plugin/host/patients.h plugin/match/linker.h plugin/model/messages.h \
 plugin/model/kind.h plugin/model/schema.h
windows/compat/onshi_posix_win.h:
plugin/admin/claims_command.h:
plugin/admin/command_support.h:
plugin/admin/db_commands.h:
plugin/admin/inspect.h:
plugin/common/error.h:
plugin/db/db_error.h:
plugin/db/facility.h:
plugin/common/i18n.h:
plugin/common/log.h:
plugin/common/message_ids.h:
plugin/db/connection.h:
plugin/db/migrations.h:
plugin/exchange/claim_transfers.h:
plugin/model/encoding.h:
plugin/store/claim_transfers.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/model/messages.h:
plugin/model/kind.h:
plugin/model/schema.h:
