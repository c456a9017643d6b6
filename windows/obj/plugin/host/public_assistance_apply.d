windows/obj/plugin/host/public_assistance_apply.o: \
 plugin/host/public_assistance_apply.cc windows/compat/onshi_posix_win.h \
 plugin/host/public_assistance_apply.h plugin/common/clock.h \
 plugin/db/connection.h plugin/host/numbering.h plugin/common/error.h \
 plugin/host/orca_rows.h plugin/text/normalize.h
windows/compat/onshi_posix_win.h:
plugin/host/public_assistance_apply.h:
plugin/common/clock.h:
plugin/db/connection.h:
plugin/host/numbering.h:
plugin/common/error.h:
plugin/host/orca_rows.h:
plugin/text/normalize.h:
