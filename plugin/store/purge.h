// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Retention: removes confirmation history (with its consents and certificate details),
/// archived received files and finished jobs older than each facility's retention (6-12 months,
/// default 12). Unprocessed files and open jobs are never purged; the audit log is never purged.

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// What was (or, for a dry run, would be) removed for one facility.
struct PurgeReport {
  int hospnum = 0;
  int retention_months = 12;
  std::string cutoff;  ///< rows created before this instant were purged
  long confirmations = 0;
  long consents = 0;
  long certificate_details = 0;
  long files = 0;
  long jobs = 0;
  std::vector<std::string> archive_paths;  ///< archived files on disk to delete
};

/// Purges every facility with settings (or only `hospnum`), one transaction per facility.
/// Archived files on disk are not touched here: the caller deletes `archive_paths` after the
/// commit (remove_archived_files).
/// @throws db::UnknownFacilityError when `hospnum` has no settings
std::vector<PurgeReport> purge(db::Connection& conn, std::optional<int> hospnum, bool dry_run);

/// Deletes archived files (regular files or symlinks themselves, never their targets).
/// @return the paths that could not be removed, with the reason
std::vector<std::string> remove_archived_files(const std::vector<std::string>& paths);

}  // namespace onshi::store
