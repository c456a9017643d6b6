// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Operator-facing log lines: every line carries a component prefix and, for
/// anything an operator may act on, a stable message ID (`ONSHI-<E|W|I|D>-<AREA>-<NNN>`, declared
/// in common/message_ids.h) that documentation and monitoring can refer to. Repeating failures go
/// through a Complaint, which logs the first occurrence, then at most once per growing interval,
/// and "recovered" once (cf. collectd `utils_complain.h`). Lines never hold personal data: file
/// names, patient numbers and counts only.
///
/// Output: standard error (`<LEVEL> <component>: <ID> <text>`), syslog (facility daemon; on
/// Windows the event log, log_win.cc), a file (Settings::file, the same line with the local time
/// in front), any of them. When standard error is systemd's journal stream (the engine under
/// systemd: $JOURNAL_STREAM names stderr's device and inode, systemd.exec(5)) and Settings::journal
/// is set, the stderr line goes to the journal as a structured entry instead (journal_fields():
/// MESSAGE, PRIORITY, ONSHI_MESSAGE_ID, MESSAGE_ID, ...; the same text), so `journalctl
/// ONSHI_MESSAGE_ID=ONSHI-E-DB-001` finds it (or `journalctl MESSAGE_ID=` the ID's UUID,
/// journal_message_id()). Built without libsystemd (`configure --with-systemd=no`) the lines
/// stay plain stderr lines (journal_supported()). Every line is escaped in one place (write(),
/// escape_line()), so no caller can put a control character or invalid UTF-8 into a log.
/// write() may be called from any thread (the
/// engine's import workers); configure(), set_level(), set_capture() and Complaint objects belong
/// to the loop thread.

#include <chrono>
#include <cstdint>
#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace onshi::log {

enum class Level { debug, info, warning, error };

/// "debug" / "info" / "warning" / "error". @throws std::invalid_argument otherwise
Level level_from_name(const std::string& name);
const char* level_name(Level level);

/// Where lines go. Defaults: stderr on, syslog off, level info, program "onshi".
struct Settings {
  std::string program = "onshi";  ///< syslog ident
  Level level = Level::info;      ///< lines below this level are dropped
  bool to_stderr = true;
  bool to_syslog = false;
  /// The stderr line goes to the journal as a structured entry when stderr is the journal's
  /// stream (stderr_is_journal(), decided by configure()). The engine sets it; the host module
  /// and the tools keep plain stderr lines (their stderr belongs to the host's program or the
  /// operator's terminal).
  bool journal = false;
  /// A file every line is appended to as well ("" = none), the line with the local time in
  /// front: `2026-04-01T09:30:00.123+09:00 INFO component: ID text`. Opened by configure(),
  /// reopened by reopen_file() (after a rotation). The Windows service has no console: the event
  /// log and this file are where its lines go.
  std::string file;
};

/// Applies `s` (opens or closes syslog and the file as needed). @throws std::runtime_error when
/// Settings::file cannot be opened for appending (the settings in force stay as they were)
void configure(const Settings& s);
/// Closes the file of Settings::file and opens it again at its path (SIGHUP: a rotated file is
/// left to the rotation, lines go to a new one). @throws std::runtime_error when it cannot be
/// opened (lines then go to the other outputs only, until a reopen succeeds)
void reopen_file();
/// The line written to Settings::file: `stamp` (a local time, see file_stamp()), the level tag
/// and `line` (already escaped).
std::string file_line(const std::string& stamp, Level level, const std::string& line);
/// `t` + `millis` as local time with its UTC offset: `2026-04-01T09:30:00.123+09:00`.
std::string file_stamp(std::time_t t, int millis);
/// The settings in force.
const Settings& settings();
/// True when configure() chose the journal for the stderr lines (Settings::journal, to_stderr
/// and stderr_is_journal()). A line the journal does not take is written to stderr.
bool journal_active();
/// Changes only the minimum level (SIGHUP reload).
void set_level(Level level);
/// True when a line of `level` would be written (skip building expensive messages otherwise).
bool enabled(Level level);

/// Test hook: every line written is also passed to `capture` (nullptr removes it).
void set_capture(std::function<void(Level, const std::string& line)> capture);

/// Makes `text` safe to show as one log line: a file name from the untrusted share or an error
/// text may hold anything. A line feed becomes a space (multi-line server messages are folded);
/// every other control character (C0, DEL, C1 U+0080-U+009F) and every byte that is not part of
/// valid UTF-8 becomes `\xNN` (upper-case hex, one per byte); a backslash becomes `\\`, so the
/// escapes cannot be forged. Valid UTF-8 (Japanese text) is kept as it is.
std::string escape_line(std::string_view text);

/// Writes one line: `component: id text`, passed as a whole through escape_line(). `id` may be
/// "" for plain progress lines. `hospnum`: the facility the line is about, when there is one (the
/// text names it too; the journal gets it as a field of its own).
void write(Level level, const char* component, const char* id, const std::string& text,
           std::optional<int> hospnum = std::nullopt);

inline void debug(const char* component, const std::string& text,
                  std::optional<int> hospnum = std::nullopt) {
  write(Level::debug, component, "", text, hospnum);
}
inline void info(const char* component, const char* id, const std::string& text,
                 std::optional<int> hospnum = std::nullopt) {
  write(Level::info, component, id, text, hospnum);
}
inline void warning(const char* component, const char* id, const std::string& text,
                    std::optional<int> hospnum = std::nullopt) {
  write(Level::warning, component, id, text, hospnum);
}
inline void error(const char* component, const char* id, const std::string& text,
                  std::optional<int> hospnum = std::nullopt) {
  write(Level::error, component, id, text, hospnum);
}

/// True when `journal_stream` (the value of $JOURNAL_STREAM, "<device>:<inode>" in decimal, or
/// nullptr when unset) names the file with this device and inode number: then that file is the
/// journal's stream socket (sd_journal_print(3), systemd.exec(5)). Anything malformed: false.
bool journal_stream_matches(const char* journal_stream, std::uint64_t device, std::uint64_t inode);

/// True when this build can write journal entries (configure found libsystemd; --with-systemd).
bool journal_supported();

/// A name-based UUID (RFC 9562 version 8, the SHA-256 construction of its appendix B.2): the
/// first 16 bytes of SHA-256(`namespace_id` || `name`) with the version (8) and variant bits
/// set, as 32 lower-case hex digits without hyphens (journald's form of a 128-bit ID,
/// sd-id128(3)). `namespace_id`: the namespace's 16 bytes. @throws std::invalid_argument when
/// `namespace_id` is not 16 bytes; CryptoError
std::string name_based_uuid_sha256(std::string_view namespace_id, std::string_view name);

/// journald's MESSAGE_ID of our message ID `id` ("ONSHI-E-DB-001"):
/// name_based_uuid_sha256() of `id` in the project's fixed namespace
/// 15b8d3ce-a0e3-47c0-8ae4-b11da3f974d3. Stable without a table (the same ID gives the same
/// UUID in every build and release), so a journal catalog or monitoring can refer to it.
std::string journal_message_id(std::string_view id);

/// True when standard error is connected to the journal (journal_stream_matches() for
/// $JOURNAL_STREAM and fstat(2) of file descriptor 2). configure() asks it once.
bool stderr_is_journal();

/// The fields of one journal entry ("NAME=value", as sd_journal_sendv() takes them):
/// MESSAGE=`line` (the escaped `component: id text`, as on stderr without the level tag),
/// PRIORITY (syslog(3) level: error 3, warning 4, info 6, debug 7), SYSLOG_FACILITY=3 (daemon,
/// as with syslog), SYSLOG_IDENTIFIER=`program`, ONSHI_COMPONENT, ONSHI_MESSAGE_ID (only when
/// `id` is not ""), ONSHI_HOSPNUM (the facility, only with one) and MESSAGE_ID (journald's
/// 128-bit form of `id`, journal_message_id(); only when `id` is not ""). libsystemd's own
/// CODE_FILE / CODE_LINE / CODE_FUNC are not sent (they would name the build's paths).
std::vector<std::string> journal_fields(Level level, const char* component, const char* id,
                                        std::optional<int> hospnum, const std::string& line,
                                        const std::string& program);

/// A rate-limited complaint about one repeating failure ("DB down" once, then "recovered").
class Complaint {
 public:
  using Clock = std::chrono::steady_clock;

  /// @param fail_id message ID of the failure line (level error)
  /// @param recover_id message ID of the recovery line (level info)
  /// @param first_repeat after the first line, the next repeat comes no sooner than this; the
  ///        interval doubles with each repeat up to `max_repeat`
  Complaint(const char* component, const char* fail_id, const char* recover_id,
            std::chrono::seconds first_repeat = std::chrono::seconds(60),
            std::chrono::seconds max_repeat = std::chrono::seconds(3600));

  /// Reports the failure; logged now only when it is new or its repeat interval has passed
  /// (the line then says how often it happened meanwhile). @return true when a line was written
  bool complain(const std::string& text);
  /// Reports recovery; logged once when a complaint was active. @return true when logged
  bool recover(const std::string& text);
  /// A failure is being complained about.
  bool active() const { return active_; }
  /// Failures reported since the complaint started.
  long count() const { return count_; }

 private:
  const char* component_;
  const char* fail_id_;
  const char* recover_id_;
  std::chrono::seconds first_repeat_;
  std::chrono::seconds max_repeat_;
  std::chrono::seconds interval_{0};
  Clock::time_point next_{};
  bool active_ = false;
  long count_ = 0;
  long suppressed_ = 0;
};

}  // namespace onshi::log
