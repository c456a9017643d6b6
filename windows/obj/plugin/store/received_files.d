windows/obj/plugin/store/received_files.o: plugin/store/received_files.cc \
 windows/compat/onshi_posix_win.h plugin/store/received_files.h \
 plugin/db/connection.h plugin/db/db_error.h plugin/common/error.h \
 plugin/text/encoding.h plugin/model/encoding.h
windows/compat/onshi_posix_win.h:
plugin/store/received_files.h:
plugin/db/connection.h:
plugin/db/db_error.h:
plugin/common/error.h:
plugin/text/encoding.h:
plugin/model/encoding.h:
