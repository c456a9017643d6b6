windows/obj/plugin/exchange/share_win.o: plugin/exchange/share_win.cc \
 windows/compat/onshi_posix_win.h plugin/common/error.h \
 plugin/common/stat_time.h plugin/common/win32.h plugin/exchange/share.h
windows/compat/onshi_posix_win.h:
plugin/common/error.h:
plugin/common/stat_time.h:
plugin/common/win32.h:
plugin/exchange/share.h:
