windows/obj/plugin/host/numbering.o: plugin/host/numbering.cc \
 windows/compat/onshi_posix_win.h plugin/host/numbering.h \
 plugin/common/error.h plugin/common/clock.h plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/host/numbering.h:
plugin/common/error.h:
plugin/common/clock.h:
plugin/db/connection.h:
