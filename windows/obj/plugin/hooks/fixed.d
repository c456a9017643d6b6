windows/obj/plugin/hooks/fixed.o: plugin/hooks/fixed.cc \
 windows/compat/onshi_posix_win.h plugin/hooks/fixed.h \
 plugin/hooks/session.h plugin/common/error.h hooks/onshi_link_abi.h
windows/compat/onshi_posix_win.h:
plugin/hooks/fixed.h:
plugin/hooks/session.h:
plugin/common/error.h:
hooks/onshi_link_abi.h:
