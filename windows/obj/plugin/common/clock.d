windows/obj/plugin/common/clock.o: plugin/common/clock.cc \
 windows/compat/onshi_posix_win.h plugin/common/clock.h \
 plugin/common/log.h plugin/common/stat_time.h
windows/compat/onshi_posix_win.h:
plugin/common/clock.h:
plugin/common/log.h:
plugin/common/stat_time.h:
