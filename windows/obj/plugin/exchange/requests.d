windows/obj/plugin/exchange/requests.o: plugin/exchange/requests.cc \
 windows/compat/onshi_posix_win.h plugin/exchange/requests.h \
 plugin/common/error.h plugin/db/facility.h plugin/model/messages.h \
 plugin/model/encoding.h plugin/model/kind.h plugin/model/schema.h \
 plugin/db/connection.h plugin/db/db_error.h plugin/db/transaction.h \
 plugin/exchange/flows.h plugin/exchange/share.h plugin/store/jobs.h \
 plugin/store/terminal_health.h plugin/text/encoding.h \
 plugin/xml/writer.h
windows/compat/onshi_posix_win.h:
plugin/exchange/requests.h:
plugin/common/error.h:
plugin/db/facility.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
plugin/db/connection.h:
plugin/db/db_error.h:
plugin/db/transaction.h:
plugin/exchange/flows.h:
plugin/exchange/share.h:
plugin/store/jobs.h:
plugin/store/terminal_health.h:
plugin/text/encoding.h:
plugin/xml/writer.h:
