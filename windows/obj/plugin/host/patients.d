windows/obj/plugin/host/patients.o: plugin/host/patients.cc \
 windows/compat/onshi_posix_win.h plugin/host/patients.h \
 plugin/match/linker.h plugin/model/messages.h plugin/model/encoding.h \
 plugin/model/kind.h plugin/model/schema.h plugin/db/connection.h \
 plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
plugin/db/connection.h:
plugin/text/normalize.h:
