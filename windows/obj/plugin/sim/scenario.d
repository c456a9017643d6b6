windows/obj/plugin/sim/scenario.o: plugin/sim/scenario.cc \
 windows/compat/onshi_posix_win.h plugin/sim/scenario.h \
 plugin/json/json.h plugin/model/messages.h plugin/model/encoding.h \
 plugin/model/kind.h plugin/model/schema.h plugin/common/error.h \
 plugin/model/validate.h plugin/sim/util.h plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/sim/scenario.h:
plugin/json/json.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
plugin/common/error.h:
plugin/model/validate.h:
plugin/sim/util.h:
plugin/text/normalize.h:
