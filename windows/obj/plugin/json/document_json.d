windows/obj/plugin/json/document_json.o: plugin/json/document_json.cc \
 windows/compat/onshi_posix_win.h plugin/json/document_json.h \
 plugin/json/json.h plugin/model/messages.h plugin/model/encoding.h \
 plugin/model/kind.h plugin/model/schema.h
windows/compat/onshi_posix_win.h:
plugin/json/document_json.h:
plugin/json/json.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
