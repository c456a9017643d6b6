windows/obj/plugin/common/error.o: plugin/common/error.cc \
 windows/compat/onshi_posix_win.h plugin/common/error.h
windows/compat/onshi_posix_win.h:
plugin/common/error.h:
