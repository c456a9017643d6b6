// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Every message a screen shows, with a stable id (ONSHI-<I|W|E|S|D>-6NNN: info, warning,
/// error, status label, difference label). The English text is the gettext msgid of the plugin's
/// own text domain "onshi-link" (po/); Japanese comes from po/ja.po. The domain is bound with
/// bindtextdomain/bind_textdomain_codeset and read with dgettext: the host's default domain
/// (textdomain()) is never touched.

#include <string>
#include <vector>

namespace onshi::hooks {

/// The plugin's text domain.
constexpr const char* kTextDomain = "onshi-link";

/// Binds the domain to `locale_dir` ("" = the installed LOCALEDIR), UTF-8 output.
void bind_messages(const std::string& locale_dir);
/// Frees the per-language state (fini).
void release_messages();

/// Message `id` in `lang` ("ja", "en") with {1}, {2}, ... replaced by `args`. An unknown id
/// yields the id itself.
std::string message_text(const std::string& lang, const std::string& id,
                         const std::vector<std::string>& args = {});

}  // namespace onshi::hooks
