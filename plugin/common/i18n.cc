// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "common/i18n.h"

#ifdef _WIN32
#include "common/nls_win.h"  // gettext's catalogs read by nls_win.cc
#else
#include <libintl.h>
#include <locale.h>
#endif

#include <cstdlib>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/message_ids.h"
#include "config.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/share/locale"
#endif

// gettext manual, "Being a gettext grok": after changing LANGUAGE, bump this counter so that
// cached translations are looked up again.
#ifdef _WIN32
static int _nl_msg_cat_cntr = 0;
#else
extern "C" int _nl_msg_cat_cntr;
#endif

namespace onshi {
namespace {

void bind_domain(const char* dir) {
  ::bindtextdomain(kTextDomain, dir);
  ::bind_textdomain_codeset(kTextDomain, "UTF-8");
}

// The host hooks' state (bind_messages): lookups in a language chosen per call.
std::mutex g_mutex;
locale_t g_messages_locale = nullptr;  // LC_MESSAGES from C.UTF-8 (never "C": see below)
bool g_bound = false;

const char* find_screen_message(const std::string& id) {
  for (const msg::ScreenMessage& m : msg::kScreenMessages)
    if (id == m.id) return m.text;
  return nullptr;
}

/// Restores LANGUAGE and the thread's locale after one lookup.
class LanguageScope {
 public:
  explicit LanguageScope(const std::string& lang) {
    if (const char* old = std::getenv("LANGUAGE")) saved_ = old;
    ::setenv("LANGUAGE", lang.c_str(), 1);
    ++_nl_msg_cat_cntr;
    // gettext ignores LANGUAGE under the "C" locale: look up under C.UTF-8 messages instead
    // (thread-local, the host's own locale is untouched).
    if (g_messages_locale) previous_ = ::uselocale(g_messages_locale);
  }
  ~LanguageScope() {
    if (previous_) ::uselocale(previous_);
    if (saved_) {
      ::setenv("LANGUAGE", saved_->c_str(), 1);
    } else {
      ::unsetenv("LANGUAGE");
    }
    ++_nl_msg_cat_cntr;
  }
  LanguageScope(const LanguageScope&) = delete;
  LanguageScope& operator=(const LanguageScope&) = delete;

 private:
  std::optional<std::string> saved_;
  locale_t previous_ = nullptr;
};

}  // namespace

void init_program_messages() {
  // LC_MESSAGES, and LC_CTYPE so that the C library's own texts (strerror) are not reduced to
  // "?" in a UTF-8 locale. Numbers and collation stay "C" for the file formats; the code never
  // classifies non-ASCII bytes with <cctype>.
  ::setlocale(LC_MESSAGES, "");
  ::setlocale(LC_CTYPE, "");
  const char* dir = std::getenv("ONSHI_LOCALE_DIR");
  bind_domain(dir && *dir ? dir : LOCALEDIR);
}

void bind_messages(const std::string& locale_dir) {
  std::lock_guard<std::mutex> lock(g_mutex);
  bind_domain(locale_dir.empty() ? LOCALEDIR : locale_dir.c_str());
  if (!g_messages_locale) {
    locale_t base = ::duplocale(LC_GLOBAL_LOCALE);
    if (base) {
      locale_t l = ::newlocale(LC_MESSAGES_MASK, "C.UTF-8", base);
      if (!l) l = ::newlocale(LC_MESSAGES_MASK, "C.utf8", base);
      if (l) {
        g_messages_locale = l;
      } else {
        ::freelocale(base);
      }
    }
  }
  g_bound = true;
}

void release_messages() {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_messages_locale) ::freelocale(g_messages_locale);
  g_messages_locale = nullptr;
  g_bound = false;
}

const char* tr(const char* msgid) {
  return ::dgettext(kTextDomain, msgid);
}

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

std::string message_text(const std::string& lang, const std::string& id,
                         const std::vector<std::string>& args) {
  const char* source = find_screen_message(id);
  if (!source) return id;
  std::string text;
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_bound) {
      LanguageScope scope(lang == "en" ? "en" : "ja");
      text = ::dgettext(kTextDomain, source);
    } else {
      text = source;
    }
  }
  return format_message(text, args);
}

}  // namespace onshi
