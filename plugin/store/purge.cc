// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/purge.h"

#include <filesystem>
#include <system_error>

#include "common/clock.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/facility.h"
#include "db/transaction.h"
#include "store/auto_check.h"
#include "store/consent_withdrawal.h"

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

// EMR copies of old final files no file kept still names (a re-import finds its copy in place);
// $1 hospnum, $2 cutoff.
const char* const kOldEmrCopies =
    "FROM onshi_received_file f WHERE f.hospnum = $1 AND f.received_at < $2 "
    "AND f.state IN ('imported', 'refused') AND f.emr_path IS NOT NULL "
    "AND NOT EXISTS (SELECT 1 FROM onshi_received_file k WHERE k.emr_path = f.emr_path "
    "  AND k.file_id <> f.file_id AND (k.received_at >= $2 OR k.state NOT IN ('imported', "
    "'refused')))";

/// The purge's statements, inside the caller's transaction (rolled back by it for a dry run).
void purge_rows(db::Connection& conn, const db::FacilitySettings& f, bool dry_run,
                PurgeReport& rep) {
  rep.hospnum = f.hospnum;
  rep.retention_months = f.retention_months;
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
  db::Result emr = conn.exec(
      std::string("SELECT DISTINCT f.emr_path ") + kOldEmrCopies + " ORDER BY f.emr_path", p);
  for (int i = 0; i < emr.rows(); ++i) rep.emr_paths.push_back(emr.text(i, 0));
  if (dry_run) {
    rep.confirmations = count(std::string("SELECT count(*) FROM (") + kOldConfirmations + ") c");
    rep.files = count(std::string("SELECT count(*) ") + kOldFiles);
    rep.jobs = count(std::string("SELECT count(*) ") + kOldJobs);
    return;
  }
  // The stored results keep their rows; a PDF copy's path goes with the copy.
  for (const char* table : {"onshi_drug_info", "onshi_checkup_info", "onshi_diagnosis_info"})
    conn.exec(std::string("UPDATE ") + table + " i SET pdf_path = NULL WHERE i.hospnum = $1 " +
                  "AND i.pdf_path IN (SELECT f.emr_path " + kOldEmrCopies + ")",
              p);
  // Closed consent withdrawals (home-visit care), before the confirmations: a done one that is
  // the patient's newest and still in force (no newer consent lifted it, store/
  // consent_withdrawal.h) is kept, or the patient's home-visit requests would be allowed again.
  conn.exec(
      std::string(
          "DELETE FROM onshi_consent_withdrawal w WHERE w.hospnum = $1 AND w.updated_at < $2 "
          "AND w.state IN ('done', 'failed') AND NOT (w.state = 'done' AND NOT EXISTS ("
          "  SELECT 1 FROM onshi_consent_withdrawal n WHERE n.hospnum = w.hospnum "
          "    AND n.ptid = w.ptid AND n.state = 'done' AND n.withdrawal_id > w.withdrawal_id) "
          "AND NOT EXISTS ("
          "  SELECT 1 FROM onshi_confirmation c JOIN onshi_consent s USING (confirmation_id) "
          "  WHERE c.hospnum = w.hospnum AND c.ptid = w.ptid AND c.link_state = 'linked' "
          "    AND c.kind = ANY('") +
          kHomeVisitConsentKinds +
          "'::text[]) AND c.created_at > w.updated_at AND s.flag = '1' "
          "    AND s.consent_type NOT IN ('limit_certificate', 'specific_diseases') "
          "    AND s.consent_time >= w.created_at::timestamp))",
      p);
  rep.confirmations =
      conn.exec("DELETE FROM onshi_confirmation WHERE hospnum = $1 AND created_at < $2", p)
          .affected();
  // Bulk pre-check batches (their chunks hold the search values sent) and evening-run records.
  conn.exec("DELETE FROM onshi_bulk_batch WHERE hospnum = $1 AND created_at < $2", p);
  conn.exec("DELETE FROM onshi_bulk_run WHERE hospnum = $1 AND ran_at < $2", p);
  purge_auto_checks(conn, f.hospnum, rep.cutoff);  // store/auto_check.h
  // Written consents (the audit log keeps that each was recorded).
  conn.exec("DELETE FROM onshi_written_consent WHERE hospnum = $1 AND recorded_at < $2", p);
  // Retrievals of entrusted qualification information (OQSmutic; the tickets are confirmations):
  // finished ones, and ones whose requests gave up without closing them (none open any more).
  conn.exec(
      "DELETE FROM onshi_ticket_fetch t WHERE hospnum = $1 AND created_at < $2 "
      "AND (state IN ('done', 'error') OR NOT EXISTS (SELECT 1 FROM onshi_job j "
      "  WHERE j.job_id IN (t.upload_job_id, t.download_job_id) "
      "    AND j.state IN ('pending', 'sent')))",
      p);
  // Closed reference-number changes (done, dismissed); pending, unmatched and failed ones wait
  // for their answer or for staff.
  conn.exec(
      "DELETE FROM onshi_refnum_change WHERE hospnum = $1 AND updated_at < $2 "
      "AND state IN ('done', 'dismissed')",
      p);
  conn.exec("DELETE FROM onshi_claim_transfer_file WHERE hospnum = $1 AND imported_at < $2", p);
  rep.files = conn.exec(std::string("DELETE ") + kOldFiles, p).affected();
  rep.jobs = conn.exec(std::string("DELETE ") + kOldJobs, p).affected();
  // Names of requests we wrote (which answers in res/ are ours), once their job is gone.
  conn.exec(
      "DELETE FROM onshi_request_name n WHERE hospnum = $1 AND written_at < $2 AND NOT EXISTS "
      "(SELECT 1 FROM onshi_job j WHERE j.job_id = n.job_id)",
      p);
  // The engine's daily purge records, but never the newest (it says which day was done).
  conn.exec(
      "DELETE FROM onshi_purge_run r WHERE hospnum = $1 AND ran_at < $2 AND EXISTS "
      "(SELECT 1 FROM onshi_purge_run n WHERE n.hospnum = $1 AND n.run_date > r.run_date)",
      p);
}

PurgeReport purge_one(db::Connection& conn, const db::FacilitySettings& f, bool dry_run) {
  PurgeReport rep;
  db::Transaction tx(conn);
  purge_rows(conn, f, dry_run, rep);
  if (dry_run)
    tx.rollback();
  else
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

std::vector<std::string> remove_archived_files(const std::vector<std::string>& paths,
                                               long* removed) {
  std::vector<std::string> failures;
  for (const std::string& path : paths) {
    std::error_code ec;
    auto st = std::filesystem::symlink_status(path, ec);
    if (ec || !std::filesystem::exists(st)) continue;  // already gone
    if (!std::filesystem::is_regular_file(st) && !std::filesystem::is_symlink(st)) {
      failures.push_back(path + ": not a regular file, left in place");
      continue;
    }
    if (std::filesystem::remove(path, ec)) {
      if (removed) ++*removed;
    } else if (ec) {
      failures.push_back(path + ": " + ec.message());
    }
  }
  return failures;
}

void remove_report_files(PurgeReport& report) {
  for (const std::vector<std::string>* paths : {&report.archive_paths, &report.emr_paths})
    for (std::string& failure : remove_archived_files(*paths, &report.disk_removed))
      report.disk_failures.push_back(std::move(failure));
}

DailyPurge run_daily_purge(db::Connection& conn, const db::FacilitySettings& facility,
                           const std::string& today) {
  DailyPurge out;
  const int hospnum = facility.hospnum;
  // Cheap check first (every queue pass calls this).
  if (conn.exec("SELECT 1 FROM onshi_purge_run WHERE hospnum = $1 AND run_date >= $2",
                {hospnum, today})
          .rows() > 0)
    return out;
  db::Transaction tx(conn);
  // Waits for another engine claiming the same day, then finds it claimed.
  db::Result claimed = conn.exec(
      "INSERT INTO onshi_purge_run (hospnum, run_date) SELECT $1, $2 "
      "WHERE NOT EXISTS (SELECT 1 FROM onshi_purge_run WHERE hospnum = $1 AND run_date > $2) "
      "ON CONFLICT DO NOTHING RETURNING run_date",
      {hospnum, today});
  if (claimed.rows() == 0) {
    tx.rollback();
    return out;
  }
  purge_rows(conn, facility, false, out.report);
  const PurgeReport& r = out.report;
  conn.exec(
      "UPDATE onshi_purge_run SET cutoff = $3, confirmations = $4, files = $5, jobs = $6, "
      "disk_files = $7 WHERE hospnum = $1 AND run_date = $2",
      {hospnum, today, r.cutoff, static_cast<long long>(r.confirmations),
       static_cast<long long>(r.files), static_cast<long long>(r.jobs),
       static_cast<long long>(r.archive_paths.size() + r.emr_paths.size())});
  tx.commit();
  out.ran = true;
  remove_report_files(out.report);  // after the commit: a rollback never loses a file
  return out;
}

DailyPurge run_daily_purge(db::Connection& conn, const db::FacilitySettings& facility) {
  return run_daily_purge(conn, facility, local_date8(wall_clock_now()));
}

}  // namespace onshi::store
