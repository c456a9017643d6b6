windows/obj/plugin/match/linker.o: plugin/match/linker.cc \
 windows/compat/onshi_posix_win.h plugin/match/linker.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/kind.h \
 plugin/model/schema.h plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/match/linker.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
plugin/text/normalize.h:
