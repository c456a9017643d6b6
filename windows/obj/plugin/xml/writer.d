windows/obj/plugin/xml/writer.o: plugin/xml/writer.cc \
 windows/compat/onshi_posix_win.h plugin/xml/writer.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/kind.h \
 plugin/model/schema.h plugin/common/error.h plugin/model/validate.h \
 plugin/text/encoding.h plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/xml/writer.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
plugin/common/error.h:
plugin/model/validate.h:
plugin/text/encoding.h:
plugin/text/normalize.h:
