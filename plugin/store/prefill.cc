// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/prefill.h"

#include "db/connection.h"

namespace onshi::store {
namespace {

const char* const kColumns =
    "p.prefill_id, p.confirmation_id, coalesce(p.ptid, 0), p.mode, p.state, p.proposal::text, "
    "p.before_image::text, p.differences::text, coalesce(p.saved_hknid, 0), "
    "coalesce(p.audit_id, 0), p.created_by, to_char(p.created_at, 'YYYYMMDDHH24MISS'), "
    "coalesce(p.closed_by, ''), coalesce(to_char(p.closed_at, 'YYYYMMDDHH24MISS'), '') ";

Prefill prefill_at(const db::Result& r, int i) {
  Prefill p;
  p.prefill_id = r.integer(i, 0);
  p.confirmation_id = r.integer(i, 1);
  p.ptid = r.integer(i, 2);
  p.mode = r.text(i, 3);
  p.state = r.text(i, 4);
  p.proposal = r.text(i, 5);
  p.before = r.text(i, 6);
  p.differences = r.text(i, 7);
  p.saved_hknid = r.integer(i, 8);
  p.audit_id = r.integer(i, 9);
  p.created_by = r.text(i, 10);
  p.created_at = r.text(i, 11);
  p.closed_by = r.text(i, 12);
  p.closed_at = r.text(i, 13);
  return p;
}

}  // namespace

std::string apply_mode_setting(db::Connection& conn, int hospnum) {
  db::Result r =
      conn.exec("SELECT apply_mode FROM onshi_facility WHERE hospnum = $1::integer", {hospnum});
  return r.rows() ? r.text(0, 0) : std::string("direct");
}

bool set_apply_mode(db::Connection& conn, int hospnum, const std::string& mode) {
  return conn.exec(
                 "UPDATE onshi_facility SET apply_mode = $2::text, updated_at = now() "
                 "WHERE hospnum = $1::integer RETURNING 1",
                 {hospnum, mode})
             .rows() > 0;
}

long long insert_prefill(db::Connection& conn, int hospnum, long long confirmation_id,
                         long long ptid, const std::string& mode, const std::string& proposal,
                         const std::string& before, const std::string& userid) {
  return conn
      .exec(
          "INSERT INTO onshi_prefill (hospnum, confirmation_id, ptid, mode, proposal, "
          "  before_image, created_by) "
          "VALUES ($1::integer, $2::bigint, nullif($3::bigint, 0), $4::text, $5::jsonb, "
          "  $6::jsonb, $7::text) RETURNING prefill_id",
          {hospnum, confirmation_id, ptid, mode, proposal, before, userid})
      .integer(0, 0);
}

std::optional<Prefill> find_prefill(db::Connection& conn, int hospnum, long long prefill_id,
                                    bool lock) {
  db::Result r = conn.exec(std::string("SELECT ") + kColumns +
                               "FROM onshi_prefill p WHERE p.hospnum = $1::integer "
                               "AND p.prefill_id = $2::bigint" +
                               (lock ? " FOR UPDATE" : ""),
                           {hospnum, prefill_id});
  if (r.rows() == 0) return std::nullopt;
  return prefill_at(r, 0);
}

std::vector<Prefill> pending_prefills(db::Connection& conn, int hospnum,
                                      std::optional<long long> confirmation_id,
                                      std::optional<long long> ptid) {
  db::Result r =
      conn.exec(std::string("SELECT ") + kColumns +
                    "FROM onshi_prefill p WHERE p.hospnum = $1::integer AND p.state = 'pending' "
                    "AND ($2::bigint IS NULL OR p.confirmation_id = $2::bigint) "
                    "AND ($3::bigint IS NULL OR p.ptid = $3::bigint) ORDER BY p.prefill_id",
                {hospnum, confirmation_id ? db::Param(*confirmation_id) : db::Param(),
                 ptid ? db::Param(*ptid) : db::Param()});
  std::vector<Prefill> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(prefill_at(r, i));
  return out;
}

std::optional<Prefill> latest_prefill(db::Connection& conn, int hospnum,
                                      long long confirmation_id) {
  db::Result r = conn.exec(std::string("SELECT ") + kColumns +
                               "FROM onshi_prefill p WHERE p.hospnum = $1::integer "
                               "AND p.confirmation_id = $2::bigint "
                               "ORDER BY p.prefill_id DESC LIMIT 1",
                           {hospnum, confirmation_id});
  if (r.rows() == 0) return std::nullopt;
  return prefill_at(r, 0);
}

bool close_prefill(db::Connection& conn, int hospnum, long long prefill_id,
                   const std::string& state, const std::string& userid,
                   const std::string& differences, long long saved_hknid,
                   const std::vector<long long>& saved_kohids, long long audit_id) {
  std::string kohids = "{";
  for (std::size_t i = 0; i < saved_kohids.size(); ++i)
    kohids += (i ? "," : "") + std::to_string(saved_kohids[i]);
  kohids += "}";
  return conn.exec(
                 "UPDATE onshi_prefill SET state = $3::text, closed_by = $4::text, "
                 "  closed_at = now(), differences = $5::jsonb, "
                 "  saved_hknid = nullif($6::bigint, 0), "
                 "  saved_kohids = CASE WHEN $3::text = 'saved' THEN $7::bigint[] END, "
                 "  audit_id = nullif($8::bigint, 0) "
                 "WHERE hospnum = $1::integer AND prefill_id = $2::bigint AND state = 'pending' "
                 "RETURNING 1",
                 {hospnum, prefill_id, state, userid, differences, saved_hknid, kohids, audit_id})
             .rows() > 0;
}

}  // namespace onshi::store
