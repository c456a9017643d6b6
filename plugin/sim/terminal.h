// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The simulated terminal's folder loop: scans `req/`, waits until a request file is stable,
/// consumes it (read, remove), lets the Responder answer, and after the configured delay writes
/// the answer atomically (temporary name with a leading dot in the share root, then rename).

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "sim/responder.h"

namespace onshi::sim {

/// Folder-loop settings.
struct TerminalOptions {
  std::string share;    ///< folder holding req/, res/, face/ (created when missing)
  int delay_ms = 3000;  ///< from consuming a request to writing its answer
  int poll_ms = 500;    ///< scan interval (also the stability interval)
};

/// Prefix of check-in command files a running simulator picks up from the share root:
/// `.onshi-sim-checkin-<anything>` holding `PERSON_ID [yyyyMMddHHmmss]`.
constexpr const char* kCheckInCommandPrefix = ".onshi-sim-checkin-";

/// The folder loop around a Responder.
class Terminal {
 public:
  /// @param log receives one line per request handled (file names and outcome codes only)
  Terminal(Responder& responder, TerminalOptions options, std::ostream& log);

  /// Consumes every request now in req/ (no stability wait), waits the delay once, writes the
  /// answers, and returns the number of requests consumed.
  std::size_t run_once();

  /// Polls until `stop()` returns true (checked at least every 50 ms). Answers still pending at
  /// that moment are dropped (logged).
  void run(const std::function<bool()>& stop);

  /// Writes a check-in file into face/ atomically. @return its full path
  std::string write_check_in(const CheckIn& c);

 private:
  struct Pending {
    std::chrono::steady_clock::time_point due;
    std::string request;
    Reply reply;
  };
  struct Seen {
    long long size = -1;
    long long mtime_ns = -1;
    int stable_scans = 0;
  };

  std::vector<std::string> request_names();
  Pending consume(const std::string& name);
  void deliver(Pending& p);
  void run_commands();
  void atomic_write(const std::string& dir, const std::string& name, const std::string& bytes);

  Responder& responder_;
  TerminalOptions options_;
  std::ostream& log_;
  std::map<std::string, Seen> seen_;
  std::set<std::string> ignored_;
  std::vector<Pending> pending_;
  unsigned long temp_counter_ = 0;
};

}  // namespace onshi::sim
