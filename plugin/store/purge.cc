// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/purge.h"

#include <filesystem>
#include <system_error>

#include "db/connection.h"
#include "db/db_error.h"
#include "db/facility.h"
#include "db/transaction.h"

namespace onshi::store {
namespace {

// Old confirmation rows, old final files, old final jobs of one facility; $1 hospnum, $2 cutoff.
const char* const kOldConfirmations =
    "SELECT confirmation_id FROM onshi_confirmation WHERE hospnum = $1 AND created_at < $2";
const char* const kOldFiles =
    "FROM onshi_received_file WHERE hospnum = $1 AND received_at < $2 "
    "AND state IN ('imported', 'refused')";
const char* const kOldJobs =
    "FROM onshi_job WHERE hospnum = $1 AND updated_at < $2 "
    "AND state IN ('answered', 'failed', 'expired', 'cancelled')";

PurgeReport purge_one(db::Connection& conn, const db::FacilitySettings& f, bool dry_run) {
  PurgeReport rep;
  rep.hospnum = f.hospnum;
  rep.retention_months = f.retention_months;
  db::Transaction tx(conn);
  rep.cutoff =
      conn.exec("SELECT now() - make_interval(months => $1)", {f.retention_months}).text(0, 0);
  const std::vector<db::Param> p{f.hospnum, rep.cutoff};
  auto count = [&](const std::string& sql) {
    return static_cast<long>(conn.exec(sql, p).integer(0, 0));
  };
  rep.consents =
      count(std::string("SELECT count(*) FROM onshi_consent WHERE confirmation_id IN (") +
            kOldConfirmations + ")");
  rep.certificate_details = count(
      std::string("SELECT count(*) FROM onshi_certificate_detail WHERE confirmation_id IN (") +
      kOldConfirmations + ")");
  db::Result paths = conn.exec(std::string("SELECT archive_path ") + kOldFiles +
                                   " AND archive_path IS NOT NULL ORDER BY file_id",
                               p);
  for (int i = 0; i < paths.rows(); ++i) rep.archive_paths.push_back(paths.text(i, 0));
  if (dry_run) {
    rep.confirmations = count(std::string("SELECT count(*) FROM (") + kOldConfirmations + ") c");
    rep.files = count(std::string("SELECT count(*) ") + kOldFiles);
    rep.jobs = count(std::string("SELECT count(*) ") + kOldJobs);
    tx.rollback();
    return rep;
  }
  rep.confirmations =
      conn.exec("DELETE FROM onshi_confirmation WHERE hospnum = $1 AND created_at < $2", p)
          .affected();
  // Bulk pre-check batches (their chunks hold the search values sent) and evening-run records.
  conn.exec("DELETE FROM onshi_bulk_batch WHERE hospnum = $1 AND created_at < $2", p);
  conn.exec("DELETE FROM onshi_bulk_run WHERE hospnum = $1 AND ran_at < $2", p);
  rep.files = conn.exec(std::string("DELETE ") + kOldFiles, p).affected();
  rep.jobs = conn.exec(std::string("DELETE ") + kOldJobs, p).affected();
  // Names of requests we wrote (which answers in res/ are ours), once their job is gone.
  conn.exec(
      "DELETE FROM onshi_request_name n WHERE hospnum = $1 AND written_at < $2 AND NOT EXISTS "
      "(SELECT 1 FROM onshi_job j WHERE j.job_id = n.job_id)",
      p);
  tx.commit();
  return rep;
}

}  // namespace

std::vector<PurgeReport> purge(db::Connection& conn, std::optional<int> hospnum, bool dry_run) {
  std::vector<db::FacilitySettings> facilities;
  if (hospnum) {
    auto f = db::find_facility(conn, *hospnum);
    if (!f) throw db::UnknownFacilityError(*hospnum, "onshi-link was never enabled for it");
    facilities.push_back(*f);
  } else {
    facilities = db::load_all_facilities(conn);
  }
  std::vector<PurgeReport> out;
  for (const db::FacilitySettings& f : facilities) out.push_back(purge_one(conn, f, dry_run));
  return out;
}

std::vector<std::string> remove_archived_files(const std::vector<std::string>& paths) {
  std::vector<std::string> failures;
  for (const std::string& path : paths) {
    std::error_code ec;
    auto st = std::filesystem::symlink_status(path, ec);
    if (ec || !std::filesystem::exists(st)) continue;  // already gone
    if (!std::filesystem::is_regular_file(st) && !std::filesystem::is_symlink(st)) {
      failures.push_back(path + ": not a regular file, left in place");
      continue;
    }
    if (!std::filesystem::remove(path, ec) && ec) failures.push_back(path + ": " + ec.message());
  }
  return failures;
}

}  // namespace onshi::store
