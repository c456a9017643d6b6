// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Registration screen (頭書き): ask by insurance number, poll, accept updates, new patient saved.
#include <algorithm>
#include <cstddef>
#include <iterator>

#include "common/clock.h"
#include "db/connection.h"
#include "db/facility.h"
#include "db/transaction.h"
#include "exchange/qualification.h"
#include "exchange/reference_numbers.h"
#include "exchange/requests.h"
#include "hooks/fill.h"
#include "hooks/screens.h"
#include "host/confirmation.h"
#include "host/patients.h"
#include "json/json.h"
#include "model/validate.h"
#include "store/confirmations.h"
#include "store/jobs.h"
#include "store/reference_numbers.h"
#include "text/normalize.h"

namespace onshi::hooks {
namespace {

bool digits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

/// A new patient's check: the typed values, stored like exchange::queue_qualification_check
/// stores a registered patient's (the engine builds the request from the payload).
long long enqueue_new_patient(Context& ctx, onshi_link_reg_ask_rec& rec, const std::string& date,
                              const std::string& limit) {
  db::load_enabled_facility(ctx.conn, ctx.hospnum);
  const std::string insurer(text::strip_insurer_padding(ONSHI_GET(rec.insurer)));
  const std::string symbol = ONSHI_GET(rec.symbol), number = ONSHI_GET(rec.number),
                    branch = ONSHI_GET(rec.branch), birthdate = ONSHI_GET(rec.birthdate);
  if (!digits(insurer) || (insurer.size() != 6 && insurer.size() != 8))
    throw HookError(Status::refused, "ONSHI-W-6003", {"insurer"});
  if (number.empty()) throw HookError(Status::refused, "ONSHI-W-6003", {"number"});
  if (!branch.empty() && (branch.size() != 2 || !digits(branch)))
    throw HookError(Status::refused, "ONSHI-W-6003", {"branch"});
  if (!model::is_valid_date8(birthdate))
    throw HookError(Status::refused, "ONSHI-W-6003", {"birthdate"});
  store::QualificationPayload v;
  v.insurer_number = insurer;
  if (!symbol.empty()) v.symbol = symbol;
  v.number = number;
  if (!branch.empty()) v.branch = branch;
  v.birthdate = birthdate;
  v.limit_flag = limit;
  v.confirmation_date = date;
  return store::enqueue_new_patient_job(
      ctx.conn, ctx.hospnum, v, static_cast<long long>(exchange::kMinimumJobLifetime.count()),
      ctx.userid);
}

}  // namespace

std::string check_visit(const std::string& field) {
  if (field.empty() || field == "1") return "";
  if (field == "2" || field == "3") return field;
  throw HookError(Status::refused, "ONSHI-W-6003", {"visit"});
}

long long queue_visit_check(Context& ctx, long long ptid, std::optional<int> hknid,
                            const std::string& date, const std::string& visit) {
  try {
    return exchange::queue_qualification_check(ctx.conn, ctx.hospnum, ptid, hknid, date, ctx.userid,
                                               std::nullopt, visit);
  } catch (const exchange::EnqueueError& e) {
    if (e.reason() == exchange::EnqueueError::Reason::not_used)
      throw HookError(Status::refused, visit == "2" ? "ONSHI-W-6047" : "ONSHI-W-6048");
    throw;
  }
}

void registration_ask(Context& ctx, onshi_link_reg_ask_rec& rec) {
  ONSHI_PUT(rec.request_id, "");
  const std::string date = ONSHI_GET(rec.confirm_date);
  if (!model::is_valid_date8(date))
    throw HookError(Status::refused, "ONSHI-W-6003", {"confirm_date"});
  const std::string limit = ONSHI_GET(rec.limit_consent) == "0" ? "0" : "1";
  const std::optional<long long> ptid = ONSHI_NUM(rec.ptid);
  const std::optional<long long> hknid = ONSHI_NUM(rec.hknid);
  const std::string visit = check_visit(ONSHI_GET(rec.visit));
  db::Transaction tx(ctx.conn);
  long long job = 0;
  if (ptid && *ptid > 0) {
    job = queue_visit_check(ctx, *ptid,
                            hknid ? std::optional<int>(static_cast<int>(*hknid)) : std::nullopt,
                            date, visit);
    // The engine's queue stores limit flag 1; a refusal of the limit certificate is recorded
    // on the job before it is sent.
    if (limit == "0") store::clear_limit_flag(ctx.conn, job);
  } else {
    // Home-visit and online checks are of registered patients.
    if (!visit.empty()) throw HookError(Status::refused, "ONSHI-W-6003", {"visit"});
    job = enqueue_new_patient(ctx, rec, date, limit);
  }
  tx.commit();
  ONSHI_PUTN(rec.request_id, job);
  ctx.say("ONSHI-I-6002", {std::to_string(job)});
}

void registration_poll(Context& ctx, onshi_link_reg_poll_rec& rec) {
  std::optional<long long> job = ONSHI_NUM(rec.request_id);
  const std::optional<long long> asked_ptid = ONSHI_NUM(rec.ptid);
  blank_outputs(rec, offsetof(onshi_link_reg_poll_rec, done));
  ONSHI_PUT(rec.cand_count, "00");
  ONSHI_PUT(rec.diff_count, "00");
  if (!job && asked_ptid) {
    job = store::latest_qualification_job(ctx.conn, ctx.hospnum, *asked_ptid);
  }
  if (!job) throw HookError(Status::refused, "ONSHI-W-6008");
  const std::optional<store::QualificationJobState> j =
      store::qualification_job_state(ctx.conn, ctx.hospnum, *job);
  if (!j) throw HookError(Status::refused, "ONSHI-W-6008");
  ONSHI_PUTN(rec.request_id, *job);
  const std::string state = j->state;
  ONSHI_PUT(rec.job_state, state);
  if (j->ptid) ONSHI_PUTN(rec.ptid, *j->ptid);
  auto show = [&](const std::string& code, const std::string& id,
                  const std::vector<std::string>& args) {
    ONSHI_PUT(rec.status, code);
    ONSHI_PUT(rec.status_msgid, id);
    ONSHI_PUT(rec.status_text, ctx.text(id, args));
  };
  if (!j->first_confirmation_id) {
    if (state == "failed" || state == "expired" || state == "cancelled") {
      ONSHI_PUT(rec.done, "1");
      show("error", "ONSHI-S-6018", {});
      ctx.say("ONSHI-W-6023", {j->last_error.empty() ? state : j->last_error}, Status::warning);
    } else {
      ONSHI_PUT(rec.done, "0");
      show("checking", "ONSHI-S-6015", {});
      ctx.say("ONSHI-I-6003");
    }
    return;
  }
  ResultView v = load_result(ctx, *j->first_confirmation_id);
  ONSHI_PUT(rec.done, "1");
  show(v.status, v.status_id, v.status_args);
  fill_returned(ctx, v, rec);
  ONSHI_PUT(rec.processing_code, v.processing_code);
  ONSHI_PUT(rec.processing_message, v.processing_message);
  ONSHI_PUTN(rec.confirmation_id, v.confirmation_id);
  if (v.ptid) ONSHI_PUTN(rec.ptid, *v.ptid);
  if (v.hknid) ONSHI_PUTN(rec.hknid, *v.hknid);
  ONSHI_PUT(rec.fill_branch, v.fill_branch);
  ONSHI_PUT(rec.ratio, v.ratio);
  std::vector<Candidate> cands = load_candidates(ctx, v, false);
  std::size_t n = std::min<std::size_t>(cands.size(), ONSHI_LINK_MAX_REG_POLL_CAND);
  for (std::size_t i = 0; i < n; ++i) {
    ONSHI_PUTN(rec.cand[i].ptid, cands[i].ptid);
    ONSHI_PUT(rec.cand[i].ptnum, cands[i].ptnum);
    ONSHI_PUT(rec.cand[i].name, cands[i].name);
    ONSHI_PUT(rec.cand[i].birthdate, cands[i].birthdate);
  }
  ONSHI_PUTN(rec.cand_count, static_cast<long long>(n));
  fill_diffs(ctx, v.diffs, rec.diff, rec.diff_count);
  ctx.say("ONSHI-I-6012");
}

void registration_accept(Context& ctx, onshi_link_reg_accept_rec& rec) {
  ONSHI_PUTN(rec.applied_count, 0);
  const std::optional<long long> id = ONSHI_NUM(rec.confirmation_id);
  if (!id) throw HookError(Status::refused, "ONSHI-W-6003", {"confirmation_id"});
  const std::optional<long long> count = ONSHI_NUM(rec.item_count);
  if (!count || *count < 1 || *count > ONSHI_LINK_MAX_REG_ACCEPT_ITEM)
    throw HookError(Status::refused, "ONSHI-W-6003", {"item_count"});

  db::Transaction tx(ctx.conn);
  store::lock_confirmation(ctx.conn, ctx.hospnum, *id);
  ResultView v = load_result(ctx, *id);
  if (v.link_state != "linked" || !v.ptid) throw HookError(Status::refused, "ONSHI-W-6020");
  std::vector<const Difference*> chosen;
  for (long long i = 0; i < *count; ++i) {
    const std::string item = ONSHI_GET(rec.item[i].code);
    const Difference* d = nullptr;
    for (const Difference& x : v.diffs)
      if (x.item == item && x.proposed) d = &x;
    if (!d) throw HookError(Status::refused, "ONSHI-W-6019", {item});
    chosen.push_back(d);
  }
  const std::string day = local_date8(), time = local_time6();
  json::Object accepted;
  for (const Difference* d : chosen) {
    const host::AcceptOutcome done =
        host::accept_returned_value(ctx.conn, ctx.hospnum, *v.ptid, v.hknid, d->item, d->returned,
                                    {day, time}, ctx.userid.substr(0, 16));
    if (done == host::AcceptOutcome::needs_insurance || done == host::AcceptOutcome::not_updated)
      throw HookError(Status::refused, "ONSHI-W-6019", {d->item});
    json::Object change;
    change.emplace_back("from", d->registered);
    change.emplace_back("to", d->returned);
    accepted.emplace_back(d->item, std::move(change));
  }
  store::record_accepted_values(ctx.conn, ctx.hospnum, *id, json::dump(accepted), ctx.userid);
  tx.commit();
  ONSHI_PUTN(rec.applied_count, static_cast<long long>(chosen.size()));
  ctx.say("ONSHI-I-6004", {std::to_string(chosen.size())});
}

void patient_saved(Context& ctx, onshi_link_patient_saved_rec& rec) {
  ONSHI_PUT(rec.reference_number, "");
  ONSHI_PUT(rec.job_id, "");
  const std::optional<long long> ptid = ONSHI_NUM(rec.ptid);
  if (!ptid) throw HookError(Status::refused, "ONSHI-W-6003", {"ptid"});
  const std::optional<long long> job = ONSHI_NUM(rec.request_id);
  db::load_enabled_facility(ctx.conn, ctx.hospnum);
  db::Transaction tx(ctx.conn);
  const std::optional<host::PatientSummary> p =
      host::numbered_patient(ctx.conn, ctx.hospnum, *ptid);
  if (!p) throw HookError(Status::refused, "ONSHI-W-6004");
  if (p->test_flag == "1") throw HookError(Status::refused, "ONSHI-W-6005");
  long long confirmation = 0;
  if (job) {
    if (!store::attach_patient_to_job(ctx.conn, ctx.hospnum, *job, *ptid))
      throw HookError(Status::refused, "ONSHI-W-6008");
    // Only the result of the person just registered: with several (twins without branch
    // numbers) the one whose birthdate and kana name are the new patient's; when that is not
    // exactly one, none is linked and staff resolve them on the reception screen.
    const std::vector<long long> awaiting =
        store::confirmations_awaiting_patient(ctx.conn, ctx.hospnum, *job);
    const std::optional<host::PatientSummary> saved =
        host::patient_details(ctx.conn, ctx.hospnum, *ptid);
    std::vector<long long> same_birthdate, same_person;
    for (long long id : awaiting) {
      const ResultView v = load_result(ctx, id);
      if (!saved || v.birthdate != saved->birthday) continue;
      same_birthdate.push_back(id);
      if (!v.kana.empty() && text::name_match_key(v.kana) == text::name_match_key(saved->kananame))
        same_person.push_back(id);
    }
    if (same_person.size() == 1)
      confirmation = same_person.front();
    else if (same_person.empty() && awaiting.size() == 1 && same_birthdate.size() == 1)
      confirmation = same_birthdate.front();  // the one result (the name may have been corrected)
    if (confirmation) link_result(ctx, confirmation, *ptid, "new_patient");
  }
  const long long ref_job = queue_reference_registration(ctx, *ptid, confirmation);
  tx.commit();
  ONSHI_PUT(rec.reference_number, p->ptnum);
  if (ref_job) ONSHI_PUTN(rec.job_id, ref_job);
  ctx.say("ONSHI-I-6011", {p->ptnum});
}

void refnum_change(Context& ctx, onshi_link_refnum_change_rec& rec) {
  ONSHI_PUT(rec.change_id, "");
  ONSHI_PUT(rec.job_id, "");
  ONSHI_PUT(rec.change_action, "");
  ONSHI_PUT(rec.change_state, "");
  ONSHI_PUT(rec.number, "");
  ONSHI_PUT(rec.number_state, "");
  ONSHI_PUT(rec.reason, "");
  ONSHI_PUT(rec.cand_count, "00");
  for (auto& c : rec.cand) ONSHI_PUT(c.hknid, "");
  const std::string action = ONSHI_GET(rec.action);
  if (action != "R" && action != "D" && action != "G")
    throw HookError(Status::refused, "ONSHI-W-6025", {action});
  const std::optional<long long> ptid = ONSHI_NUM(rec.ptid);
  if (!ptid) throw HookError(Status::refused, "ONSHI-W-6003", {"ptid"});
  const std::optional<long long> hknid = ONSHI_NUM(rec.hknid);
  db::load_enabled_facility(ctx.conn, ctx.hospnum);
  if (action == "G") {
    exchange::settle_reference_changes(ctx.conn, ctx.hospnum);
    if (!host::numbered_patient(ctx.conn, ctx.hospnum, *ptid))
      throw HookError(Status::refused, "ONSHI-W-6004");
    if (const auto row = store::reference_number_row(ctx.conn, ctx.hospnum, *ptid)) {
      ONSHI_PUT(rec.number, row->reference_number);
      ONSHI_PUT(rec.number_state, row->state);
    }
    if (const auto c = store::latest_change(ctx.conn, ctx.hospnum, *ptid)) {
      ONSHI_PUTN(rec.change_id, c->change_id);
      if (c->job_id) ONSHI_PUTN(rec.job_id, *c->job_id);
      ONSHI_PUT(rec.change_action, c->action);
      ONSHI_PUT(rec.change_state, c->state);
      ONSHI_PUT(rec.reason, c->error.value_or(""));
    }
    ctx.say("ONSHI-I-6001");
    return;
  }
  try {
    const exchange::QueuedReferenceChange c = exchange::queue_reference_change(
        ctx.conn, ctx.hospnum, *ptid,
        hknid ? std::optional<int>(static_cast<int>(*hknid)) : std::nullopt, action == "D",
        ctx.userid, "screen user " + ctx.userid);
    ONSHI_PUTN(rec.change_id, c.change_id);
    ONSHI_PUTN(rec.job_id, c.job_id);
    ONSHI_PUT(rec.change_action, c.action);
    ONSHI_PUT(rec.change_state, "pending");
    ONSHI_PUT(rec.number, c.number);
    if (action == "D")
      ctx.say("ONSHI-I-6041", {std::to_string(c.hknid), std::to_string(c.change_id)});
    else
      ctx.say("ONSHI-I-6040", {c.number, std::to_string(c.hknid), std::to_string(c.change_id)});
  } catch (const exchange::ReferenceChangeRefused& e) {
    using R = exchange::ReferenceChangeRefusal;
    switch (e.refusal()) {
      case R::no_patient:
        throw HookError(Status::refused, "ONSHI-W-6004");
      case R::test_patient:
        throw HookError(Status::refused, "ONSHI-W-6005");
      case R::name_insurance: {
        std::string ids;
        const std::size_t n = std::min(e.candidates().size(), std::size(rec.cand));
        for (std::size_t i = 0; i < n; ++i) {
          ONSHI_PUTN(rec.cand[i].hknid, e.candidates()[i]);
          ids += (ids.empty() ? "" : ", ") + std::to_string(e.candidates()[i]);
        }
        ONSHI_PUTN(rec.cand_count, static_cast<long long>(n));
        throw HookError(Status::refused, "ONSHI-W-6040", {ids});
      }
      case R::busy:
        throw HookError(Status::refused, "ONSHI-W-6041");
      case R::no_number:
        throw HookError(Status::refused, "ONSHI-W-6042");
      case R::held_by_other:
        throw HookError(Status::refused, "ONSHI-W-6043");
      case R::nothing_to_change:
        throw HookError(Status::refused, "ONSHI-W-6044");
      case R::no_insurance:
        throw HookError(Status::refused, "ONSHI-W-6045");
    }
    throw;
  }
}

}  // namespace onshi::hooks
