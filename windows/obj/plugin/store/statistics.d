windows/obj/plugin/store/statistics.o: plugin/store/statistics.cc \
 windows/compat/onshi_posix_win.h plugin/store/statistics.h \
 plugin/db/planner_statistics.h
windows/compat/onshi_posix_win.h:
plugin/store/statistics.h:
plugin/db/planner_statistics.h:
