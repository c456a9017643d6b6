// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Reservations (予約): the next-day bulk pre-check, per day.
#include <cstddef>

#include "db/connection.h"
#include "db/facility.h"
#include "db/transaction.h"
#include "exchange/bulk_check.h"
#include "hooks/fill.h"
#include "hooks/screens.h"

namespace onshi::hooks {
namespace {

// Reserved patients of a day (test patients never checked), the bulk requests that include
// them, and their latest bulk result for that day.
const char* const kDaySql =
    "WITH r AS (SELECT DISTINCT ON (y.ptid) y.ptid, y.keyyyktime FROM tbl_yyk y "
    "    JOIN tbl_ptinf p ON p.hospnum = y.hospnum AND p.ptid = y.ptid "
    "    WHERE y.hospnum = $1 AND y.yykymd = $2 AND p.tstptnumkbn <> '1' "
    "    ORDER BY y.ptid, y.keyyyktime), "
    "jobs AS (SELECT j.job_id, j.payload, (j.state IN ('failed', 'expired') OR c.state = 'error' "
    "      OR (c.state = 'waiting' AND d.state IN ('failed', 'expired'))) AS failed "
    "    FROM onshi_job j LEFT JOIN onshi_bulk_chunk c ON c.upload_job_id = j.job_id "
    "    LEFT JOIN onshi_job d ON d.job_id = c.download_job_id WHERE j.hospnum = $1 "
    "    AND j.kind = 'OQSmuquc01req' AND j.payload->>'day' = $2 AND j.state <> 'cancelled'), "
    "req AS (SELECT (jsonb_array_elements_text(payload->'ptids'))::bigint AS ptid, "
    "    failed FROM jobs), "
    "res AS (SELECT DISTINCT ON (ptid) ptid, confirmation_id, coalesce(btrim(validity), '') AS validity, "
    "    coalesce(btrim(processing_status), '') AS status FROM onshi_confirmation "
    "    WHERE hospnum = $1 AND source = 'bulk' AND confirmation_date = $2 AND ptid IS NOT NULL "
    "    ORDER BY ptid, confirmation_id DESC) "
    "SELECT r.ptid, coalesce(rtrim(n.ptnum), ''), coalesce(p.name, ''), r.keyyyktime, "
    "  EXISTS (SELECT 1 FROM req WHERE req.ptid = r.ptid), "
    "  coalesce((SELECT bool_and(failed) FROM req WHERE req.ptid = r.ptid), false), "
    "  res.confirmation_id, coalesce(res.validity, ''), coalesce(res.status, '') "
    "FROM r JOIN tbl_ptinf p ON p.hospnum = $1 AND p.ptid = r.ptid "
    "LEFT JOIN tbl_ptnum n ON n.hospnum = $1 AND n.ptid = r.ptid "
    "LEFT JOIN res ON res.ptid = r.ptid ORDER BY r.keyyyktime, r.ptid";

}  // namespace

void reservation_summary(Context& ctx, onshi_link_rsv_summary_rec& rec) {
  const std::string day = ONSHI_GET(rec.day);
  if (!is_date(day)) throw HookError(Status::refused, "ONSHI-W-6003", {"day"});
  const long long start = ONSHI_NUM(rec.start).value_or(0);
  blank_outputs(rec, offsetof(onshi_link_rsv_summary_rec, reserved));
  db::Result r = ctx.conn.exec(kDaySql, {ctx.hospnum, day});
  long long requested = 0, done = 0, valid = 0, invalid = 0, error = 0;
  std::size_t n = 0;
  for (int i = 0; i < r.rows(); ++i) {
    const bool in_request = r.text(i, 4) == "t", failed = r.text(i, 5) == "t";
    const bool answered = !r.is_null(i, 6);
    const std::string validity = r.text(i, 7), status = r.text(i, 8);
    std::string code, id;
    if (answered && status != "1") {
      code = "error", id = "ONSHI-S-6018";
      ++error;
    } else if (answered) {
      ++done;
      id = validity_message(validity);
      if (validity == "1" || validity == "6") {
        ++valid;
        code = "valid";
      } else {
        ++invalid;
        code = "invalid";
      }
      if (id.empty()) id = "ONSHI-S-6018";
    } else if (in_request && failed) {
      code = "error", id = "ONSHI-S-6018";
      ++error;
    } else if (in_request) {
      code = "checking", id = "ONSHI-S-6015";
    } else {
      code = "not_yet", id = "ONSHI-S-6023";
    }
    if (in_request) ++requested;
    if (i >= start && n < ONSHI_LINK_MAX_RSV_SUMMARY_ROW) {
      auto& row = rec.row[n++];
      ONSHI_PUTN(row.ptid, r.integer(i, 0));
      ONSHI_PUT(row.ptnum, r.text(i, 1));
      ONSHI_PUT(row.name, r.text(i, 2));
      ONSHI_PUT(row.time, r.text(i, 3));
      ONSHI_PUT(row.status, code);
      ONSHI_PUT(row.status_text, ctx.text(id));
      if (answered) ONSHI_PUTN(row.confirmation_id, r.integer(i, 6));
    }
  }
  ONSHI_PUTN(rec.reserved, r.rows());
  ONSHI_PUTN(rec.requested, requested);
  ONSHI_PUTN(rec.done, done);
  ONSHI_PUTN(rec.valid, valid);
  ONSHI_PUTN(rec.invalid, invalid);
  ONSHI_PUTN(rec.error, error);
  ONSHI_PUTN(rec.not_yet, r.rows() - done - error);
  ONSHI_PUTN(rec.row_count, static_cast<long long>(n));
}

void reservation_run(Context& ctx, onshi_link_rsv_run_rec& rec) {
  ONSHI_PUT(rec.request_id, "");
  ONSHI_PUT(rec.patients, "");
  const std::string day = ONSHI_GET(rec.day);
  if (!is_date(day)) throw HookError(Status::refused, "ONSHI-W-6003", {"day"});
  db::load_enabled_facility(ctx.conn, ctx.hospnum);
  db::Transaction tx(ctx.conn);
  // One batch of OQSmuquc01req jobs (exchange/bulk_check.h): the engine sends them, keeps the
  // reception numbers and fetches the results; their payloads carry the day and the ptids.
  const exchange::BulkStart b =
      exchange::start_bulk_precheck(ctx.conn, ctx.hospnum, day, exchange::BulkTrigger::screen,
                                    ctx.userid);
  if (!b.batch_id) throw HookError(Status::refused, "ONSHI-W-6017", {day});
  tx.commit();
  ONSHI_PUTN(rec.request_id, b.first_job_id);
  ONSHI_PUTN(rec.patients, static_cast<long long>(b.patients));
  ctx.say("ONSHI-I-6013", {day, std::to_string(b.patients)});
}

}  // namespace onshi::hooks
