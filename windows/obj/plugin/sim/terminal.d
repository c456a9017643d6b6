windows/obj/plugin/sim/terminal.o: plugin/sim/terminal.cc \
 windows/compat/onshi_posix_win.h plugin/sim/terminal.h \
 plugin/sim/responder.h plugin/model/messages.h plugin/model/encoding.h \
 plugin/model/kind.h plugin/model/schema.h plugin/sim/scenario.h \
 plugin/json/json.h plugin/sim/util.h plugin/common/error.h \
 plugin/common/stat_time.h plugin/xml/reader.h
windows/compat/onshi_posix_win.h:
plugin/sim/terminal.h:
plugin/sim/responder.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
plugin/sim/scenario.h:
plugin/json/json.h:
plugin/sim/util.h:
plugin/common/error.h:
plugin/common/stat_time.h:
plugin/xml/reader.h:
