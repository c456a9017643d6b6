windows/obj/plugin/store/reference_numbers.o: \
 plugin/store/reference_numbers.cc windows/compat/onshi_posix_win.h \
 plugin/store/reference_numbers.h plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/reference_numbers.h:
plugin/db/connection.h:
