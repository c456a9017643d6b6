windows/obj/plugin/store/prefill.o: plugin/store/prefill.cc \
 windows/compat/onshi_posix_win.h plugin/store/prefill.h \
 plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/prefill.h:
plugin/db/connection.h:
