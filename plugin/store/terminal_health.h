// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The verification terminal's health as the front desk and the administrator see it: when it
/// last answered, how long its answers take, how many requests it refused, how many wait, and
/// whether the share can be written. Computed from our files and jobs; the two things only the
/// engine can observe (the share's state at its last write, a silent terminal) are kept in
/// onshi_terminal_health (sql/0020_terminal_health.sql), written only when they change.

#include <optional>
#include <string>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// The start of a job's last_error when the terminal answered a request with a `.err` file
/// (exchange/requests.cc writes it; the health figures count it).
inline constexpr char kTerminalRefusedPrefix[] = "the terminal refused the request (";

/// A silent terminal: a request written at least `answer_timeout_s` ago still waits for its
/// answer (sent, or pending for another attempt) and the terminal gave no sign of life since
/// it was written (no answer file in res/, no `.err` file). Once recorded (record_silence), the
/// silence lasts until such a sign, also when the waiting jobs give up meanwhile.
struct TerminalSilence {
  bool silent = false;
  int unanswered = 0;   ///< jobs waiting for the answer to a request already written
  std::string since;    ///< silent: local "YYYY-MM-DD HH:MM:SS" of that write; else ""
  long long age_s = 0;  ///< silent: seconds since then
};

/// Health figures over the last hour (now() of the database).
struct TerminalHealth {
  std::string last_answer;  ///< local "YYYY-MM-DD HH:MM:SS" of the newest res/ file; ""
  std::optional<long long> last_answer_age_s;
  long long answers_hour = 0;               ///< answers matched to our requests in the last hour
  std::optional<long long> latency_p50_ms;  ///< request written -> answer received
  std::optional<long long> latency_p95_ms;
  long long requests_hour = 0;   ///< request files written in the last hour (every attempt)
  long long refused_hour = 0;    ///< of the jobs, those refused by a `.err` file in the hour
  long long waiting = 0;         ///< jobs pending or sent
  std::optional<bool> share_ok;  ///< nullopt: the engine has not written to req/ yet
  std::string share_error;       ///< the last write failure (share_ok false)
  std::string share_changed;     ///< local time of the last change of share_ok
  TerminalSilence silence;       ///< now, by the facility's answer timeout
  std::string silent_since;      ///< as recorded by the engine ("" = not silent)
};

/// Whether the terminal is silent now (see TerminalSilence). One short query.
TerminalSilence terminal_silence(db::Connection& conn, int hospnum, int answer_timeout_s);

/// Every figure of TerminalHealth for one facility.
TerminalHealth terminal_health(db::Connection& conn, int hospnum, int answer_timeout_s);

/// Records the share's state after a queue pass that tried to write (only a change is written).
/// @return true when the state changed
bool record_share_state(db::Connection& conn, int hospnum, bool ok, const std::string& error);

/// Records the terminal as silent since `since` (a TerminalSilence::oldest_written) or as
/// answering (`since` empty). Only a change is written. @return true when the state changed (a
/// facility's first record: only when it is silent; answering from the start is no change)
bool record_silence(db::Connection& conn, int hospnum, const std::string& since);

}  // namespace onshi::store
