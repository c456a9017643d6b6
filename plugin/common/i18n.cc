// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "common/i18n.h"

#include <libintl.h>
#include <locale.h>

#include <cstdlib>
#include <string>
#include <vector>

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

std::string format_message(const std::string& text, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(text.size() + 16 * args.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('{', i);
    if (open == std::string::npos) break;
    out.append(text, i, open - i);
    std::size_t close = open + 1;
    std::size_t n = 0;
    while (close < text.size() && text[close] >= '0' && text[close] <= '9' && n <= args.size())
      n = n * 10 + static_cast<std::size_t>(text[close++] - '0');
    if (close > open + 1 && close < text.size() && text[close] == '}' && n >= 1 &&
        n <= args.size()) {
      out += args[n - 1];
      i = close + 1;
    } else {
      out += '{';
      i = open + 1;
    }
  }
  out.append(text, i, std::string::npos);
  return out;
}

}  // namespace onshi
