windows/obj/plugin/model/messages.o: plugin/model/messages.cc \
 windows/compat/onshi_posix_win.h plugin/model/messages.h \
 plugin/model/encoding.h plugin/model/kind.h plugin/model/schema.h
windows/compat/onshi_posix_win.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
