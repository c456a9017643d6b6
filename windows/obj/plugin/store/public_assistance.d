windows/obj/plugin/store/public_assistance.o: \
 plugin/store/public_assistance.cc windows/compat/onshi_posix_win.h \
 plugin/store/public_assistance.h plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/public_assistance.h:
plugin/db/connection.h:
