windows/obj/plugin/store/claim_transfers.o: \
 plugin/store/claim_transfers.cc windows/compat/onshi_posix_win.h \
 plugin/store/claim_transfers.h plugin/db/connection.h
windows/compat/onshi_posix_win.h:
plugin/store/claim_transfers.h:
plugin/db/connection.h:
