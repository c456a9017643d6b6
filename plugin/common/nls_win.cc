// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// gettext's catalogs read on Windows (nls_win.h). On Linux this file compiles to nothing.
#ifdef _WIN32
#include "common/nls_win.h"

#include <windows.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>

#include "common/win32.h"

namespace {

std::mutex g_mutex;
std::map<std::string, std::string> g_dirs;  // domain -> catalog folder
// folder + '\n' + domain + '\n' + language -> the catalog (empty when there is none): loaded
// once, never changed or freed (dgettext() hands out pointers into it)
std::map<std::string, std::map<std::string, std::string>> g_catalogs;

std::uint32_t read_u32(const std::string& b, std::size_t at, bool swap) {
  std::uint32_t v;
  std::memcpy(&v, b.data() + at, 4);
  if (swap) v = (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
  return v;
}

/// The folder of this program.
std::string program_dir() {
  wchar_t buf[MAX_PATH];
  const DWORD n = ::GetModuleFileNameW(nullptr, buf, MAX_PATH);
  if (n == 0 || n >= MAX_PATH) return ".";
  std::wstring path(buf, n);
  const std::size_t slash = path.find_last_of(L"\\/");
  return slash == std::wstring::npos ? "." : onshi::win::narrow(path.substr(0, slash));
}

bool is_absolute(const std::string& p) {
  return (p.size() >= 2 && p[1] == ':') || (!p.empty() && (p[0] == '/' || p[0] == '\\'));
}

/// "ja_JP.UTF-8@x" -> "ja_JP"; "C", "POSIX", "" -> "".
std::string strip_locale(std::string v) {
  v = v.substr(0, v.find_first_of(".@"));
  return v == "C" || v == "POSIX" ? std::string() : v;
}

const std::map<std::string, std::string>& catalog(const std::string& domain,
                                                  const std::string& lang) {
  auto dir = g_dirs.find(domain);
  const std::string folder = dir == g_dirs.end() ? std::string() : dir->second;
  const std::string key = folder + '\n' + domain + '\n' + lang;
  auto it = g_catalogs.find(key);
  if (it != g_catalogs.end()) return it->second;
  std::map<std::string, std::string> entries;
  if (dir != g_dirs.end() && !lang.empty()) {
    std::string base = folder;
    if (!is_absolute(base)) base = program_dir() + "\\" + base;
    // ja_JP, then ja
    for (const std::string& l : {lang, lang.substr(0, lang.find('_'))}) {
      std::ifstream in(base + "\\" + l + "\\LC_MESSAGES\\" + domain + ".mo", std::ios::binary);
      if (!in) continue;
      const std::string bytes((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
      if (onshi::nls_win::parse_mo(bytes, &entries)) break;
    }
  }
  return g_catalogs.emplace(key, std::move(entries)).first->second;
}

}  // namespace

namespace onshi::nls_win {

bool parse_mo(const std::string& b, std::map<std::string, std::string>* out) {
  if (b.size() < 28) return false;
  const std::uint32_t magic = read_u32(b, 0, false);
  const bool swap = magic == 0xde120495u;
  if (magic != 0x950412deu && !swap) return false;
  const std::uint32_t n = read_u32(b, 8, swap), originals = read_u32(b, 12, swap),
                      translations = read_u32(b, 16, swap);
  if (n > b.size() / 16 || originals > b.size() - 8ull * n || translations > b.size() - 8ull * n)
    return false;
  auto string_at = [&](std::uint32_t table, std::uint32_t i, std::string* s) {
    const std::uint32_t len = read_u32(b, table + 8 * i, swap);
    const std::uint32_t off = read_u32(b, table + 8 * i + 4, swap);
    if (off > b.size() || len > b.size() - off) return false;
    s->assign(b, off, len);
    return true;
  };
  std::map<std::string, std::string> entries;
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string id, str;
    if (!string_at(originals, i, &id) || !string_at(translations, i, &str)) return false;
    // The header (""), plural forms (a NUL inside) and contexts (EOT) are not ours.
    if (id.empty() || id.find('\0') != std::string::npos || id.find('\x04') != std::string::npos)
      continue;
    if (!str.empty()) entries[id] = str;
  }
  *out = std::move(entries);
  return true;
}

std::string language() {
  // As gettext: the locale of messages (LC_ALL, LC_MESSAGES, LANG); exactly "C" or "POSIX" means
  // the source texts whatever LANGUAGE says; else LANGUAGE's first entry when set.
  const char* locale = nullptr;
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(name);
    if (v && *v) {
      locale = v;
      break;
    }
  }
  if (locale && (std::strcmp(locale, "C") == 0 || std::strcmp(locale, "POSIX") == 0)) return "";
  if (const char* l = std::getenv("LANGUAGE"); l && *l) {
    const std::string first = std::string(l).substr(0, std::string(l).find(':'));
    if (!first.empty()) return strip_locale(first);
  }
  if (locale) return strip_locale(locale);
  return PRIMARYLANGID(::GetUserDefaultUILanguage()) == LANG_JAPANESE ? "ja" : "";
}

}  // namespace onshi::nls_win

const char* bindtextdomain(const char* domain, const char* dir) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_dirs[domain] = dir ? dir : "";
  return dir;
}

char* dgettext(const char* domain, const char* msgid) {
  const std::string lang = onshi::nls_win::language();
  std::lock_guard<std::mutex> lock(g_mutex);
  const auto& entries = catalog(domain, lang);
  auto it = entries.find(msgid);
  // The catalogs are never freed or changed once loaded: the pointer stays valid.
  return const_cast<char*>(it == entries.end() ? msgid : it->second.c_str());
}
#endif
