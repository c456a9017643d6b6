// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "common/log.h"

#include <sys/stat.h>
#ifdef _WIN32
#include "common/log_win.h"  // syslog is the Windows event log there; no journal
#else
#include <sys/uio.h>
#include <syslog.h>
#include <unistd.h>
#endif

#include "config.h"
#ifdef _WIN32
// The cross build for Windows shares the Linux build's config.h: there is no journal there.
#undef HAVE_LIBSYSTEMD
#endif
#ifdef HAVE_LIBSYSTEMD
// Without it sd_journal_sendv() is a macro that adds CODE_FILE, CODE_LINE and CODE_FUNC of
// this file to every entry: the build's paths, and nothing an operator can use.
#define SD_JOURNAL_SUPPRESS_LOCATION 1
#include <systemd/sd-journal.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "common/clock.h"
#ifndef _WIN32
#include "common/sha256.h"  // libcrypto, not cross-built for Windows (yet)
#endif

namespace onshi::log {
namespace {

Settings g_settings;
bool g_syslog_open = false;
bool g_stderr_journal = false;  // stderr is the journal's stream: structured entries instead
std::function<void(Level, const std::string&)> g_capture;
std::FILE* g_file = nullptr;  // Settings::file, opened for appending
// One line at a time, whole (lines come from the import workers too); also guards g_file.
std::mutex g_write_mutex;

const char* const kTags[] = {"DEBUG", "INFO", "WARNING", "ERROR"};

/// Opens `path` for appending (one fwrite per line), or throws.
std::FILE* open_log_file(const std::string& path) {
#ifdef _WIN32
  std::FILE* f = win_fopen_append(path);  // renamable while open (a rotation), as on Linux
#else
  std::FILE* f = std::fopen(path.c_str(), "ab");
#endif
  if (!f)
    throw std::runtime_error("log_file " + path +
                             ": cannot open for appending: " + std::strerror(errno));
  return f;
}

int syslog_priority(Level level) {
  switch (level) {
    case Level::debug:
      return LOG_DEBUG;
    case Level::info:
      return LOG_INFO;
    case Level::warning:
      return LOG_WARNING;
    case Level::error:
      return LOG_ERR;
  }
  return LOG_INFO;
}

/// Length of the valid UTF-8 sequence at s[i] (RFC 3629: no overlong forms, no surrogates,
/// nothing above U+10FFFF), 0 when the byte there does not start one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = at(0);
  std::size_t len;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;  // a continuation byte, C0/C1 (overlong) or F5..FF
  }
  if (i + len > s.size() || at(1) < lo || at(1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k)
    if ((at(k) & 0xC0) != 0x80) return 0;
  return len;
}

/// A decimal number filling `text` from `*pos` up to `stop` (or the end).
bool parse_decimal(const char* text, std::size_t* pos, char stop, std::uint64_t* out) {
  std::uint64_t v = 0;
  std::size_t i = *pos;
  for (; text[i] && text[i] != stop; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    const std::uint64_t digit = static_cast<std::uint64_t>(text[i] - '0');
    if (v > (UINT64_MAX - digit) / 10) return false;
    v = v * 10 + digit;
  }
  if (i == *pos) return false;
  *pos = i;
  *out = v;
  return true;
}

/// Sends one entry; false when the journal did not take it (then the caller writes stderr).
bool send_to_journal(const std::vector<std::string>& fields) {
#ifdef HAVE_LIBSYSTEMD
  std::vector<iovec> iov;
  iov.reserve(fields.size());
  for (const std::string& f : fields) iov.push_back(iovec{const_cast<char*>(f.data()), f.size()});
  return ::sd_journal_sendv(iov.data(), static_cast<int>(iov.size())) >= 0;
#else
  (void)fields;
  return false;
#endif
}

/// The project's namespace for MESSAGE_ID (journal_message_id()); never to be changed.
constexpr unsigned char kMessageIdNamespace[16] = {0x15, 0xb8, 0xd3, 0xce, 0xa0, 0xe3, 0x47, 0xc0,
                                                   0x8a, 0xe4, 0xb1, 0x1d, 0xa3, 0xf9, 0x74, 0xd3};

void append_hex(std::string& out, unsigned char byte) {
  static const char kHex[] = "0123456789ABCDEF";
  out += "\\x";
  out += kHex[byte >> 4];
  out += kHex[byte & 0x0F];
}

}  // namespace

std::string escape_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    // One event, one line: multi-line server messages are folded (as they always were).
    if (c == '\n') {
      out += ' ';
      ++i;
      continue;
    }
    if (c == '\\') {
      out += "\\\\";
      ++i;
      continue;
    }
    if (c < 0x20 || c == 0x7F) {  // ESC sequences, CR (overwrites the line), TAB, NUL, ...
      append_hex(out, c);
      ++i;
      continue;
    }
    const std::size_t len = utf8_sequence(text, i);
    if (len == 0) {  // not UTF-8: each byte shown, never passed on
      append_hex(out, c);
      ++i;
      continue;
    }
    // C1 controls (U+0080-U+009F, e.g. U+009B CSI) act like ESC sequences on some terminals.
    if (len == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      append_hex(out, c);
      append_hex(out, static_cast<unsigned char>(text[i + 1]));
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

Level level_from_name(const std::string& name) {
  if (name == "debug") return Level::debug;
  if (name == "info") return Level::info;
  if (name == "warning") return Level::warning;
  if (name == "error") return Level::error;
  throw std::invalid_argument("unknown log level \"" + name + "\" (debug, info, warning, error)");
}

const char* level_name(Level level) {
  switch (level) {
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warning:
      return "warning";
    case Level::error:
      return "error";
  }
  return "?";
}

void configure(const Settings& s) {
  if (s.file != g_settings.file || (!s.file.empty() && !g_file)) {
    std::FILE* f = s.file.empty() ? nullptr : open_log_file(s.file);  // may throw: nothing changed
    std::lock_guard<std::mutex> lock(g_write_mutex);
    if (g_file) std::fclose(g_file);
    g_file = f;
  }
  if (g_syslog_open && (!s.to_syslog || s.program != g_settings.program)) {
    ::closelog();
    g_syslog_open = false;
  }
  g_settings = s;
  g_stderr_journal = journal_supported() && s.to_stderr && s.journal && stderr_is_journal();
  if (s.to_syslog && !g_syslog_open) {
    // openlog keeps the pointer: g_settings.program lives as long as the process.
    ::openlog(g_settings.program.c_str(), LOG_PID | LOG_NDELAY, LOG_DAEMON);
    g_syslog_open = true;
  }
}

void reopen_file() {
  if (g_settings.file.empty()) return;
  std::lock_guard<std::mutex> lock(g_write_mutex);
  if (g_file) std::fclose(g_file);
  g_file = nullptr;
  g_file = open_log_file(g_settings.file);
}

std::string file_stamp(std::time_t t, int millis) {
  std::tm tm{};
  ::localtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  const long off = local_utc_offset(t);
  const long a = off < 0 ? -off : off;
  char tail[32];
  std::snprintf(tail, sizeof tail, ".%03d%c%02ld:%02ld", millis, off < 0 ? '-' : '+', a / 3600,
                (a / 60) % 60);
  return std::string(buf) + tail;
}

std::string file_line(const std::string& stamp, Level level, const std::string& line) {
  return stamp + " " + kTags[static_cast<int>(level)] + " " + line + "\n";
}

const Settings& settings() {
  return g_settings;
}

bool journal_active() {
  return g_stderr_journal;
}

void set_level(Level level) {
  g_settings.level = level;
}

bool enabled(Level level) {
  return static_cast<int>(level) >= static_cast<int>(g_settings.level) || g_capture;
}

void set_capture(std::function<void(Level, const std::string&)> capture) {
  g_capture = std::move(capture);
}

bool journal_stream_matches(const char* journal_stream, std::uint64_t device, std::uint64_t inode) {
  if (!journal_stream) return false;
  std::size_t pos = 0;
  std::uint64_t dev = 0, ino = 0;
  if (!parse_decimal(journal_stream, &pos, ':', &dev) || journal_stream[pos] != ':') return false;
  ++pos;
  if (!parse_decimal(journal_stream, &pos, '\0', &ino)) return false;
  return dev == device && ino == inode;
}

bool stderr_is_journal() {
  const char* env = std::getenv("JOURNAL_STREAM");
  if (!env) return false;
  struct stat st;
  if (::fstat(STDERR_FILENO, &st) != 0) return false;
  return journal_stream_matches(env, static_cast<std::uint64_t>(st.st_dev),
                                static_cast<std::uint64_t>(st.st_ino));
}

bool journal_supported() {
#ifdef HAVE_LIBSYSTEMD
  return true;
#else
  return false;
#endif
}

std::string name_based_uuid_sha256(std::string_view namespace_id, std::string_view name) {
  if (namespace_id.size() != 16)
    throw std::invalid_argument("a UUID namespace is 16 bytes, not " +
                                std::to_string(namespace_id.size()));
#ifdef _WIN32
  // No journal on Windows (journal_fields() is never called there) and no libcrypto yet.
  (void)name;
  throw std::logic_error("name-based UUIDs need libcrypto, not built for Windows");
#else
  std::string id = Sha256().update(namespace_id).update(name).digest().substr(0, 16);
  id[6] = static_cast<char>((static_cast<unsigned char>(id[6]) & 0x0F) | 0x80);  // version 8
  id[8] = static_cast<char>((static_cast<unsigned char>(id[8]) & 0x3F) | 0x80);  // variant 10
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(32);
  for (unsigned char c : id) {
    out += kHex[c >> 4];
    out += kHex[c & 0x0F];
  }
  return out;
#endif
}

std::string journal_message_id(std::string_view id) {
  return name_based_uuid_sha256(
      std::string_view(reinterpret_cast<const char*>(kMessageIdNamespace), 16), id);
}

std::vector<std::string> journal_fields(Level level, const char* component, const char* id,
                                        std::optional<int> hospnum, const std::string& line,
                                        const std::string& program) {
  std::vector<std::string> f;
  f.reserve(8);
  f.push_back("MESSAGE=" + line);
  f.push_back("PRIORITY=" + std::to_string(syslog_priority(level)));
  f.push_back("SYSLOG_FACILITY=" + std::to_string(LOG_DAEMON >> 3));
  f.push_back("SYSLOG_IDENTIFIER=" + program);
  f.push_back(std::string("ONSHI_COMPONENT=") + component);
  if (id && *id) f.push_back(std::string("ONSHI_MESSAGE_ID=") + id);
  if (hospnum) f.push_back("ONSHI_HOSPNUM=" + std::to_string(*hospnum));
  if (id && *id) f.push_back("MESSAGE_ID=" + journal_message_id(id));
  return f;
}

void write(Level level, const char* component, const char* id, const std::string& text,
           std::optional<int> hospnum) {
  std::string body = std::string(component) + ": ";
  if (id && *id) body += std::string(id) + " ";
  body += text;
  // The one place every line passes: nothing from a file name or an error text reaches a
  // terminal, the journal or syslog raw (control characters, invalid UTF-8).
  body = escape_line(body);
  // Lines may come from the engine's import workers too: one line at a time, whole. (Settings
  // are changed on the loop thread only, between events.)
  std::lock_guard<std::mutex> lock(g_write_mutex);
  if (g_capture) g_capture(level, body);
  if (static_cast<int>(level) < static_cast<int>(g_settings.level)) return;
  if (g_settings.to_stderr &&
      !(g_stderr_journal &&
        send_to_journal(journal_fields(level, component, id, hospnum, body, g_settings.program)))) {
    std::fprintf(stderr, "%s %s\n", kTags[static_cast<int>(level)], body.c_str());
    std::fflush(stderr);
  }
  if (g_syslog_open) ::syslog(syslog_priority(level), "%s", body.c_str());
  if (g_file) {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const int ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000);
    const std::string out = file_line(file_stamp(t, ms), level, body);
    std::fwrite(out.data(), 1, out.size(), g_file);
    std::fflush(g_file);
  }
}

Complaint::Complaint(const char* component, const char* fail_id, const char* recover_id,
                     std::chrono::seconds first_repeat, std::chrono::seconds max_repeat)
    : component_(component),
      fail_id_(fail_id),
      recover_id_(recover_id),
      first_repeat_(first_repeat),
      max_repeat_(max_repeat) {}

bool Complaint::complain(const std::string& text) {
  Clock::time_point now = Clock::now();
  ++count_;
  if (!active_) {
    active_ = true;
    interval_ = first_repeat_;
    next_ = now + interval_;
    suppressed_ = 0;
    write(Level::error, component_, fail_id_, text);
    return true;
  }
  if (now < next_) {
    ++suppressed_;
    return false;
  }
  write(Level::error, component_, fail_id_,
        text + " (still failing; " + std::to_string(suppressed_ + 1) + " times since last report)");
  suppressed_ = 0;
  interval_ = std::min(interval_ * 2, max_repeat_);
  next_ = now + interval_;
  return true;
}

bool Complaint::recover(const std::string& text) {
  if (!active_) return false;
  active_ = false;
  write(Level::info, component_, recover_id_,
        text + " (after " + std::to_string(count_) + " failures)");
  count_ = 0;
  suppressed_ = 0;
  return true;
}

}  // namespace onshi::log
