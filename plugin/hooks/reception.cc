// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Reception list (受付一覧): card check-ins and results waiting for staff, resolve, check.
#include "host/reception.h"

#include <cstddef>

#include "common/clock.h"
#include "db/connection.h"
#include "db/facility.h"
#include "db/transaction.h"
#include "exchange/auto_check.h"
#include "exchange/insurance_apply.h"
#include "exchange/new_patient.h"
#include "exchange/prefill.h"
#include "exchange/qualification.h"
#include "exchange/requests.h"
#include "hooks/fill.h"
#include "hooks/screens.h"
#include "host/numbering.h"
#include "host/patient_registration.h"
#include "host/patients.h"
#include "model/validate.h"
#include "store/confirmations.h"
#include "store/public_assistance.h"
#include "text/normalize.h"

namespace onshi::hooks {
namespace {

/// Creates the host patient, its insurance (public assistance: its public expense) and
/// combination from a result's new-patient proposal (host/patient_registration.h), in the
/// caller's transaction. @return what was written
host::CreatedPatient create_patient(Context& ctx, const host::PatientFromResult& p) {
  try {
    return host::create_patient(ctx.conn, ctx.hospnum, p, local_date8(), ctx.userid.substr(0, 16));
  } catch (const host::NumberingError& e) {
    // The host's numbering cannot issue a number here (free composition, check digits, ...):
    // staff register the patient on the host's own screen.
    throw HookError(Status::refused, "ONSHI-W-6027", {e.what()});
  }
}

/// Apply mode prefill: the new patient as a pre-fill of the registration screen
/// (exchange/new_patient.h); nothing written, the result not linked yet.
long long prefill_patient(Context& ctx, long long confirmation_id,
                          const host::PatientFromResult& p) {
  try {
    return exchange::prefill_new_patient(ctx.conn, ctx.hospnum, confirmation_id, p, local_date8(),
                                         ctx.userid)
        .prefill_id;
  } catch (const host::NumberingError& e) {
    throw HookError(Status::refused, "ONSHI-W-6027", {e.what()});
  } catch (const exchange::ApplyRefused& e) {
    throw apply_refusal(e, ctx.userid);
  }
}

}  // namespace

void reception_list(Context& ctx, onshi_link_rcp_list_rec& rec) {
  std::string day = ONSHI_GET(rec.day);
  if (day.empty()) day = local_date8();
  if (!model::is_valid_date8(day)) throw HookError(Status::refused, "ONSHI-W-6003", {"day"});
  const long long start = ONSHI_NUM(rec.start).value_or(0);
  blank_outputs(rec, offsetof(onshi_link_rcp_list_rec, total));
  const std::vector<long long> ids = store::reception_confirmations(ctx.conn, ctx.hospnum, day);
  ONSHI_PUTN(rec.total, static_cast<long long>(ids.size()));
  std::size_t n = 0;
  for (std::size_t i = static_cast<std::size_t>(start);
       i < ids.size() && n < ONSHI_LINK_MAX_RCP_LIST_ROW; ++i, ++n) {
    ResultView v = load_result(ctx, ids[i]);
    auto& row = rec.row[n];
    ONSHI_PUTN(row.confirmation_id, v.confirmation_id);
    ONSHI_PUT(row.time, v.time);
    ONSHI_PUT(row.source, v.source);
    ONSHI_PUT(row.needs_staff, !v.resolved && needs_staff(v.status) ? "1" : "0");
    ONSHI_PUT(row.reason, v.status);
    ONSHI_PUT(row.reason_text, ctx.text(v.status_id, v.status_args));
    ONSHI_PUT(row.name, v.name);
    ONSHI_PUT(row.kana, v.kana);
    ONSHI_PUT(row.birthdate, v.birthdate);
    ONSHI_PUT(row.sex, v.sex);
    if (v.ptid) {
      ONSHI_PUTN(row.ptid, *v.ptid);
      if (const std::optional<std::string> pn =
              host::patient_number(ctx.conn, ctx.hospnum, *v.ptid))
        ONSHI_PUT(row.ptnum, *pn);
    }
    ONSHI_PUT(row.validity, v.validity);
    ONSHI_PUTN(row.cand_count, static_cast<long long>(v.candidates.size()));
  }
  ONSHI_PUTN(rec.row_count, static_cast<long long>(n));
}

void reception_detail(Context& ctx, onshi_link_rcp_detail_rec& rec) {
  const std::optional<long long> id = ONSHI_NUM(rec.confirmation_id);
  if (!id) throw HookError(Status::refused, "ONSHI-W-6003", {"confirmation_id"});
  blank_outputs(rec, offsetof(onshi_link_rcp_detail_rec, source));
  ResultView v = load_result(ctx, *id);
  ONSHI_PUT(rec.source, v.source);
  ONSHI_PUT(rec.reason, v.status);
  ONSHI_PUT(rec.reason_text, ctx.text(v.status_id, v.status_args));
  fill_returned(ctx, v, rec);
  ONSHI_PUT(rec.post, v.post);
  ONSHI_PUT(rec.address, v.address);
  if (v.ptid) ONSHI_PUTN(rec.ptid, *v.ptid);
  ONSHI_PUT(rec.can_create, v.has_proposal && !v.ptid && !v.resolved ? "1" : "0");
  std::vector<Candidate> cands = load_candidates(ctx, v, !v.ptid);
  std::size_t n = std::min<std::size_t>(cands.size(), ONSHI_LINK_MAX_RCP_DETAIL_CAND);
  for (std::size_t i = 0; i < n; ++i) {
    auto& c = rec.cand[i];
    ONSHI_PUTN(c.ptid, cands[i].ptid);
    ONSHI_PUT(c.ptnum, cands[i].ptnum);
    ONSHI_PUT(c.name, cands[i].name);
    ONSHI_PUT(c.kana, cands[i].kana);
    ONSHI_PUT(c.birthdate, cands[i].birthdate);
    ONSHI_PUT(c.sex, cands[i].sex);
    ONSHI_PUT(c.same_name, cands[i].same_name ? "1" : "0");
  }
  ONSHI_PUTN(rec.cand_count, static_cast<long long>(n));
  fill_diffs(ctx, v.diffs, rec.diff, rec.diff_count);
}

void public_assistance_tickets(Context& ctx, onshi_link_pa_tickets_rec& rec) {
  const std::optional<long long> id = ONSHI_NUM(rec.confirmation_id);
  if (!id) throw HookError(Status::refused, "ONSHI-W-6003", {"confirmation_id"});
  blank_outputs(rec, offsetof(onshi_link_pa_tickets_rec, state));
  const ResultView v = load_result(ctx, *id);
  if (v.card_classification != "A1") throw HookError(Status::refused, "ONSHI-W-6046");
  ONSHI_PUT(rec.state, v.assistance);
  if (v.assistance == "not_entrusted") ONSHI_PUT(rec.state_text, ctx.text("ONSHI-S-6026"));
  if (v.assistance == "inconsistent") ONSHI_PUT(rec.state_text, ctx.text("ONSHI-S-6027"));
  if (v.assistance != "not_entrusted") {  // the terminal hides them: (未委託のため非表示)
    ONSHI_PUT(rec.payer, v.insurer);
    ONSHI_PUT(rec.recipient, v.number);
  }
  const std::optional<store::AssistanceView> a = store::assistance_view(ctx.conn, ctx.hospnum, *id);
  if (a) {
    ONSHI_PUT(rec.welfare_office, a->welfare_office);
    ONSHI_PUT(rec.copied, a->issue_numbers_copied ? "1" : "0");
  }
  const std::vector<store::MedicalTicket> tickets =
      store::medical_tickets(ctx.conn, ctx.hospnum, *id);
  const std::size_t n = std::min<std::size_t>(tickets.size(), ONSHI_LINK_MAX_PA_TICKETS_TICKET);
  for (std::size_t i = 0; i < n; ++i) {
    const store::MedicalTicket& t = tickets[i];
    auto& o = rec.ticket[i];
    ONSHI_PUT(o.ticket_type, t.ticket_type);
    ONSHI_PUT(o.issue_number, t.issue_number);
    ONSHI_PUT(o.month, t.treatment_month);
    ONSHI_PUT(o.treatment_type, t.treatment_type);
    ONSHI_PUT(o.valid_start, t.valid_start);
    ONSHI_PUT(o.valid_end, t.valid_end);
    ONSHI_PUT(o.single_or_combined, t.single_or_combined);
    ONSHI_PUT(o.social_insurance, t.social_insurance);
    ONSHI_PUT(o.inconsistent, t.consistency == "1" ? "1" : "0");
    ONSHI_PUT(o.self_pay, t.self_pay);
    ONSHI_PUT(o.institution, t.institution);
  }
  ONSHI_PUTN(rec.ticket_count, static_cast<long long>(n));
}

void reception_resolve(Context& ctx, onshi_link_rcp_resolve_rec& rec) {
  blank_outputs(rec, offsetof(onshi_link_rcp_resolve_rec, result_ptid));
  const std::optional<long long> id = ONSHI_NUM(rec.confirmation_id);
  if (!id) throw HookError(Status::refused, "ONSHI-W-6003", {"confirmation_id"});
  const std::string action = ONSHI_GET(rec.action);
  db::load_enabled_facility(ctx.conn, ctx.hospnum);
  db::Transaction tx(ctx.conn);
  store::lock_confirmation(ctx.conn, ctx.hospnum, *id);
  ResultView v = load_result(ctx, *id);
  if (v.resolved || (v.link_state == "linked" && action != "D"))
    throw HookError(Status::refused, "ONSHI-W-6010");
  // A new-patient pre-fill waiting for the registration screen: saved or cancelled first, so
  // that the result is never linked twice or dismissed under it.
  try {
    exchange::refuse_pending_prefill(ctx.conn, ctx.hospnum, *id);
  } catch (const exchange::ApplyRefused& e) {
    throw apply_refusal(e, ctx.userid);
  }
  long long ptid = 0;
  std::string ptnum;
  if (action == "L") {
    const std::optional<long long> chosen = ONSHI_NUM(rec.ptid);
    if (!chosen) throw HookError(Status::refused, "ONSHI-W-6003", {"ptid"});
    const std::optional<host::PatientSummary> p =
        host::patient_to_link(ctx.conn, ctx.hospnum, *chosen);
    if (!p) throw HookError(Status::refused, "ONSHI-W-6004");
    if (p->test_flag == "1") throw HookError(Status::refused, "ONSHI-W-6005");
    ptid = *chosen;
    ptnum = p->ptnum;
    link_result(ctx, *id, ptid, "linked");
    ctx.say("ONSHI-I-6005", {ptnum});
  } else if (action == "N") {
    if (!v.has_proposal || v.ptid) throw HookError(Status::refused, "ONSHI-W-6021");
    const std::optional<host::PatientFromResult> person =
        exchange::patient_from_result(ctx.conn, ctx.hospnum, *id);
    if (!person) throw HookError(Status::refused, "ONSHI-W-6021");
    if (exchange::prefill_applies(ctx.conn, ctx.hospnum, exchange::kNewPatientMode)) {
      const long long prefill_id = prefill_patient(ctx, *id, *person);
      tx.commit();
      ONSHI_PUTN(rec.prefill_id, prefill_id);
      ctx.say("ONSHI-I-6190", {std::to_string(prefill_id)});
      return;
    }
    const host::CreatedPatient made = create_patient(ctx, *person);
    ptid = made.ptid;
    ptnum = made.ptnum;
    link_result(ctx, *id, ptid, "new_patient");
    if (v.name_unrepresentable) {
      ctx.say("ONSHI-W-6022", {}, Status::warning);
    } else if (made.substituted) {
      ctx.say("ONSHI-W-6026", {ptnum}, Status::warning);
    } else if (!made.assistance.empty() && made.kohid == 0) {
      ctx.say("ONSHI-W-6125", {ptnum, made.assistance}, Status::warning);
    } else if (made.kohid) {
      ctx.say("ONSHI-I-6122", {ptnum, std::to_string(made.kohid)});
    } else {
      ctx.say("ONSHI-I-6006", {ptnum});
    }
  } else if (action == "D") {
    const std::string reason = ONSHI_GET(rec.reason);
    if (reason.empty()) throw HookError(Status::refused, "ONSHI-W-6024");
    store::dismiss_confirmation(ctx.conn, ctx.hospnum, *id, ctx.userid, reason);
    tx.commit();
    ctx.say("ONSHI-I-6007");
    return;
  } else {
    throw HookError(Status::refused, "ONSHI-W-6025", {action});
  }
  // A card result without a reference number: register the patient's number (requirement 4).
  const long long job = queue_reference_registration(ctx, ptid, *id);
  tx.commit();
  ONSHI_PUTN(rec.result_ptid, ptid);
  ONSHI_PUT(rec.result_ptnum, ptnum);
  if (job) ONSHI_PUTN(rec.reference_job, job);
}

void reception_check(Context& ctx, onshi_link_rcp_check_rec& rec) {
  ONSHI_PUT(rec.ptid, "");
  ONSHI_PUT(rec.request_id, "");
  const std::string day = ONSHI_GET(rec.ukeymd);
  if (!model::is_valid_date8(day)) throw HookError(Status::refused, "ONSHI-W-6003", {"ukeymd"});
  const std::optional<long long> ukeid = ONSHI_NUM(rec.ukeid);
  if (!ukeid) throw HookError(Status::refused, "ONSHI-W-6003", {"ukeid"});
  const std::string visit = check_visit(ONSHI_GET(rec.visit));
  const std::optional<long long> patient =
      host::reception_patient(ctx.conn, ctx.hospnum, day, *ukeid);
  if (!patient) throw HookError(Status::refused, "ONSHI-W-6018");
  const long long ptid = *patient;
  const long long job = queue_visit_check(ctx, ptid, std::nullopt, day, visit);
  ONSHI_PUTN(rec.ptid, ptid);
  ONSHI_PUTN(rec.request_id, job);
  ctx.say("ONSHI-I-6002", {std::to_string(job)});
}

void rcp_received(Context& ctx, onshi_link_rcp_received_rec& rec) {
  const std::string action = ONSHI_GET(rec.action);
  if (!action.empty() && action != "Q" && action != "G")
    throw HookError(Status::refused, "ONSHI-W-6025", {action});
  const std::optional<long long> ptid = ONSHI_NUM(rec.ptid);
  if (!ptid) throw HookError(Status::refused, "ONSHI-W-6003", {"ptid"});
  std::string day = ONSHI_GET(rec.ukeymd);
  if (day.empty()) day = local_date8();
  if (!model::is_valid_date8(day)) throw HookError(Status::refused, "ONSHI-W-6003", {"ukeymd"});
  const long long ukeid = ONSHI_NUM(rec.ukeid).value_or(0);
  if (ukeid < 0) throw HookError(Status::refused, "ONSHI-W-6003", {"ukeid"});
  blank_outputs(rec, offsetof(onshi_link_rcp_received_rec, state));
  exchange::ReceivedState s;
  try {
    s = exchange::queue_received_patient(ctx.conn, ctx.hospnum, *ptid, day, ukeid, action != "G");
  } catch (const exchange::ReceivedRefused&) {
    throw HookError(Status::refused, day == local_date8() ? "ONSHI-W-6174" : "ONSHI-W-6181");
  }
  ONSHI_PUT(rec.state, s.state);
  if (s.state == "checked") {
    ONSHI_PUT(rec.source, s.check.source);
    if (s.check.confirmation_id) ONSHI_PUTN(rec.confirmation_id, *s.check.confirmation_id);
    if (s.check.job_id) ONSHI_PUTN(rec.job_id, *s.check.job_id);
    ONSHI_PUT(rec.note, s.check.note);
    ctx.say("ONSHI-I-6182", {s.check.source});
  } else if (s.state == "off") {
    ctx.say("ONSHI-W-6180", {}, Status::warning);
  } else if (s.state == "queued" || s.state == "waiting") {
    ctx.say("ONSHI-I-6183");
  }
}

}  // namespace onshi::hooks
