windows/obj/plugin/exchange/share.o: plugin/exchange/share.cc \
 windows/compat/onshi_posix_win.h
windows/compat/onshi_posix_win.h:
