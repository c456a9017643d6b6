windows/obj/plugin/store/written_consent.o: \
 plugin/store/written_consent.cc windows/compat/onshi_posix_win.h \
 plugin/store/written_consent.h plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/written_consent.h:
plugin/db/connection.h:
