windows/obj/plugin/store/insurance_apply.o: \
 plugin/store/insurance_apply.cc windows/compat/onshi_posix_win.h \
 plugin/store/insurance_apply.h plugin/common/error.h \
 plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/insurance_apply.h:
plugin/common/error.h:
plugin/db/connection.h:
