windows/obj/plugin/common/win32.o: plugin/common/win32.cc \
 windows/compat/onshi_posix_win.h plugin/common/win32.h
windows/compat/onshi_posix_win.h:
plugin/common/win32.h:
