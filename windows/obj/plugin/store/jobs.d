windows/obj/plugin/store/jobs.o: plugin/store/jobs.cc \
 windows/compat/onshi_posix_win.h plugin/store/jobs.h \
 plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/jobs.h:
plugin/db/connection.h:
