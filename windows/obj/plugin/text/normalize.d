windows/obj/plugin/text/normalize.o: plugin/text/normalize.cc \
 windows/compat/onshi_posix_win.h plugin/text/normalize.h \
 plugin/text/utf8.h
windows/compat/onshi_posix_win.h:
plugin/text/normalize.h:
plugin/text/utf8.h:
