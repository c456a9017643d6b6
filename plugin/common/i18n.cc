// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "common/i18n.h"

#include <libintl.h>
#include <locale.h>

#include <cstdlib>

#include "config.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/share/locale"
#endif

namespace onshi {

void init_program_messages() {
  // LC_MESSAGES, and LC_CTYPE so that the C library's own texts (strerror) are not reduced to
  // "?" in a UTF-8 locale. Numbers and collation stay "C" for the file formats; the code never
  // classifies non-ASCII bytes with <cctype>.
  ::setlocale(LC_MESSAGES, "");
  ::setlocale(LC_CTYPE, "");
  const char* dir = std::getenv("ONSHI_LOCALE_DIR");
  ::bindtextdomain(kI18nDomain, dir && *dir ? dir : LOCALEDIR);
  ::bind_textdomain_codeset(kI18nDomain, "UTF-8");
}

const char* tr(const char* msgid) { return ::dgettext(kI18nDomain, msgid); }

}  // namespace onshi
