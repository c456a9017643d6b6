windows/obj/plugin/host/planner_statistics.o: \
 plugin/host/planner_statistics.cc windows/compat/onshi_posix_win.h \
 plugin/host/planner_statistics.h plugin/db/planner_statistics.h
windows/compat/onshi_posix_win.h:
plugin/host/planner_statistics.h:
plugin/db/planner_statistics.h:
