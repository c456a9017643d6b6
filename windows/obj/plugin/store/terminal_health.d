windows/obj/plugin/store/terminal_health.o: \
 plugin/store/terminal_health.cc windows/compat/onshi_posix_win.h \
 plugin/store/terminal_health.h plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/terminal_health.h:
plugin/db/connection.h:
