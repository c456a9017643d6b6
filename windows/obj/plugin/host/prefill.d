windows/obj/plugin/host/prefill.o: plugin/host/prefill.cc \
 windows/compat/onshi_posix_win.h plugin/host/prefill.h \
 plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/host/prefill.h:
plugin/db/connection.h:
