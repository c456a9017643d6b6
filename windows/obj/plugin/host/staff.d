windows/obj/plugin/host/staff.o: plugin/host/staff.cc \
 windows/compat/onshi_posix_win.h plugin/host/staff.h \
 plugin/db/connection.h plugin/store/staff.h plugin/text/utf8.h
windows/compat/onshi_posix_win.h:
plugin/host/staff.h:
plugin/db/connection.h:
plugin/store/staff.h:
plugin/text/utf8.h:
