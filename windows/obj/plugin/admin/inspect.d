windows/obj/plugin/admin/inspect.o: plugin/admin/inspect.cc \
 windows/compat/onshi_posix_win.h plugin/admin/inspect.h \
 plugin/common/error.h plugin/common/i18n.h plugin/common/log.h \
 plugin/json/document_json.h plugin/json/json.h plugin/model/messages.h \
 plugin/model/encoding.h plugin/model/kind.h plugin/model/schema.h \
 plugin/text/encoding.h plugin/xml/reader.h
windows/compat/onshi_posix_win.h:
plugin/admin/inspect.h:
plugin/common/error.h:
plugin/common/i18n.h:
plugin/common/log.h:
plugin/json/document_json.h:
plugin/json/json.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
plugin/text/encoding.h:
plugin/xml/reader.h:
