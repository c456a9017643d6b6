// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Windows (mingw-w64) counterparts of what i18n.cc uses of gettext and of POSIX locales, so that
/// i18n.cc builds unchanged. gettext itself is replaced by a reader of the same catalogs
/// (nls_win.cc): bindtextdomain() names the folder (relative: beside the program, e.g. the
/// Windows build's LOCALEDIR "locale"), dgettext() looks a msgid up in
/// `<folder>/<lang>/LC_MESSAGES/<domain>.mo` as msgfmt wrote it, the language chosen as gettext
/// does: the first of $LC_ALL, $LC_MESSAGES, $LANG exactly "C" or "POSIX" = the source texts;
/// else $LANGUAGE's first entry; else that locale ("ja_JP.UTF-8" tries ja_JP, then ja); with
/// none of them set, Windows' user interface language (Japanese: ja).
/// Texts are UTF-8 (msgfmt's output of our UTF-8 po files). No plural forms, no contexts (we use
/// neither). Locales (uselocale, ...) are no-ops. Included by i18n.cc only, under _WIN32.

#include <locale.h>
#include <stdlib.h>

#include <map>
#include <string>

#ifndef LC_MESSAGES
#define LC_MESSAGES LC_CTYPE
#endif
#define LC_MESSAGES_MASK 0
#define LC_GLOBAL_LOCALE nullptr

using locale_t = void*;
inline locale_t duplocale(locale_t) {
  return nullptr;
}
inline locale_t newlocale(int, const char*, locale_t) {
  return nullptr;
}
inline void freelocale(locale_t) {}
inline locale_t uselocale(locale_t) {
  return nullptr;
}
const char* bindtextdomain(const char* domain, const char* dir);
inline const char* bind_textdomain_codeset(const char*, const char* codeset) {
  return codeset;  // the catalogs are UTF-8, as the programs are
}
char* dgettext(const char* domain, const char* msgid);

namespace onshi::nls_win {
/// The language dgettext() uses now ("" = the source texts): see the file comment.
std::string language();
/// The translations of a .mo file's bytes (msgid -> msgstr; the header and entries with plural
/// forms or a context left out). @return false when `bytes` is no .mo file (magic, bounds)
bool parse_mo(const std::string& bytes, std::map<std::string, std::string>* out);
}  // namespace onshi::nls_win
inline int setenv(const char* name, const char* value, int) {
  return _putenv_s(name, value);
}
inline int unsetenv(const char* name) {
  return _putenv_s(name, "");
}
