// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Home-visit and online care (訪問診療等・オンライン診療等): withdrawing a patient's consent to
// view (閲覧同意取消, OQSsihvd01req) and the consented-information bulk (OQSmuhvq / OQSmuonq), as
// onshi-admin consent and onshi-admin bulk consented do them.
#include <cstddef>

#include "db/connection.h"
#include "db/facility.h"
#include "db/transaction.h"
#include "exchange/bulk_check.h"
#include "exchange/consent_withdrawal.h"
#include "exchange/requests.h"
#include "hooks/fill.h"
#include "hooks/screens.h"
#include "store/consent_withdrawal.h"

namespace onshi::hooks {
namespace {}  // namespace

void home_visit_withdrawal(Context& ctx, onshi_link_hv_withdraw_rec& rec) {
  blank_outputs(rec, offsetof(onshi_link_hv_withdraw_rec, withdrawal_id));
  const std::string action = ONSHI_GET(rec.action);
  if (action != "W" && action != "G") throw HookError(Status::refused, "ONSHI-W-6025", {action});
  const std::optional<long long> ptid = ONSHI_NUM(rec.ptid);
  if (!ptid) throw HookError(Status::refused, "ONSHI-W-6003", {"ptid"});
  const db::FacilitySettings f = db::load_enabled_facility(ctx.conn, ctx.hospnum);
  if (action == "G") {
    store::fail_given_up_withdrawals(ctx.conn, ctx.hospnum);
    const std::vector<store::ConsentWithdrawal> rows =
        store::list_withdrawals(ctx.conn, ctx.hospnum, *ptid, 1);
    if (!rows.empty()) {
      const store::ConsentWithdrawal& w = rows.front();
      ONSHI_PUTN(rec.withdrawal_id, w.withdrawal_id);
      if (w.job_id) ONSHI_PUTN(rec.job_id, *w.job_id);
      ONSHI_PUT(rec.state, w.state);
      ONSHI_PUT(rec.requested, timestamp14(w.created_at));
      ONSHI_PUT(rec.updated, timestamp14(w.updated_at));
      ONSHI_PUT(rec.error, w.error.value_or(""));
    }
    ONSHI_PUT(rec.in_force,
              exchange::withdrawn_consent(ctx.conn, ctx.hospnum, *ptid, "2") ? "1" : "0");
    ctx.say("ONSHI-I-6001");
    return;
  }
  if (!f.home_visit) throw HookError(Status::refused, "ONSHI-W-6047");
  const std::optional<long long> hknid = ONSHI_NUM(rec.hknid);
  try {
    // Its own transaction (queued and audited together; a refusal is audited too).
    const exchange::QueuedWithdrawal q = exchange::queue_consent_withdrawal(
        ctx.conn, ctx.hospnum, *ptid,
        hknid ? std::optional<int>(static_cast<int>(*hknid)) : std::nullopt, ctx.userid);
    ONSHI_PUTN(rec.withdrawal_id, q.withdrawal_id);
    ONSHI_PUTN(rec.job_id, q.job_id);
    ONSHI_PUT(rec.state, "pending");
    ONSHI_PUT(rec.in_force, "0");
    ctx.say("ONSHI-I-6055", {std::to_string(q.withdrawal_id), std::to_string(q.job_id)});
  } catch (const exchange::ConsentWithdrawalRefused& e) {
    using R = exchange::WithdrawalRefusal;
    switch (e.reason()) {
      case R::no_patient:
        throw HookError(Status::refused, "ONSHI-W-6004");
      case R::test_patient:
        throw HookError(Status::refused, "ONSHI-W-6005");
      case R::no_insurance:
        throw HookError(Status::refused, "ONSHI-W-6045");
      case R::invalid_data:
        throw HookError(Status::refused, "ONSHI-W-6007", {e.what()});
      case R::busy:
        throw HookError(Status::refused, "ONSHI-W-6056");
      case R::not_used:
        throw HookError(Status::refused, "ONSHI-W-6047");
    }
    throw;
  }
}

void home_visit_bulk(Context& ctx, onshi_link_hv_bulk_rec& rec) {
  blank_outputs(rec, offsetof(onshi_link_hv_bulk_rec, batch_id));
  const std::string action = ONSHI_GET(rec.action), visit = ONSHI_GET(rec.visit);
  if (action != "R" && action != "G") throw HookError(Status::refused, "ONSHI-W-6025", {action});
  if (visit != "2" && visit != "3") throw HookError(Status::refused, "ONSHI-W-6003", {"visit"});
  const std::string flow = visit == "2" ? "homevisit" : "online";
  const char* not_used = visit == "2" ? "ONSHI-W-6047" : "ONSHI-W-6048";
  const db::FacilitySettings f = db::load_enabled_facility(ctx.conn, ctx.hospnum);
  long long batch = 0;
  if (action == "R") {
    if (!(visit == "2" ? f.home_visit : f.online_care)) throw HookError(Status::refused, not_used);
    const std::string by = ONSHI_GET(rec.by);
    if (by != "C" && by != "E") throw HookError(Status::refused, "ONSHI-W-6003", {"by"});
    exchange::ConsentedCriteria c;
    c.flow = flow;
    c.by = by == "C" ? "consent" : "examination";
    c.from = ONSHI_GET(rec.date_from);
    c.to = ONSHI_GET(rec.date_to);
    db::Transaction tx(ctx.conn);
    exchange::BulkStart b;
    try {
      b = exchange::queue_consented_bulk(ctx.conn, ctx.hospnum, c, exchange::BulkTrigger::screen,
                                         ctx.userid);
    } catch (const exchange::EnqueueError& e) {
      if (e.reason() == exchange::EnqueueError::Reason::not_used)
        throw HookError(Status::refused, not_used);
      if (e.reason() == exchange::EnqueueError::Reason::bad_argument)
        throw HookError(Status::refused, "ONSHI-W-6057", {e.what()});
      throw;
    }
    tx.commit();
    batch = b.batch_id;
    ONSHI_PUTN(rec.job_id, b.first_job_id);
  }
  // The state as onshi-admin bulk status shows it: this bulk, or the latest of this care.
  for (const exchange::BulkBatchStatus& s : exchange::bulk_status(ctx.conn, ctx.hospnum, "", 100)) {
    if (s.flow != flow || (batch && s.batch_id != batch)) continue;
    ONSHI_PUTN(rec.batch_id, s.batch_id);
    ONSHI_PUT(rec.state, s.state);
    ONSHI_PUT(rec.criteria, s.criteria);
    ONSHI_PUT(rec.created, timestamp14(s.created_at));
    ONSHI_PUTN(rec.done, s.done);
    ONSHI_PUTN(rec.valid, s.valid);
    ONSHI_PUTN(rec.invalid, s.invalid);
    ONSHI_PUTN(rec.error, s.error);
    ONSHI_PUT(rec.errors, s.errors);
    break;
  }
  if (action == "R")
    ctx.say("ONSHI-I-6056", {std::to_string(batch)});
  else
    ctx.say("ONSHI-I-6001");
}

}  // namespace onshi::hooks
