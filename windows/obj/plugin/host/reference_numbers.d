windows/obj/plugin/host/reference_numbers.o: \
 plugin/host/reference_numbers.cc windows/compat/onshi_posix_win.h \
 plugin/host/reference_numbers.h plugin/db/connection.h \
 plugin/host/insurance.h
windows/compat/onshi_posix_win.h:
plugin/host/reference_numbers.h:
plugin/db/connection.h:
plugin/host/insurance.h:
