// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// What `onshi-admin status` shows across our tables: the last errors of received files and
/// jobs together (the queue counts are store/jobs.h, the last files store/received_files.h).

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// A recent error: a refused or retried file, or a job's last error.
struct RecentError {
  std::optional<long long> job_id;  ///< nullopt for a file
  std::string what;                 ///< file name or job kind
  std::string error;
};

/// The facility's last five errors, newest first.
std::vector<RecentError> recent_errors(db::Connection& conn, int hospnum);

}  // namespace onshi::store
