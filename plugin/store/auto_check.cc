// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/auto_check.h"

#include "common/error.h"
#include "db/connection.h"

namespace onshi::store {
namespace {

std::optional<long long> optional_id(const db::Result& r, int row, int column) {
  if (r.is_null(row, column)) return std::nullopt;
  return r.integer(row, column);
}

db::Param opt(const std::optional<long long>& v) {
  return v ? db::Param(*v) : db::Param();
}

// A result counts as valid when it was definite (processing status 1) and the qualification
// valid (validity 1), as the importer decides before it confirms anything in the host.
constexpr char kValid[] =
    "coalesce(btrim(processing_status), '') = '1' AND coalesce(btrim(validity), '') = '1'";

}  // namespace

AutoCheckSettings auto_check_settings(db::Connection& conn, int hospnum) {
  db::Result r = conn.exec_prepared(
      "SELECT auto_face, auto_bulk, auto_request, auto_face_minutes FROM onshi_facility "
      "WHERE hospnum = $1::integer",
      {hospnum});
  AutoCheckSettings s;
  if (r.rows() == 0) return s;
  s.face = r.text(0, r.column("auto_face")) == "t";
  s.bulk = r.text(0, r.column("auto_bulk")) == "t";
  s.request = r.text(0, r.column("auto_request")) == "t";
  s.face_minutes = static_cast<int>(r.integer(0, r.column("auto_face_minutes")));
  return s;
}

void set_auto_check_settings(db::Connection& conn, int hospnum, const AutoCheckSettings& s) {
  if (s.face_minutes < 1 || s.face_minutes > 240)
    throw Error("the card check-in window must be 1 to 240 minutes, not " +
                std::to_string(s.face_minutes));
  db::Result r = conn.exec(
      "UPDATE onshi_facility SET auto_face = $2, auto_bulk = $3, auto_request = $4, "
      "  auto_face_minutes = $5, updated_at = now() WHERE hospnum = $1",
      {hospnum, s.face, s.bulk, s.request, s.face_minutes});
  if (r.affected() == 0)
    throw Error("facility " + std::to_string(hospnum) + " has no settings (onshi-admin enable)");
}

bool reception_trigger_installed(db::Connection& conn) {
  return conn.exec_prepared(
                 "SELECT to_regclass('tbl_uketuke') IS NOT NULL AND EXISTS (SELECT 1 FROM "
                 "pg_trigger WHERE tgrelid = to_regclass('tbl_uketuke') "
                 "AND tgname = 'onshi_reception_queued' AND tgenabled <> 'D')",
                 {})
             .text(0, 0) == "t";
}

bool install_reception_trigger(db::Connection& conn) {
  return conn.exec("SELECT onshi_auto_check_install()").text(0, 0) == "t";
}

bool remove_reception_trigger(db::Connection& conn) {
  return conn.exec("SELECT onshi_auto_check_remove()").text(0, 0) == "t";
}

std::optional<ReceptionEvent> next_reception_event(db::Connection& conn, int hospnum,
                                                   long long after_event_id) {
  db::Result r = conn.exec_prepared(
      "SELECT event_id, ptid, ukeymd, ukeid, "
      "  (extract(epoch FROM clock_timestamp() - created_at) * 1000)::bigint AS age_ms "
      "FROM onshi_reception_event "
      "WHERE hospnum = $1::integer AND handled_at IS NULL AND event_id > $2::bigint "
      "ORDER BY event_id LIMIT 1 FOR UPDATE SKIP LOCKED",
      {hospnum, after_event_id});
  if (r.rows() == 0) return std::nullopt;
  return ReceptionEvent{r.integer(0, r.column("event_id")), r.integer(0, r.column("ptid")),
                        r.text(0, r.column("ukeymd")), r.integer(0, r.column("ukeid")),
                        r.integer(0, r.column("age_ms"))};
}

void mark_handled(db::Connection& conn, long long event_id) {
  conn.exec_prepared(
      "UPDATE onshi_reception_event SET handled_at = now() WHERE event_id = $1::bigint",
      {event_id});
}

int queue_receptions(db::Connection& conn, int hospnum, const std::string& day,
                     const std::vector<std::pair<long long, long long>>& ukeid_ptid,
                     const std::string& via) {
  int queued = 0;
  for (const auto& [ukeid, ptid] : ukeid_ptid)
    queued += static_cast<int>(
        conn.exec_prepared(
                "INSERT INTO onshi_reception_event (hospnum, ptid, ukeymd, ukeid, via) "
                "SELECT $1::integer, $2::bigint, $3::bpchar, $4::integer, $5::text "
                "WHERE NOT EXISTS (SELECT 1 FROM onshi_auto_check a WHERE a.hospnum = $1::integer "
                "    AND a.ptid = $2::bigint AND a.day = $3::bpchar) "
                "  AND NOT EXISTS (SELECT 1 FROM onshi_reception_event e "
                "    WHERE e.hospnum = $1::integer AND e.handled_at IS NULL "
                "      AND e.ptid = $2::bigint AND e.ukeymd = $3::bpchar)",
                {hospnum, ptid, day, ukeid, via})
            .affected());
  return queued;
}

bool reception_waiting(db::Connection& conn, int hospnum, long long ptid, const std::string& day) {
  return conn.exec_prepared(
                 "SELECT 1 FROM onshi_reception_event WHERE hospnum = $1::integer "
                 "AND handled_at IS NULL AND ptid = $2::bigint AND ukeymd = $3::bpchar LIMIT 1",
                 {hospnum, ptid, day})
             .rows() > 0;
}

std::optional<AutoCheck> auto_check_of(db::Connection& conn, int hospnum, long long ptid,
                                       const std::string& day) {
  db::Result r = conn.exec_prepared(
      "SELECT source, confirmation_id, job_id, coalesce(note, '') AS note FROM onshi_auto_check "
      "WHERE hospnum = $1::integer AND ptid = $2::bigint AND day = $3::bpchar",
      {hospnum, ptid, day});
  if (r.rows() == 0) return std::nullopt;
  return AutoCheck{r.text(0, r.column("source")), optional_id(r, 0, r.column("confirmation_id")),
                   optional_id(r, 0, r.column("job_id")), r.text(0, r.column("note"))};
}

bool record_auto_check(db::Connection& conn, int hospnum, long long ptid, const std::string& day,
                       long long ukeid, const AutoCheck& check) {
  return conn.exec_prepared(
                 "INSERT INTO onshi_auto_check (hospnum, ptid, day, ukeid, source, "
                 "  confirmation_id, job_id, note) "
                 "VALUES ($1::integer, $2::bigint, $3::bpchar, $4::integer, $5::text, $6::bigint, "
                 "  $7::bigint, nullif($8::text, '')) "
                 "ON CONFLICT ON CONSTRAINT onshi_auto_check_once DO NOTHING",
                 {hospnum, ptid, day, ukeid, check.source, opt(check.confirmation_id),
                  opt(check.job_id), check.note})
             .affected() == 1;
}

std::optional<RecentCheckIn> recent_check_in(db::Connection& conn, int hospnum, long long ptid,
                                             const std::string& day, int minutes) {
  db::Result r = conn.exec_prepared(
      std::string("SELECT confirmation_id, (") + kValid +
          ") AS valid FROM onshi_confirmation "
          "WHERE hospnum = $1::integer AND ptid = $2::bigint AND source = 'face' "
          "  AND link_state = 'linked' AND confirmation_date = $3::bpchar "
          "  AND created_at >= now() - make_interval(mins => $4::integer) "
          "ORDER BY created_at DESC, confirmation_id DESC LIMIT 1",
      {hospnum, ptid, day, minutes});
  if (r.rows() == 0) return std::nullopt;
  return RecentCheckIn{r.integer(0, r.column("confirmation_id")),
                       r.text(0, r.column("valid")) == "t"};
}

bool confirmed_by_result(db::Connection& conn, int hospnum, long long ptid,
                         const std::string& day) {
  return conn.exec_prepared(std::string("SELECT EXISTS (SELECT 1 FROM onshi_confirmation "
                                        "WHERE hospnum = $1::integer AND ptid = $2::bigint "
                                        "  AND source IN ('face', 'single') "
                                        "  AND link_state = 'linked' "
                                        "  AND confirmation_date = $3::bpchar AND ") +
                                kValid + ")",
                            {hospnum, ptid, day})
             .text(0, 0) == "t";
}

std::optional<BulkResult> valid_bulk_result(db::Connection& conn, int hospnum, long long ptid,
                                            const std::string& day) {
  // The newest pre-check result of the patient for the day decides: a later invalid one is not
  // overruled by an earlier valid one.
  db::Result r = conn.exec_prepared(
      std::string("SELECT confirmation_id, coalesce(coverage_id, 0) AS hknid, (") + kValid +
          ") AS valid, coalesce(btrim(card_classification), '') AS class, "
          "  coalesce(btrim(insurer_number), '') AS insurer, "
          "  coalesce(card_symbol, '') AS symbol, coalesce(card_number, '') AS number "
          "FROM onshi_confirmation WHERE hospnum = $1::integer AND ptid = $2::bigint "
          "  AND source = 'bulk' AND kind = 'OQSmuquc02res' AND link_state = 'linked' "
          "  AND confirmation_date = $3::bpchar "
          "ORDER BY confirmation_id DESC LIMIT 1",
      {hospnum, ptid, day});
  if (r.rows() == 0 || r.text(0, r.column("valid")) != "t") return std::nullopt;
  BulkResult b;
  b.confirmation_id = r.integer(0, r.column("confirmation_id"));
  b.hknid = static_cast<int>(r.integer(0, r.column("hknid")));
  b.card_classification = r.text(0, r.column("class"));
  b.insurer = r.text(0, r.column("insurer"));
  b.symbol = r.text(0, r.column("symbol"));
  b.number = r.text(0, r.column("number"));
  return b;
}

AutoCheckDay auto_check_day(db::Connection& conn, int hospnum, const std::string& day) {
  AutoCheckDay d;
  db::Result r = conn.exec_prepared(
      "SELECT s.source, count(a.ptid) AS n FROM unnest(ARRAY['face', 'confirmed', 'bulk', "
      "  'request', 'refused']) WITH ORDINALITY AS s(source, o) "
      "LEFT JOIN onshi_auto_check a ON a.source = s.source AND a.hospnum = $1::integer "
      "  AND a.day = $2::bpchar GROUP BY s.source, s.o ORDER BY s.o",
      {hospnum, day});
  for (int i = 0; i < r.rows(); ++i) d.by_source.emplace_back(r.text(i, 0), r.integer(i, 1));
  d.waiting = conn.exec_prepared(
                      "SELECT count(*) FROM onshi_reception_event WHERE hospnum = $1::integer "
                      "AND handled_at IS NULL",
                      {hospnum})
                  .integer(0, 0);
  return d;
}

long purge_auto_checks(db::Connection& conn, int hospnum, const std::string& cutoff) {
  long n = conn.exec(
                   "DELETE FROM onshi_reception_event WHERE hospnum = $1 AND "
                   "(handled_at < now() - interval '1 day' OR created_at < now() - interval '2 "
                   "days')",
                   {hospnum})
               .affected();
  n += conn.exec("DELETE FROM onshi_auto_check WHERE hospnum = $1 AND created_at < $2",
                 {hospnum, cutoff})
           .affected();
  return n;
}

}  // namespace onshi::store
