windows/obj/windows/compat/onshi_posix_win.o: \
 windows/compat/onshi_posix_win.cc windows/compat/onshi_posix_win.h \
 plugin/common/win32.h
windows/compat/onshi_posix_win.h:
plugin/common/win32.h:
