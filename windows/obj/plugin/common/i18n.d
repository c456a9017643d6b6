windows/obj/plugin/common/i18n.o: plugin/common/i18n.cc \
 windows/compat/onshi_posix_win.h plugin/common/i18n.h \
 plugin/common/nls_win.h plugin/common/message_ids.h config.h
windows/compat/onshi_posix_win.h:
plugin/common/i18n.h:
plugin/common/nls_win.h:
plugin/common/message_ids.h:
config.h:
