// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Translations for our own programs (onshi-exchanged, onshi-admin): the same text domain
/// "onshi-link" as the host hooks (po/). Texts are marked with tr("...") (xgettext keyword tr)
/// and looked up with dgettext, so textdomain() is never called (style card item 10).

namespace onshi {

/// The text domain of onshi-link (po/*.po; installed as LOCALEDIR/<lang>/LC_MESSAGES/
/// onshi-link.mo).
constexpr const char* kI18nDomain = "onshi-link";

/// Binds the domain for a program of ours: LC_MESSAGES and LC_CTYPE from the environment,
/// catalogs from $ONSHI_LOCALE_DIR or the installed LOCALEDIR, UTF-8 output. Call once from main.
void init_program_messages();

/// The translation of `msgid` in the program's language (msgid itself when there is none).
const char* tr(const char* msgid);

}  // namespace onshi
