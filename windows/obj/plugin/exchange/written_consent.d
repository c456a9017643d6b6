windows/obj/plugin/exchange/written_consent.o: \
 plugin/exchange/written_consent.cc windows/compat/onshi_posix_win.h \
 plugin/exchange/written_consent.h plugin/common/error.h \
 plugin/db/connection.h plugin/host/patients.h plugin/match/linker.h \
 plugin/model/messages.h plugin/model/encoding.h plugin/model/kind.h \
 plugin/model/schema.h plugin/host/staff.h plugin/model/validate.h \
 plugin/store/medical_info.h plugin/store/written_consent.h
windows/compat/onshi_posix_win.h:
plugin/exchange/written_consent.h:
plugin/common/error.h:
plugin/db/connection.h:
plugin/host/patients.h:
plugin/match/linker.h:
plugin/model/messages.h:
plugin/model/encoding.h:
plugin/model/kind.h:
plugin/model/schema.h:
plugin/host/staff.h:
plugin/model/validate.h:
plugin/store/medical_info.h:
plugin/store/written_consent.h:
