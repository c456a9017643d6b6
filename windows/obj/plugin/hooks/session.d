windows/obj/plugin/hooks/session.o: plugin/hooks/session.cc \
 windows/compat/onshi_posix_win.h plugin/hooks/session.h \
 plugin/common/error.h hooks/onshi_link_abi.h plugin/common/i18n.h \
 plugin/common/log.h config.h plugin/db/connection.h plugin/db/db_error.h \
 plugin/db/facility.h plugin/db/migrations.h plugin/exchange/requests.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/kind.h \
 plugin/model/schema.h plugin/hooks/fixed.h
windows/compat/onshi_posix_win.h:
plugin/hooks/session.h:
plugin/common/error.h:
hooks/onshi_link_abi.h:
plugin/common/i18n.h:
plugin/common/log.h:
config.h:
plugin/db/connection.h:
plugin/db/db_error.h:
plugin/db/facility.h:
plugin/db/migrations.h:
plugin/exchange/requests.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
plugin/hooks/fixed.h:
