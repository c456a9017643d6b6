windows/obj/plugin/sim/responder.o: plugin/sim/responder.cc \
 windows/compat/onshi_posix_win.h plugin/sim/responder.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/kind.h \
 plugin/model/schema.h plugin/sim/scenario.h plugin/json/json.h \
 plugin/sim/util.h plugin/common/error.h plugin/text/encoding.h \
 plugin/text/normalize.h plugin/xml/reader.h plugin/xml/writer.h
windows/compat/onshi_posix_win.h:
plugin/sim/responder.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
plugin/sim/scenario.h:
plugin/json/json.h:
plugin/sim/util.h:
plugin/common/error.h:
plugin/text/encoding.h:
plugin/text/normalize.h:
plugin/xml/reader.h:
plugin/xml/writer.h:
