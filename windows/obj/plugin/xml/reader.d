windows/obj/plugin/xml/reader.o: plugin/xml/reader.cc \
 windows/compat/onshi_posix_win.h plugin/xml/reader.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/kind.h \
 plugin/model/schema.h windows/deps/include/libxml2/libxml/parser.h \
 windows/deps/include/libxml2/libxml/xmlversion.h \
 windows/deps/include/libxml2/libxml/xmlexports.h \
 windows/deps/include/libxml2/libxml/tree.h \
 windows/deps/include/libxml2/libxml/xmlstring.h \
 windows/deps/include/libxml2/libxml/xmlregexp.h \
 windows/deps/include/libxml2/libxml/dict.h \
 windows/deps/include/libxml2/libxml/hash.h \
 windows/deps/include/libxml2/libxml/valid.h \
 windows/deps/include/libxml2/libxml/xmlerror.h \
 windows/deps/include/libxml2/libxml/list.h \
 windows/deps/include/libxml2/libxml/xmlautomata.h \
 windows/deps/include/libxml2/libxml/entities.h \
 windows/deps/include/libxml2/libxml/encoding.h \
 windows/deps/include/libxml2/libxml/xmlIO.h \
 windows/deps/include/libxml2/libxml/globals.h \
 windows/deps/include/libxml2/libxml/SAX2.h \
 windows/deps/include/libxml2/libxml/xlink.h \
 windows/deps/include/libxml2/libxml/xmlmemory.h \
 windows/deps/include/libxml2/libxml/threads.h \
 windows/deps/include/libxml2/libxml/parserInternals.h \
 windows/deps/include/libxml2/libxml/HTMLparser.h \
 windows/deps/include/libxml2/libxml/chvalid.h plugin/common/error.h \
 plugin/common/stat_time.h plugin/model/validate.h plugin/text/encoding.h
windows/compat/onshi_posix_win.h:
plugin/xml/reader.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
windows/deps/include/libxml2/libxml/parser.h:
windows/deps/include/libxml2/libxml/xmlversion.h:
windows/deps/include/libxml2/libxml/xmlexports.h:
windows/deps/include/libxml2/libxml/tree.h:
windows/deps/include/libxml2/libxml/xmlstring.h:
windows/deps/include/libxml2/libxml/xmlregexp.h:
windows/deps/include/libxml2/libxml/dict.h:
windows/deps/include/libxml2/libxml/hash.h:
windows/deps/include/libxml2/libxml/valid.h:
windows/deps/include/libxml2/libxml/xmlerror.h:
windows/deps/include/libxml2/libxml/list.h:
windows/deps/include/libxml2/libxml/xmlautomata.h:
windows/deps/include/libxml2/libxml/entities.h:
windows/deps/include/libxml2/libxml/encoding.h:
windows/deps/include/libxml2/libxml/xmlIO.h:
windows/deps/include/libxml2/libxml/globals.h:
windows/deps/include/libxml2/libxml/SAX2.h:
windows/deps/include/libxml2/libxml/xlink.h:
windows/deps/include/libxml2/libxml/xmlmemory.h:
windows/deps/include/libxml2/libxml/threads.h:
windows/deps/include/libxml2/libxml/parserInternals.h:
windows/deps/include/libxml2/libxml/HTMLparser.h:
windows/deps/include/libxml2/libxml/chvalid.h:
plugin/common/error.h:
plugin/common/stat_time.h:
plugin/model/validate.h:
plugin/text/encoding.h:
