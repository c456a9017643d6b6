windows/obj/plugin/store/outage.o: plugin/store/outage.cc \
 windows/compat/onshi_posix_win.h plugin/store/outage.h \
 plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/outage.h:
plugin/db/connection.h:
