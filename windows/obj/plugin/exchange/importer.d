windows/obj/plugin/exchange/importer.o: plugin/exchange/importer.cc \
 windows/compat/onshi_posix_win.h plugin/exchange/importer.h \
 plugin/db/facility.h plugin/common/error.h plugin/store/received_files.h \
 plugin/common/log.h plugin/common/sha256.h plugin/common/stat_time.h \
 plugin/db/connection.h plugin/db/db_error.h plugin/db/transaction.h \
 plugin/exchange/flows.h plugin/model/kind.h plugin/exchange/requests.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/schema.h \
 plugin/exchange/share.h plugin/store/jobs.h plugin/store/notices.h \
 plugin/store/statistics.h plugin/db/planner_statistics.h \
 plugin/text/encoding.h plugin/xml/reader.h
windows/compat/onshi_posix_win.h:
plugin/exchange/importer.h:
plugin/db/facility.h:
plugin/common/error.h:
plugin/store/received_files.h:
plugin/common/log.h:
plugin/common/sha256.h:
plugin/common/stat_time.h:
plugin/db/connection.h:
plugin/db/db_error.h:
plugin/db/transaction.h:
plugin/exchange/flows.h:
plugin/model/kind.h:
plugin/exchange/requests.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/schema.h:
plugin/exchange/share.h:
plugin/store/jobs.h:
plugin/store/notices.h:
plugin/store/statistics.h:
plugin/db/planner_statistics.h:
plugin/text/encoding.h:
plugin/xml/reader.h:
