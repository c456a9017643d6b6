// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Results like ORCA's P031 (every result of one day) and P032 (one patient's confirmations,
// with the forced re-check).
#include <cstddef>

#include "common/clock.h"
#include "exchange/qualification.h"
#include "hooks/fill.h"
#include "hooks/screens.h"
#include "host/patients.h"
#include "model/validate.h"
#include "store/result_lists.h"

namespace onshi::hooks {
namespace {

/// Puts a consent's flag and available-until (blank when none came back).
template <std::size_t F, std::size_t U>
void put_consent(const store::ResultExtras& x, const char* type, char (&flag)[F],
                 char (&until)[U]) {
  if (const store::ReturnedConsent* c = store::find_consent(x, type)) {
    ONSHI_PUT(flag, c->flag);
    ONSHI_PUT(until, c->until);
  }
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace

void day_list(Context& ctx, onshi_link_day_list_rec& rec) {
  std::string day = ONSHI_GET(rec.day);
  if (day.empty()) day = local_date8();
  if (!model::is_valid_date8(day)) throw HookError(Status::refused, "ONSHI-W-6003", {"day"});
  const std::string filter = ONSHI_GET(rec.filter);
  if (!filter.empty() && filter != "A" && filter != "S")
    throw HookError(Status::refused, "ONSHI-W-6003", {"filter"});
  const std::size_t start = static_cast<std::size_t>(ONSHI_NUM(rec.start).value_or(0));
  blank_outputs(rec, offsetof(onshi_link_day_list_rec, total));
  std::vector<long long> ids = store::day_confirmations(ctx.conn, ctx.hospnum, day);
  // "Needs staff" is the screens' own decision (hooks/results.h), so the filter loads them all.
  std::vector<ResultView> views;
  if (filter == "S") {
    std::vector<long long> kept;
    for (long long id : ids) {
      ResultView v = load_result(ctx, id);
      if (!v.resolved && needs_staff(v.status)) {
        kept.push_back(id);
        views.push_back(std::move(v));
      }
    }
    ids = std::move(kept);
  }
  const store::AdjacentDays around = store::adjacent_result_days(ctx.conn, ctx.hospnum, day);
  ONSHI_PUT(rec.prev_day, around.previous);
  ONSHI_PUT(rec.next_day, around.next);
  ONSHI_PUTN(rec.total, static_cast<long long>(ids.size()));
  std::size_t n = 0;
  for (std::size_t i = start; i < ids.size() && n < ONSHI_LINK_MAX_DAY_LIST_ROW; ++i, ++n) {
    const ResultView v = filter == "S" ? views[i] : load_result(ctx, ids[i]);
    const std::optional<store::ResultExtras> x =
        store::result_extras(ctx.conn, ctx.hospnum, ids[i]);
    auto& row = rec.row[n];
    ONSHI_PUTN(row.confirmation_id, v.confirmation_id);
    ONSHI_PUT(row.time, v.time);
    ONSHI_PUT(row.source, v.source);
    ONSHI_PUT(row.needs_staff, !v.resolved && needs_staff(v.status) ? "1" : "0");
    ONSHI_PUT(row.status, v.status);
    ONSHI_PUT(row.status_text, ctx.text(v.status_id, v.status_args));
    ONSHI_PUT(row.validity, v.validity);
    ONSHI_PUT(row.name, v.name);
    ONSHI_PUT(row.kana, v.kana);
    ONSHI_PUT(row.birthdate, v.birthdate);
    if (v.ptid) {
      ONSHI_PUTN(row.ptid, *v.ptid);
      if (const std::optional<std::string> pn =
              host::patient_number(ctx.conn, ctx.hospnum, *v.ptid))
        ONSHI_PUT(row.ptnum, *pn);
    }
    ONSHI_PUT(row.ratio, v.ratio);
    if (!x) continue;
    put_consent(*x, "pharmacists", row.drug, row.drug_until);
    put_consent(*x, "specific_health_checkups", row.checkup, row.checkup_until);
    put_consent(*x, "diagnosis", row.diagnosis, row.diagnosis_until);
    put_consent(*x, "operation", row.operation, row.operation_until);
    if (const store::ReturnedConsent* c = store::find_consent(*x, "limit_certificate"))
      ONSHI_PUT(row.limit_consent, c->flag);
    if (const store::ReturnedConsent* c = store::find_consent(*x, "specific_diseases"))
      ONSHI_PUT(row.disease_consent, c->flag);
    ONSHI_PUT(row.limit, x->limit ? "1" : "0");
    ONSHI_PUT(row.limit_class, x->limit_class);
    ONSHI_PUT(row.disease, x->specific_disease ? "1" : "0");
    ONSHI_PUT(row.card_end, x->card_end);
    ONSHI_PUT(row.reference_number, x->reference_number);
  }
  ONSHI_PUTN(rec.row_count, static_cast<long long>(n));
}

void patient_history(Context& ctx, onshi_link_pt_history_rec& rec) {
  const std::optional<long long> ptid = ONSHI_NUM(rec.ptid);
  if (!ptid) throw HookError(Status::refused, "ONSHI-W-6003", {"ptid"});
  const std::string recheck = ONSHI_GET(rec.recheck);
  if (!recheck.empty() && recheck != "0" && recheck != "1")
    throw HookError(Status::refused, "ONSHI-W-6003", {"recheck"});
  const std::size_t start = static_cast<std::size_t>(ONSHI_NUM(rec.start).value_or(0));
  blank_outputs(rec, offsetof(onshi_link_pt_history_rec, request_id));
  const std::optional<host::PatientSummary> p =
      host::patient_with_number(ctx.conn, ctx.hospnum, *ptid);
  if (!p) throw HookError(Status::refused, "ONSHI-W-6004");
  ONSHI_PUT(rec.ptnum, p->ptnum);
  ONSHI_PUT(rec.name, p->name);
  if (recheck == "1") {
    // The forced re-check: the same insurance-number check as the registration screen's
    // (current insurance, today), whatever the last result said.
    const long long job = exchange::queue_qualification_check(
        ctx.conn, ctx.hospnum, *ptid, std::nullopt, local_date8(), ctx.userid);
    ONSHI_PUTN(rec.request_id, job);
    ctx.say("ONSHI-I-6002", {std::to_string(job)});
  }
  const std::vector<long long> ids = store::patient_confirmations(ctx.conn, ctx.hospnum, *ptid);
  ONSHI_PUTN(rec.total, static_cast<long long>(ids.size()));
  std::size_t n = 0;
  for (std::size_t i = start; i < ids.size() && n < ONSHI_LINK_MAX_PT_HISTORY_ROW; ++i, ++n) {
    const ResultView v = load_result(ctx, ids[i]);
    const std::optional<store::ResultExtras> x =
        store::result_extras(ctx.conn, ctx.hospnum, ids[i]);
    auto& row = rec.row[n];
    ONSHI_PUTN(row.confirmation_id, v.confirmation_id);
    ONSHI_PUT(row.date, v.confirmation_date);
    ONSHI_PUT(row.source, v.source);
    ONSHI_PUT(row.validity, v.validity);
    if (const std::string id = validity_message(v.validity); !id.empty())
      ONSHI_PUT(row.validity_text, ctx.text(id));
    ONSHI_PUT(row.status, v.status);
    ONSHI_PUT(row.status_text, ctx.text(v.status_id, v.status_args));
    ONSHI_PUT(row.insurer, v.insurer);
    ONSHI_PUT(row.symbol, v.symbol);
    ONSHI_PUT(row.number, v.number);
    ONSHI_PUT(row.branch, v.branch);
    ONSHI_PUT(row.ratio, v.ratio);
    if (!x) continue;
    ONSHI_PUT(row.received, x->received);
    ONSHI_PUT(row.differed, x->differences.empty() ? "0" : "1");
    ONSHI_PUT(row.differences, join(x->differences));
    ONSHI_PUT(row.host_updates, join(x->host_updates));
  }
  ONSHI_PUTN(rec.row_count, static_cast<long long>(n));
}

}  // namespace onshi::hooks
