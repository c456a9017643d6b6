// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/outage.h"

#include "db/connection.h"

namespace onshi::store {

namespace {

const char* const kColumns =
    "s.statement_id, s.hospnum, s.ptid, s.visit_date, s.name, s.name_kana, s.sex, s.birthdate, "
    "s.address, s.insurer, s.state, s.job_id, s.attempts, s.note, s.recorded_by, "
    "to_char(s.recorded_at, 'YYYY-MM-DD HH24:MI:SS'), "
    "coalesce((SELECT trim(n.ptnum) FROM tbl_ptnum n WHERE n.hospnum = s.hospnum "
    "AND n.ptid = s.ptid), ''), "
    "c.confirmation_id, coalesce(c.validity, ''), coalesce(c.link_state, ''), "
    "coalesce(c.name, ''), coalesce(c.name_kana, ''), coalesce(c.sex, ''), "
    "coalesce(c.birthdate, ''), coalesce(c.insurer_name, ''), coalesce(c.insurer_number, '') "
    "FROM onshi_outage_statement s "
    "LEFT JOIN LATERAL (SELECT * FROM onshi_confirmation x WHERE x.job_id = s.job_id "
    "AND s.state = 'answered' ORDER BY x.result_index LIMIT 1) c ON true ";

OutageStatement row(const db::Result& r, int i) {
  OutageStatement s;
  s.statement_id = r.integer(i, 0);
  s.hospnum = static_cast<int>(r.integer(i, 1));
  if (!r.is_null(i, 2)) s.ptid = r.integer(i, 2);
  s.visit_date = r.text(i, 3);
  s.name = r.text(i, 4);
  s.name_kana = r.text(i, 5);
  s.sex = r.text(i, 6);
  s.birthdate = r.text(i, 7);
  s.address = r.text(i, 8);
  s.insurer = r.text(i, 9);
  s.state = r.text(i, 10);
  if (!r.is_null(i, 11)) s.job_id = r.integer(i, 11);
  s.attempts = static_cast<int>(r.integer(i, 12));
  s.note = r.text(i, 13);
  s.recorded_by = r.text(i, 14);
  s.recorded_at = r.text(i, 15);
  s.ptnum = r.text(i, 16);
  if (!r.is_null(i, 17)) s.confirmation_id = r.integer(i, 17);
  s.validity = r.text(i, 18);
  s.link_state = r.text(i, 19);
  s.result_name = r.text(i, 20);
  s.result_kana = r.text(i, 21);
  s.result_sex = r.text(i, 22);
  s.result_birthdate = r.text(i, 23);
  s.result_insurer_name = r.text(i, 24);
  s.result_insurer_number = r.text(i, 25);
  return s;
}

}  // namespace

long long insert_outage_statement(db::Connection& conn, const OutageStatement& s) {
  return conn
      .exec(
          "INSERT INTO onshi_outage_statement (hospnum, ptid, visit_date, name, name_kana, sex, "
          "birthdate, address, insurer, recorded_by) VALUES ($1::integer, $2::bigint, $3, $4, $5, "
          "$6, $7, $8, $9, $10) RETURNING statement_id",
          {s.hospnum, s.ptid ? db::Param(*s.ptid) : db::Param(), s.visit_date, s.name, s.name_kana,
           s.sex, s.birthdate, s.address, s.insurer, s.recorded_by})
      .integer(0, 0);
}

std::vector<OutageStatement> outage_statements(db::Connection& conn, int hospnum, bool open_only,
                                               int limit, long long before_id) {
  const db::Result r =
      conn.exec(std::string("SELECT ") + kColumns + "WHERE s.hospnum = $1::integer" +
                    (open_only ? " AND s.state IN ('waiting', 'queued', 'staff')" : "") +
                    " AND ($3::bigint = 0 OR s.statement_id < $3::bigint)" +
                    " ORDER BY s.statement_id DESC LIMIT $2::integer",
                {hospnum, limit, before_id});
  std::vector<OutageStatement> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(row(r, i));
  return out;
}

std::optional<OutageStatement> outage_statement(db::Connection& conn, int hospnum,
                                                long long statement_id) {
  const db::Result r =
      conn.exec(std::string("SELECT ") + kColumns +
                    "WHERE s.hospnum = $1::integer AND s.statement_id = $2::bigint",
                {hospnum, statement_id});
  if (r.rows() == 0) return std::nullopt;
  return row(r, 0);
}

bool outage_statements_open(db::Connection& conn, int hospnum) {
  return conn.exec_prepared(
                 "SELECT 1 FROM onshi_outage_statement WHERE hospnum = $1::integer "
                 "AND state IN ('waiting', 'queued') LIMIT 1",
                 {hospnum})
             .rows() > 0;
}

int settle_outage_answers(db::Connection& conn, int hospnum) {
  return static_cast<int>(
      conn.exec_prepared("UPDATE onshi_outage_statement s SET state = 'answered' FROM onshi_job j "
                         "WHERE s.hospnum = $1::integer AND s.state = 'queued' "
                         "AND j.job_id = s.job_id AND j.state = 'answered'",
                         {hospnum})
          .affected());
}

std::vector<OutageRecheck> claim_outage_rechecks(db::Connection& conn, int hospnum, bool force,
                                                 int limit) {
  // A sign of life newer than the statement and than its last attempt: the terminal answers.
  const db::Result r = conn.exec_prepared(
      "SELECT s.statement_id, s.ptid, s.visit_date FROM onshi_outage_statement s "
      "LEFT JOIN onshi_job j ON j.job_id = s.job_id "
      "WHERE s.hospnum = $1::integer AND s.ptid IS NOT NULL "
      "AND (s.state = 'waiting' OR (s.state = 'queued' "
      "AND (j.job_id IS NULL OR j.state IN ('failed', 'expired', 'cancelled')))) "
      "AND ($2::boolean OR EXISTS (SELECT 1 FROM onshi_received_file f "
      "WHERE f.hospnum = s.hospnum AND f.received_at > greatest(s.recorded_at, "
      "coalesce(j.updated_at, s.recorded_at)))) "
      "ORDER BY s.statement_id LIMIT $3::integer FOR UPDATE OF s SKIP LOCKED",
      {hospnum, force, limit});
  std::vector<OutageRecheck> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.integer(i, 0), r.integer(i, 1), r.text(i, 2)});
  return out;
}

void mark_outage_queued(db::Connection& conn, long long statement_id, long long job_id) {
  conn.exec_prepared(
      "UPDATE onshi_outage_statement SET state = 'queued', job_id = $2::bigint, "
      "attempts = attempts + 1, queued_at = now(), note = '' WHERE statement_id = $1::bigint",
      {statement_id, job_id});
}

void mark_outage_staff(db::Connection& conn, long long statement_id, const std::string& note) {
  conn.exec_prepared(
      "UPDATE onshi_outage_statement SET state = 'staff', note = $2 WHERE statement_id = "
      "$1::bigint",
      {statement_id, note});
}

bool link_outage_statement(db::Connection& conn, int hospnum, long long statement_id,
                           long long ptid) {
  return conn.exec(
                 "UPDATE onshi_outage_statement SET ptid = $3::bigint, state = 'waiting', "
                 "note = '' WHERE hospnum = $1::integer AND statement_id = $2::bigint "
                 "AND state IN ('waiting', 'staff')",
                 {hospnum, statement_id, ptid})
             .affected() == 1;
}

bool cancel_outage_statement(db::Connection& conn, int hospnum, long long statement_id) {
  return conn.exec(
                 "UPDATE onshi_outage_statement SET state = 'cancelled' "
                 "WHERE hospnum = $1::integer AND statement_id = $2::bigint "
                 "AND state IN ('waiting', 'queued', 'staff')",
                 {hospnum, statement_id})
             .affected() == 1;
}

std::optional<DisasterDeclaration> disaster_in_force(db::Connection& conn, int hospnum) {
  const db::Result r = conn.exec_prepared(
      "SELECT to_char(disaster_since, 'YYYY-MM-DD HH24:MI:SS'), "
      "coalesce(to_char(disaster_until, 'YYYY-MM-DD HH24:MI:SS'), ''), "
      "coalesce(disaster_by, ''), coalesce(disaster_reason, '') FROM onshi_facility "
      "WHERE hospnum = $1::integer AND disaster_since IS NOT NULL AND disaster_since <= now() "
      "AND (disaster_until IS NULL OR disaster_until > now())",
      {hospnum});
  if (r.rows() == 0) return std::nullopt;
  return DisasterDeclaration{r.text(0, 0), r.text(0, 1), r.text(0, 2), r.text(0, 3)};
}

void declare_disaster(db::Connection& conn, int hospnum, const std::string& by,
                      const std::string& reason, const std::string& until) {
  conn.exec(
      "UPDATE onshi_facility SET disaster_since = now(), disaster_until = "
      "nullif($4, '')::timestamp, disaster_by = $2, disaster_reason = $3 "
      "WHERE hospnum = $1::integer",
      {hospnum, by, reason, until});
}

bool end_disaster(db::Connection& conn, int hospnum) {
  return conn.exec(
                 "UPDATE onshi_facility SET disaster_until = now() WHERE hospnum = $1::integer "
                 "AND disaster_since IS NOT NULL AND disaster_since <= now() "
                 "AND (disaster_until IS NULL OR disaster_until > now())",
                 {hospnum})
             .affected() == 1;
}

}  // namespace onshi::store
