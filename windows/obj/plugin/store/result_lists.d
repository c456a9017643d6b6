windows/obj/plugin/store/result_lists.o: plugin/store/result_lists.cc \
 windows/compat/onshi_posix_win.h plugin/store/result_lists.h \
 plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/result_lists.h:
plugin/db/connection.h:
