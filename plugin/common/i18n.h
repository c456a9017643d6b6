// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Translations for our own programs (onshi-exchanged, onshi-admin): the same text domain
/// "onshi-link" as the host hooks (po/). Texts are marked with tr("...") (xgettext keyword tr)
/// and looked up with dgettext, so textdomain() is never called (the default domain is the
/// host's, not ours). Values go into a text through the placeholders {1}, {2}, ... of po/ (as in
/// the hooks' messages), never by pasting pieces of a sentence together, so that a translation
/// can order them freely.
/// Stable message IDs (ONSHI-E-DB-001, ...) are never part of a translated text.

#include <string>
#include <type_traits>
#include <vector>

/// Marks a text for translation where it is defined (xgettext keyword N_); tr() looks it up
/// where it is shown.
#ifndef N_
#define N_(s) s
#endif

namespace onshi {

/// The text domain of onshi-link (po/*.po; installed as LOCALEDIR/<lang>/LC_MESSAGES/
/// onshi-link.mo).
constexpr const char* kI18nDomain = "onshi-link";

/// Binds the domain for a program of ours: LC_MESSAGES and LC_CTYPE from the environment,
/// catalogs from $ONSHI_LOCALE_DIR or the installed LOCALEDIR, UTF-8 output. Call once from main.
void init_program_messages();

/// The translation of `msgid` in the program's language (msgid itself when there is none).
const char* tr(const char* msgid);

/// `text` with each {N} replaced by args[N-1], in one pass: a value that itself contains "{1}"
/// (a file name from the share) is not expanded again. A mark without a value stays as it is.
std::string format_message(const std::string& text, const std::vector<std::string>& args);

namespace i18n_detail {
inline std::string arg(const std::string& s) { return s; }
inline std::string arg(const char* s) { return s ? s : ""; }
template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                                        !std::is_same_v<T, char>,
                                    int> = 0>
std::string arg(T n) {
  return std::to_string(n);
}
}  // namespace i18n_detail

/// The translation of `msgid` with {1}, {2}, ... replaced by the values (strings, or integers
/// written in decimal): tr("facility {1}: enabled", hospnum).
template <class A, class... R>
std::string tr(const char* msgid, const A& first, const R&... rest) {
  return format_message(tr(msgid), {i18n_detail::arg(first), i18n_detail::arg(rest)...});
}

}  // namespace onshi
