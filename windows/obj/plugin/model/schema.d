windows/obj/plugin/model/schema.o: plugin/model/schema.cc \
 windows/compat/onshi_posix_win.h plugin/model/schema.h
windows/compat/onshi_posix_win.h:
plugin/model/schema.h:
