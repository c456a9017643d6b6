// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Windows (mingw-w64) stand-ins for what i18n.cc uses of gettext and of POSIX locales, so that
/// i18n.cc builds unchanged: messages stay in their source language (the msgids) until a
/// gettext built for Windows is part of the cross build (issue 17). Included by i18n.cc only,
/// under _WIN32.

#include <locale.h>
#include <stdlib.h>

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
inline const char* bindtextdomain(const char*, const char* dir) {
  return dir;
}
inline const char* bind_textdomain_codeset(const char*, const char* codeset) {
  return codeset;
}
inline char* dgettext(const char*, const char* msgid) {
  return const_cast<char*>(msgid);
}
inline int setenv(const char* name, const char* value, int) {
  return _putenv_s(name, value);
}
inline int unsetenv(const char* name) {
  return _putenv_s(name, "");
}
