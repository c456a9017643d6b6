// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The one message system of onshi-link: one text domain "onshi-link" (po/), one formatter, used
/// by our programs (onshi-exchanged, onshi-admin: the language of the locale) and by the host
/// hooks (the language of each call: "ja" or "en" from the session). Texts are marked with
/// tr("...") or N_("...") (xgettext keywords) and looked up with dgettext, so textdomain() is
/// never called (the default domain is the host's, not ours). Values go into a text through the
/// placeholders {1}, {2}, ..., never by pasting pieces of a sentence together, so that a
/// translation can order them freely; they are substituted once (format_message).
/// Stable message IDs (ONSHI-E-DB-001, ONSHI-W-6003, ...) are never part of a translated text;
/// every one is declared in common/message_ids.h.

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
constexpr const char* kTextDomain = "onshi-link";

/// Binds the domain for a program of ours: LC_MESSAGES and LC_CTYPE from the environment,
/// catalogs from $ONSHI_LOCALE_DIR or the installed LOCALEDIR, UTF-8 output. Call once from main.
void init_program_messages();

/// Binds the domain inside the host (onshi_link_init): catalogs from `locale_dir` ("" = the
/// installed LOCALEDIR), UTF-8 output; the host's locale, LANGUAGE and default domain are left
/// as they are. Until then message_text() gives the English text.
void bind_messages(const std::string& locale_dir);
/// Frees what bind_messages() set up (onshi_link_fini).
void release_messages();

/// The translation of `msgid` in the program's language (msgid itself when there is none).
const char* tr(const char* msgid);

/// `text` with each {N} replaced by args[N-1], in one pass: a value that itself contains "{1}"
/// (a file name from the share) is not expanded again. A mark without a value stays as it is.
std::string format_message(const std::string& text, const std::vector<std::string>& args);

/// The screen message `id` (common/message_ids.h) in `lang` ("en"; anything else: "ja") with
/// {1}, {2}, ... replaced by `args` (format_message). An unknown id yields the id itself.
std::string message_text(const std::string& lang, const std::string& id,
                         const std::vector<std::string>& args = {});

namespace i18n_detail {
inline std::string arg(const std::string& s) {
  return s;
}
inline std::string arg(const char* s) {
  return s ? s : "";
}
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
