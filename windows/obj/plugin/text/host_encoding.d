windows/obj/plugin/text/host_encoding.o: plugin/text/host_encoding.cc \
 windows/compat/onshi_posix_win.h plugin/text/host_encoding.h \
 /tmp/we/pre/unicode/ucnv.h /tmp/we/pre/unicode/ucnv_err.h \
 /tmp/we/pre/unicode/utypes.h /tmp/we/pre/unicode/umachine.h \
 /tmp/we/pre/unicode/ptypes.h /tmp/we/pre/unicode/platform.h \
 /tmp/we/pre/unicode/uconfig.h /tmp/we/pre/unicode/uvernum.h \
 /tmp/we/pre/unicode/urename.h /tmp/we/pre/unicode/uversion.h \
 /tmp/we/pre/unicode/utf.h /tmp/we/pre/unicode/utf8.h \
 /tmp/we/pre/unicode/utf16.h /tmp/we/pre/unicode/utf_old.h \
 /tmp/we/pre/unicode/uenum.h /tmp/we/pre/unicode/localpointer.h \
 /tmp/we/pre/unicode/ucnv_cb.h /tmp/we/pre/unicode/ustring.h \
 /tmp/we/pre/unicode/putil.h /tmp/we/pre/unicode/uiter.h \
 plugin/common/error.h
windows/compat/onshi_posix_win.h:
plugin/text/host_encoding.h:
/tmp/we/pre/unicode/ucnv.h:
/tmp/we/pre/unicode/ucnv_err.h:
/tmp/we/pre/unicode/utypes.h:
/tmp/we/pre/unicode/umachine.h:
/tmp/we/pre/unicode/ptypes.h:
/tmp/we/pre/unicode/platform.h:
/tmp/we/pre/unicode/uconfig.h:
/tmp/we/pre/unicode/uvernum.h:
/tmp/we/pre/unicode/urename.h:
/tmp/we/pre/unicode/uversion.h:
/tmp/we/pre/unicode/utf.h:
/tmp/we/pre/unicode/utf8.h:
/tmp/we/pre/unicode/utf16.h:
/tmp/we/pre/unicode/utf_old.h:
/tmp/we/pre/unicode/uenum.h:
/tmp/we/pre/unicode/localpointer.h:
/tmp/we/pre/unicode/ucnv_cb.h:
/tmp/we/pre/unicode/ustring.h:
/tmp/we/pre/unicode/putil.h:
/tmp/we/pre/unicode/uiter.h:
plugin/common/error.h:
