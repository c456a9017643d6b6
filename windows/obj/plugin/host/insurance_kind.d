windows/obj/plugin/host/insurance_kind.o: plugin/host/insurance_kind.cc \
 windows/compat/onshi_posix_win.h plugin/host/insurance_kind.h \
 plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/host/insurance_kind.h:
plugin/db/connection.h:
