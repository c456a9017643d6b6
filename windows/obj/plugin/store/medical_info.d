windows/obj/plugin/store/medical_info.o: plugin/store/medical_info.cc \
 windows/compat/onshi_posix_win.h plugin/store/medical_info.h \
 plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/medical_info.h:
plugin/db/connection.h:
