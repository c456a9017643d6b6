// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/notices.h"

#include <algorithm>

#include "db/connection.h"

namespace onshi::store {
namespace {

db::Param id_param(const std::optional<long long>& v) {
  return v ? db::Param(*v) : db::Param();
}

std::optional<long long> optional_id(const db::Result& r, int row, int column) {
  if (r.is_null(row, column)) return std::nullopt;
  return r.integer(row, column);
}

constexpr char kColumns[] =
    "n.notice_id, n.hospnum, n.kind, to_char(n.created_at, 'YYYY-MM-DD HH24:MI:SS') AS created, "
    "n.confirmation_id, n.file_id, n.job_id, n.ptid, n.subject, n.detail, "
    "(SELECT count(*) FROM onshi_notice_ack a WHERE a.notice_id = n.notice_id) AS acks ";

std::vector<Notice> read_notices(const db::Result& r) {
  std::vector<Notice> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    Notice n;
    n.notice_id = r.integer(i, 0);
    n.hospnum = static_cast<int>(r.integer(i, 1));
    n.kind = r.text(i, 2);
    n.created = r.text(i, 3);
    n.confirmation_id = optional_id(r, i, 4);
    n.file_id = optional_id(r, i, 5);
    n.job_id = optional_id(r, i, 6);
    n.ptid = optional_id(r, i, 7);
    n.subject = r.text(i, 8);
    n.detail = r.text(i, 9);
    n.acks = static_cast<int>(r.integer(i, 10));
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace

std::string result_notice_kind(const std::string& processing_status, const std::string& validity,
                               const std::string& link_state, const std::string& host_status,
                               bool differences, bool own_registration) {
  // The same order as the screens' status (hooks/results.cc decide_status): an answer that is
  // no answer, then the link, then the validity, then what differs from the registration.
  const bool usable = validity == "1" || validity == "6";
  if (processing_status != "1" || validity.empty()) return "invalid";
  if (link_state == "no_patient") {
    if (own_registration) return usable ? "" : "invalid";
    return "no_patient";
  }
  if (link_state == "candidates" || link_state == "conflict") return "candidates";
  if (link_state == "test_patient") return "";
  if (!usable) return "invalid";
  if (link_state != "linked") return "";
  if (host_status == "suspect" || host_status == "person_differs" ||
      host_status == "reference_conflict" || differences)
    return "differences";
  return "";
}

NoticeMessage notice_message(const Notice& n) {
  const std::string who = n.subject.empty() ? std::string("-") : n.subject;
  if (n.kind == "no_patient") return {"ONSHI-S-6080", {who}};
  if (n.kind == "candidates") return {"ONSHI-S-6081", {who}};
  if (n.kind == "differences") return {"ONSHI-S-6082", {who}};
  if (n.kind == "invalid") return {"ONSHI-S-6083", {who, n.detail}};
  if (n.kind == "refused_file") return {"ONSHI-S-6084", {who, n.detail}};
  if (n.kind == "terminal_silent") return {"ONSHI-S-6085", {n.detail}};
  return {"ONSHI-S-6086", {}};
}

std::optional<long long> add_notice(db::Connection& conn, const NewNotice& n) {
  // pg_notify runs only for a row actually inserted, and is delivered at the commit of the
  // caller's transaction (or not at all when it rolls back).
  db::Result r = conn.exec_prepared(
      "WITH n AS (INSERT INTO onshi_notice (hospnum, kind, confirmation_id, file_id, job_id, "
      "             ptid, subject, detail) "
      "           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING "
      "           RETURNING notice_id, hospnum) "
      "SELECT notice_id, pg_notify('onshi_notice', hospnum::text) FROM n",
      {n.hospnum, n.kind, id_param(n.confirmation_id), id_param(n.file_id), id_param(n.job_id),
       id_param(n.ptid), n.subject, n.detail});
  if (r.rows() == 0) return std::nullopt;
  return r.integer(0, 0);
}

std::vector<Notice> pending_notices(db::Connection& conn, int hospnum,
                                    const std::string& workstation, long long after_id, int limit) {
  limit = std::clamp(limit, 1, kMaxNotices);
  return read_notices(conn.exec_prepared(
      std::string("SELECT ") + kColumns +
          "FROM onshi_notice n WHERE n.hospnum = $1 AND n.notice_id > $2 "
          "  AND NOT EXISTS (SELECT 1 FROM onshi_notice_ack a "
          "                  WHERE a.notice_id = n.notice_id AND a.workstation = $3) "
          "ORDER BY n.notice_id LIMIT $4",
      {hospnum, after_id, workstation, limit}));
}

AckOutcome acknowledge_notice(db::Connection& conn, int hospnum, long long notice_id,
                              const std::string& workstation, const std::string& staff) {
  db::Result r = conn.exec_prepared(
      "WITH n AS (SELECT notice_id, kind FROM onshi_notice WHERE notice_id = $1 AND hospnum = $2),"
      "     a AS (INSERT INTO onshi_notice_ack (notice_id, hospnum, workstation, staff) "
      "           SELECT notice_id, $2, $3, $4 FROM n ON CONFLICT DO NOTHING RETURNING notice_id), "
      "     u AS (INSERT INTO onshi_audit (hospnum, userid, action, info_kind, detail) "
      "           SELECT $2, $4, 'view', 'notice', 'notice ' || a.notice_id || ' (' || n.kind || "
      "                  ') acknowledged at workstation ' || $3 FROM a, n RETURNING 1) "
      "SELECT (SELECT count(*) FROM n) AS found, (SELECT count(*) FROM u) AS acked",
      {notice_id, hospnum, workstation, staff});
  if (r.integer(0, 0) == 0) return AckOutcome::unknown;
  return r.integer(0, 1) > 0 ? AckOutcome::acknowledged : AckOutcome::already;
}

std::vector<Notice> list_notices(db::Connection& conn, std::optional<int> hospnum, bool pending,
                                 int limit) {
  return read_notices(
      conn.exec(std::string("SELECT ") + kColumns +
                    "FROM onshi_notice n WHERE ($1::integer IS NULL OR n.hospnum = $1) "
                    "  AND (NOT $2 OR NOT EXISTS (SELECT 1 FROM onshi_notice_ack a "
                    "                             WHERE a.notice_id = n.notice_id)) "
                    "ORDER BY n.notice_id DESC LIMIT $3",
                {hospnum ? db::Param(*hospnum) : db::Param(), pending, std::max(limit, 1)}));
}

}  // namespace onshi::store
