windows/obj/plugin/store/consent_withdrawal.o: \
 plugin/store/consent_withdrawal.cc windows/compat/onshi_posix_win.h \
 plugin/store/consent_withdrawal.h plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/consent_withdrawal.h:
plugin/db/connection.h:
