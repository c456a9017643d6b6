windows/obj/plugin/sim/util.o: plugin/sim/util.cc \
 windows/compat/onshi_posix_win.h plugin/sim/util.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/kind.h \
 plugin/model/schema.h plugin/common/error.h plugin/model/validate.h
windows/compat/onshi_posix_win.h:
plugin/sim/util.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
plugin/common/error.h:
plugin/model/validate.h:
