windows/obj/plugin/store/staff.o: plugin/store/staff.cc \
 windows/compat/onshi_posix_win.h plugin/store/staff.h \
 plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/staff.h:
plugin/db/connection.h:
