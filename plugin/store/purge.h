// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Retention: removes confirmation history (with its consents and certificate details),
/// archived received files and finished jobs older than each facility's retention (6-12 months,
/// default 12), with the files on disk recorded for those rows: archived and quarantined copies
/// (onshi_received_file.archive_path) and EMR copies (emr_path), and closed reference-number
/// changes (done, dismissed), and imported claim transfer result files with their results
/// (onshi_claim_transfer_file, onshi_claim_transfer). Unprocessed files, open jobs and changes
/// still waiting for an answer or for staff are never purged; the audit log is never purged. The
/// engine runs it once per facility and local date (run_daily_purge); `onshi-admin purge` runs it
/// by hand.

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
struct FacilitySettings;
}  // namespace onshi::db

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
  std::vector<std::string> archive_paths;  ///< archived/quarantined files on disk to delete
  std::vector<std::string> emr_paths;      ///< EMR copies on disk to delete
  long disk_removed = 0;                   ///< files deleted from disk (remove_report_files)
  std::vector<std::string> disk_failures;  ///< files that could not be deleted, with the reason
};

/// Purges every facility with settings (or only `hospnum`), one transaction per facility.
/// Archived files on disk are not touched here: the caller deletes `archive_paths` after the
/// commit (remove_archived_files).
/// @throws db::UnknownFacilityError when `hospnum` has no settings
std::vector<PurgeReport> purge(db::Connection& conn, std::optional<int> hospnum, bool dry_run);

/// Deletes archived files (regular files or symlinks themselves, never their targets).
/// @return the paths that could not be removed, with the reason
std::vector<std::string> remove_archived_files(const std::vector<std::string>& paths,
                                               long* removed = nullptr);

/// Deletes a committed report's files on disk (archive_paths and emr_paths), counting them in
/// disk_removed and disk_failures.
void remove_report_files(PurgeReport& report);

/// The engine's daily purge of one facility.
struct DailyPurge {
  bool ran = false;  ///< false: already done for this facility today (or a later day)
  PurgeReport report;
};

/// Runs the purge of `facility` once per local date `today` (YYYYMMDD), recorded in
/// onshi_purge_run in the same transaction as the deletions, so that restarts, clock jumps back
/// and several engines never repeat a day; then deletes the report's files on disk.
DailyPurge run_daily_purge(db::Connection& conn, const db::FacilitySettings& facility,
                           const std::string& today);

/// The same for today's local date (common/clock.h: the engine's clock).
DailyPurge run_daily_purge(db::Connection& conn, const db::FacilitySettings& facility);

}  // namespace onshi::store
