windows/obj/plugin/host/patient_registration.o: \
 plugin/host/patient_registration.cc windows/compat/onshi_posix_win.h \
 plugin/host/patient_registration.h plugin/host/public_assistance_apply.h \
 plugin/common/clock.h plugin/db/connection.h \
 plugin/host/insurance_kind.h plugin/host/numbering.h \
 plugin/common/error.h plugin/host/orca_rows.h plugin/text/normalize.h \
 plugin/text/utf8.h
windows/compat/onshi_posix_win.h:
plugin/host/patient_registration.h:
plugin/host/public_assistance_apply.h:
plugin/common/clock.h:
plugin/db/connection.h:
plugin/host/insurance_kind.h:
plugin/host/numbering.h:
plugin/common/error.h:
plugin/host/orca_rows.h:
plugin/text/normalize.h:
plugin/text/utf8.h:
