windows/obj/plugin/model/kind.o: plugin/model/kind.cc \
 windows/compat/onshi_posix_win.h plugin/model/kind.h
windows/compat/onshi_posix_win.h:
plugin/model/kind.h:
