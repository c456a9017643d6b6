// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Reservations (予約): the next-day bulk pre-check, per day.
#include <cstddef>

#include "db/connection.h"
#include "db/facility.h"
#include "db/transaction.h"
#include "exchange/bulk_check.h"
#include "hooks/fill.h"
#include "hooks/screens.h"
#include "host/reception.h"
#include "model/validate.h"
#include "store/bulk.h"

namespace onshi::hooks {
void reservation_summary(Context& ctx, onshi_link_rsv_summary_rec& rec) {
  const std::string day = ONSHI_GET(rec.day);
  if (!model::is_valid_date8(day)) throw HookError(Status::refused, "ONSHI-W-6003", {"day"});
  const long long start = ONSHI_NUM(rec.start).value_or(0);
  blank_outputs(rec, offsetof(onshi_link_rsv_summary_rec, reserved));
  // Reserved patients of a day (test patients never checked), the bulk requests that include
  // them, and their latest bulk result for that day.
  const std::vector<host::ReservationRow> r = host::reservations_of_day(ctx.conn, ctx.hospnum, day);
  const auto requests = store::precheck_requests_of_day(ctx.conn, ctx.hospnum, day);
  const auto results = store::precheck_results_of_day(ctx.conn, ctx.hospnum, day);
  const long long reserved = static_cast<long long>(r.size());
  long long requested = 0, done = 0, valid = 0, invalid = 0, error = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const auto req = requests.find(r[i].ptid);
    const auto res = results.find(r[i].ptid);
    const bool in_request = req != requests.end(), failed = in_request && req->second.failed;
    const bool answered = res != results.end();
    const std::string validity = answered ? res->second.validity : std::string(),
                      status = answered ? res->second.status : std::string();
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
    if (static_cast<long long>(i) >= start && n < ONSHI_LINK_MAX_RSV_SUMMARY_ROW) {
      auto& row = rec.row[n++];
      ONSHI_PUTN(row.ptid, r[i].ptid);
      ONSHI_PUT(row.ptnum, r[i].ptnum);
      ONSHI_PUT(row.name, r[i].name);
      ONSHI_PUT(row.time, r[i].time);
      ONSHI_PUT(row.status, code);
      ONSHI_PUT(row.status_text, ctx.text(id));
      if (answered) ONSHI_PUTN(row.confirmation_id, res->second.confirmation_id);
    }
  }
  ONSHI_PUTN(rec.reserved, reserved);
  ONSHI_PUTN(rec.requested, requested);
  ONSHI_PUTN(rec.done, done);
  ONSHI_PUTN(rec.valid, valid);
  ONSHI_PUTN(rec.invalid, invalid);
  ONSHI_PUTN(rec.error, error);
  ONSHI_PUTN(rec.not_yet, reserved - done - error);
  ONSHI_PUTN(rec.row_count, static_cast<long long>(n));
}

void reservation_run(Context& ctx, onshi_link_rsv_run_rec& rec) {
  ONSHI_PUT(rec.request_id, "");
  ONSHI_PUT(rec.patients, "");
  const std::string day = ONSHI_GET(rec.day);
  if (!model::is_valid_date8(day)) throw HookError(Status::refused, "ONSHI-W-6003", {"day"});
  db::load_enabled_facility(ctx.conn, ctx.hospnum);
  db::Transaction tx(ctx.conn);
  // One batch of OQSmuquc01req jobs (exchange/bulk_check.h): the engine sends them, keeps the
  // reception numbers and fetches the results; their payloads carry the day and the ptids.
  const exchange::BulkStart b = exchange::queue_bulk_precheck(
      ctx.conn, ctx.hospnum, day, exchange::BulkTrigger::screen, ctx.userid);
  if (!b.batch_id) throw HookError(Status::refused, "ONSHI-W-6017", {day});
  tx.commit();
  ONSHI_PUTN(rec.request_id, b.first_job_id);
  ONSHI_PUTN(rec.patients, static_cast<long long>(b.patients));
  ctx.say("ONSHI-I-6013", {day, std::to_string(b.patients)});
}

}  // namespace onshi::hooks
