windows/obj/plugin/store/auto_check.o: plugin/store/auto_check.cc \
 windows/compat/onshi_posix_win.h plugin/store/auto_check.h \
 plugin/common/error.h plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/auto_check.h:
plugin/common/error.h:
plugin/db/connection.h:
