// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/consent_withdrawal.h"

#include "db/connection.h"

namespace onshi::store {
namespace {

constexpr const char* kColumns =
    "SELECT withdrawal_id, hospnum, ptid, hknid, insurer_number, card_symbol, card_number, "
    "branch_number, birthdate, state, job_id, error, requested_by, "
    "to_char(created_at, 'YYYY-MM-DD HH24:MI:SS') AS created, "
    "to_char(updated_at, 'YYYY-MM-DD HH24:MI:SS') AS updated FROM onshi_consent_withdrawal ";

ConsentWithdrawal row(const db::Result& r, int i) {
  ConsentWithdrawal w;
  w.withdrawal_id = r.integer(i, r.column("withdrawal_id"));
  w.hospnum = static_cast<int>(r.integer(i, r.column("hospnum")));
  w.ptid = r.integer(i, r.column("ptid"));
  if (!r.is_null(i, r.column("hknid"))) w.hknid = static_cast<int>(r.integer(i, r.column("hknid")));
  w.insurer_number = r.text(i, r.column("insurer_number"));
  w.card_symbol = r.optional(i, r.column("card_symbol"));
  w.card_number = r.text(i, r.column("card_number"));
  w.branch_number = r.optional(i, r.column("branch_number"));
  w.birthdate = r.text(i, r.column("birthdate"));
  w.state = r.text(i, r.column("state"));
  if (!r.is_null(i, r.column("job_id"))) w.job_id = r.integer(i, r.column("job_id"));
  w.error = r.optional(i, r.column("error"));
  w.requested_by = r.text(i, r.column("requested_by"));
  w.created_at = r.text(i, r.column("created"));
  w.updated_at = r.text(i, r.column("updated"));
  return w;
}

}  // namespace

bool has_open_withdrawal(db::Connection& conn, int hospnum, long long ptid) {
  return conn.exec(
                 "SELECT 1 FROM onshi_consent_withdrawal WHERE hospnum = $1 AND ptid = $2 "
                 "AND state = 'pending'",
                 {hospnum, ptid})
             .rows() > 0;
}

long long insert_withdrawal(db::Connection& conn, const ConsentWithdrawal& w) {
  db::Result r = conn.exec(
      "INSERT INTO onshi_consent_withdrawal (hospnum, ptid, hknid, insurer_number, card_symbol, "
      "  card_number, branch_number, birthdate, job_id, requested_by) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING withdrawal_id",
      {w.hospnum, w.ptid, w.hknid ? db::Param(*w.hknid) : db::Param(), w.insurer_number,
       w.card_symbol, w.card_number, w.branch_number, w.birthdate,
       w.job_id ? db::Param(*w.job_id) : db::Param(), w.requested_by});
  return r.integer(0, r.column("withdrawal_id"));
}

long long enqueue_withdrawal_job(db::Connection& conn, int hospnum, long long ptid,
                                 std::optional<int> hknid, const std::string& requested_by) {
  db::Result j = conn.exec(
      "INSERT INTO onshi_job (hospnum, kind, ptid, hknid, payload, requested_by) "
      "VALUES ($1, 'OQSsihvd01req', $2, $3, '{}'::jsonb, $4) RETURNING job_id",
      {hospnum, ptid, hknid ? db::Param(*hknid) : db::Param(), requested_by});
  return j.integer(0, j.column("job_id"));
}

void set_withdrawal_job(db::Connection& conn, long long withdrawal_id, long long job_id) {
  conn.exec(
      "UPDATE onshi_consent_withdrawal SET job_id = $2, updated_at = now() "
      "WHERE withdrawal_id = $1",
      {withdrawal_id, job_id});
}

std::optional<ConsentWithdrawal> lock_withdrawal_of_job(db::Connection& conn, long long job_id) {
  db::Result r = conn.exec(std::string(kColumns) + "WHERE job_id = $1 FOR UPDATE", {job_id});
  if (r.rows() == 0) return std::nullopt;
  return row(r, 0);
}

void finish_withdrawal(db::Connection& conn, long long withdrawal_id, const std::string& state,
                       const std::optional<std::string>& error, std::optional<long long> file_id) {
  conn.exec(
      "UPDATE onshi_consent_withdrawal SET state = $2, error = left($3, 1000), file_id = $4, "
      "updated_at = now() WHERE withdrawal_id = $1",
      {withdrawal_id, state, error, file_id ? db::Param(*file_id) : db::Param()});
}

void fail_given_up_withdrawals(db::Connection& conn, int hospnum) {
  conn.exec(
      "UPDATE onshi_consent_withdrawal w SET state = 'failed', updated_at = now(), "
      "error = left(coalesce(j.last_error, 'the request ' || j.state), 1000) "
      "FROM onshi_job j WHERE w.hospnum = $1 AND w.state = 'pending' AND j.job_id = w.job_id "
      "AND j.state IN ('failed', 'expired', 'cancelled')",
      {hospnum});
}

std::optional<ConsentWithdrawal> withdrawal_in_force(db::Connection& conn, int hospnum,
                                                     long long ptid) {
  // consent_time is the terminal's local time; created_at::timestamp is ours in the session's
  // zone (the engine's local time).
  db::Result r = conn.exec(
      std::string(kColumns) +
          "w WHERE w.hospnum = $1 AND w.ptid = $2 AND w.state = 'done' AND NOT EXISTS ("
          "  SELECT 1 FROM onshi_confirmation c JOIN onshi_consent s USING (confirmation_id) "
          "  WHERE c.hospnum = w.hospnum AND c.ptid = w.ptid AND c.link_state = 'linked' "
          "    AND c.kind = ANY($3::text[]) AND c.created_at > w.updated_at "
          "    AND s.flag = '1' AND s.consent_type NOT IN ('limit_certificate', "
          "'specific_diseases') "
          "    AND s.consent_time >= w.created_at::timestamp) "
          "ORDER BY w.updated_at DESC, w.withdrawal_id DESC LIMIT 1",
      {hospnum, ptid, kHomeVisitConsentKinds});
  if (r.rows() == 0) return std::nullopt;
  return row(r, 0);
}

std::vector<ConsentWithdrawal> list_withdrawals(db::Connection& conn, int hospnum,
                                                std::optional<long long> ptid, int limit) {
  db::Result r = conn.exec(std::string(kColumns) +
                               "WHERE hospnum = $1 AND ($2::bigint IS NULL OR ptid = $2) "
                               "ORDER BY withdrawal_id DESC LIMIT $3",
                           {hospnum, ptid ? db::Param(*ptid) : db::Param(), limit});
  std::vector<ConsentWithdrawal> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(row(r, i));
  return out;
}

}  // namespace onshi::store
