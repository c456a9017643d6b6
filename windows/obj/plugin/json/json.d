windows/obj/plugin/json/json.o: plugin/json/json.cc \
 windows/compat/onshi_posix_win.h plugin/json/json.h \
 plugin/common/error.h plugin/text/utf8.h
windows/compat/onshi_posix_win.h:
plugin/json/json.h:
plugin/common/error.h:
plugin/text/utf8.h:
