windows/obj/plugin/common/log.o: plugin/common/log.cc \
 windows/compat/onshi_posix_win.h plugin/common/log.h \
 plugin/common/log_win.h config.h
windows/compat/onshi_posix_win.h:
plugin/common/log.h:
plugin/common/log_win.h:
config.h:
