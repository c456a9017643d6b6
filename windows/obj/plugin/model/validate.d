windows/obj/plugin/model/validate.o: plugin/model/validate.cc \
 windows/compat/onshi_posix_win.h plugin/model/validate.h \
 plugin/common/error.h plugin/model/messages.h plugin/model/encoding.h \
 plugin/model/kind.h plugin/model/schema.h
windows/compat/onshi_posix_win.h:
plugin/model/validate.h:
plugin/common/error.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
