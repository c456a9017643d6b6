windows/obj/plugin/host/orca_rows.o: plugin/host/orca_rows.cc \
 windows/compat/onshi_posix_win.h plugin/host/orca_rows.h \
 plugin/db/connection.h plugin/text/normalize.h plugin/text/utf8.h
windows/compat/onshi_posix_win.h:
plugin/host/orca_rows.h:
plugin/db/connection.h:
plugin/text/normalize.h:
plugin/text/utf8.h:
