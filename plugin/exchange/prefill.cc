// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/prefill.h"

#include "common/clock.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/transaction.h"
#include "exchange/new_patient.h"
#include "exchange/reference_numbers.h"
#include "host/patients.h"
#include "host/staff.h"
#include "store/confirmations.h"
#include "store/insurance_apply.h"
#include "store/staff.h"
#include "text/normalize.h"

namespace onshi::exchange {
namespace {

/// The pre-fill a call names (see get_prefill()), locked when `lock`.
store::Prefill choose(db::Connection& conn, int hospnum, std::optional<long long> prefill_id,
                      std::optional<long long> confirmation_id, std::optional<long long> ptid,
                      bool lock) {
  std::optional<store::Prefill> p;
  if (prefill_id) {
    p = store::find_prefill(conn, hospnum, *prefill_id, lock);
  } else {
    const std::vector<store::Prefill> pending =
        store::pending_prefills(conn, hospnum, confirmation_id, ptid);
    if (pending.size() > 1)
      throw ApplyRefused(ApplyRefusal::several_prefills,
                         "the patient has several pending pre-fills: name one");
    if (pending.size() == 1)
      p = store::find_prefill(conn, hospnum, pending.front().prefill_id, lock);
    else if (confirmation_id && !lock)
      p = store::latest_prefill(conn, hospnum, *confirmation_id);
  }
  if (!p) throw ApplyRefused(ApplyRefusal::no_prefill, "no such pre-fill");
  return *p;
}

std::string kohid_list(const std::vector<long long>& kohids) {
  std::string s;
  for (long long k : kohids) s += (s.empty() ? "" : ",") + std::to_string(k);
  return s;
}

/// The audit detail of a saved pre-fill: `what` (e.g. "insurance change"), the result, the
/// rows registration wrote and how many differ from the proposal.
std::string saved_detail(const std::string& what, const store::Prefill& p, long long hknid,
                         const std::vector<long long>& kohids,
                         const std::vector<host::Difference>& differences) {
  std::string detail = what + " from result " + std::to_string(p.confirmation_id) +
                       " saved by the host's registration (pre-fill " +
                       std::to_string(p.prefill_id) + "): hknid " + std::to_string(hknid);
  if (!kohids.empty()) detail += ", kohid " + kohid_list(kohids);
  detail += differences.empty()
                ? ", as proposed"
                : ", " + std::to_string(differences.size()) + " difference(s) from the pre-fill";
  return detail;
}

/// Whether the patient registration saved is the person of a new-patient pre-fill: the same
/// birthdate and sex, and the same kana or kanji name (compared as the linker compares names,
/// so a corrected spelling of one of them still fits). A wrong link is worse than none.
bool same_person(const host::PatientSummary& saved, const host::ProposedPatient& proposed) {
  if (saved.birthday != proposed.birthday || saved.sex != proposed.sex) return false;
  const auto same = [](const std::string& a, const std::string& b) {
    return !a.empty() && text::name_match_key(a) == text::name_match_key(b);
  };
  return same(saved.kananame, proposed.kananame) || same(saved.name, proposed.name);
}

/// insurance_saved() of a new-patient pre-fill: registration numbered and saved patient `ptid`.
PrefillSaved new_patient_saved(db::Connection& conn, int hospnum, const store::Prefill& p,
                               long long ptid, long long hknid,
                               const std::vector<long long>& kohids, const std::string& userid) {
  const std::optional<store::ConfirmationView> c =
      store::load_confirmation(conn, hospnum, p.confirmation_id);
  if (!c) throw ApplyRefused(ApplyRefusal::no_result, "no such result");
  if (c->resolved || c->ptid)
    throw ApplyRefused(ApplyRefusal::already_applied,
                       "the result was linked or resolved after the pre-fill was made");
  const std::optional<host::PatientSummary> saved = host::patient_details(conn, hospnum, ptid);
  if (!saved || !host::lock_patient_insurance(conn, hospnum, ptid))
    throw ApplyRefused(ApplyRefusal::not_linked, "the patient is not in the host");
  const host::Proposal proposal = host::read_proposal(conn, p.proposal);
  if (!proposal.patient || !same_person(*saved, *proposal.patient))
    throw ApplyRefused(ApplyRefusal::other_person,
                       "the saved patient is not the person of the result (birthdate, sex or "
                       "name differ); nothing was linked");
  const std::string differences =
      host::saved_differences(conn, hospnum, ptid, p.proposal, hknid, kohids);
  PrefillSaved out;
  out.differences = host::read_differences(conn, differences);
  out.ptid = ptid;
  store::link_confirmation(conn, hospnum, p.confirmation_id, ptid, userid, "new_patient");
  // A card result without a reference number: register the patient's number, as after a
  // patient created directly (none for public assistance: no card to register it on).
  out.reference_job = queue_reference_registration(conn, hospnum, ptid, p.confirmation_id, userid);
  store::audit_administration(
      conn, hospnum, userid, "change", "insurance",
      saved_detail("new patient " + std::to_string(ptid), p, hknid, kohids, out.differences));
  store::close_prefill(conn, hospnum, p.prefill_id, "saved", userid, differences, hknid, kohids);
  return out;
}

}  // namespace

bool prefill_applies(db::Connection& conn, int hospnum, const std::string& mode) {
  return mode != "nochange" && store::apply_mode_setting(conn, hospnum) == "prefill";
}

void refuse_pending_prefill(db::Connection& conn, int hospnum, long long confirmation_id) {
  const std::vector<store::Prefill> p =
      store::pending_prefills(conn, hospnum, confirmation_id, std::nullopt);
  if (!p.empty())
    throw ApplyRefused(ApplyRefusal::prefill_pending,
                       "the result has a pending pre-fill (" +
                           std::to_string(p.front().prefill_id) +
                           "): the registration screen saves it, or cancel it first");
}

InsuranceApplied keep_prefill(db::Connection& conn, int hospnum, long long confirmation_id,
                              long long ptid, const std::string& mode, const std::string& userid,
                              const std::string& before, const host::AppliedInsurance& done) {
  // What the direct apply wrote, then nothing of it.
  const std::string after = host::images(conn, hospnum, ptid);
  const std::string proposal = host::proposal(conn, before, after, done.hknid);
  InsuranceApplied out;
  const std::string today = local_date8();
  out.copay_before = host::copay_state(conn, before, copay_hknid_before(done), today);
  out.copay_after = host::copay_state(conn, after, done.hknid, today);
  conn.exec(std::string("ROLLBACK TO SAVEPOINT ") + kPrefillSavepoint);
  try {
    out.prefill_id =
        store::insert_prefill(conn, hospnum, confirmation_id, ptid, mode, proposal, before, userid);
  } catch (const db::UniqueViolation&) {
    throw ApplyRefused(ApplyRefusal::prefill_pending, "the result has a pending pre-fill");
  }
  out.ptid = ptid;
  out.mode = mode;
  out.hknid = done.hknid;
  out.ended_hknid = done.ended_hknid;
  out.ended_on = done.ended_on;
  out.kohid = done.kohid;
  return out;
}

PrefillView get_prefill(db::Connection& conn, int hospnum, std::optional<long long> prefill_id,
                        std::optional<long long> confirmation_id, std::optional<long long> ptid) {
  PrefillView v;
  v.prefill = choose(conn, hospnum, prefill_id, confirmation_id, ptid, false);
  v.proposal = host::read_proposal(conn, v.prefill.proposal);
  v.differences = host::read_differences(conn, v.prefill.differences);
  return v;
}

store::Prefill cancel_prefill(db::Connection& conn, int hospnum,
                              std::optional<long long> prefill_id,
                              std::optional<long long> confirmation_id,
                              std::optional<long long> ptid, const std::string& userid) {
  require_apply_staff(conn, hospnum, userid);
  db::Transaction tx(conn);
  store::Prefill p = choose(conn, hospnum, prefill_id, confirmation_id, ptid, true);
  if (p.state != "pending" ||
      !store::close_prefill(conn, hospnum, p.prefill_id, "cancelled", userid))
    throw ApplyRefused(ApplyRefusal::prefill_closed, "the pre-fill was " + p.state + " already");
  store::audit_administration(conn, hospnum, userid, "change", "insurance",
                              "pre-fill " + std::to_string(p.prefill_id) + " (" + p.mode +
                                  ") of result " + std::to_string(p.confirmation_id) +
                                  " cancelled");
  tx.commit();
  p.state = "cancelled";
  return p;
}

PrefillSaved insurance_saved(db::Connection& conn, int hospnum, long long ptid,
                             long long prefill_id, long long hknid,
                             const std::vector<long long>& kohids, const std::string& userid) {
  require_apply_staff(conn, hospnum, userid);
  db::Transaction tx(conn);
  const store::Prefill p =
      choose(conn, hospnum, prefill_id ? std::optional<long long>(prefill_id) : std::nullopt,
             std::nullopt, ptid, true);
  if (p.ptid == 0 && p.mode == kNewPatientMode) {
    if (p.state != "pending")
      throw ApplyRefused(ApplyRefusal::prefill_closed, "the pre-fill was " + p.state + " already");
    store::lock_confirmation(conn, hospnum, p.confirmation_id);
    PrefillSaved out = new_patient_saved(conn, hospnum, p, ptid, hknid, kohids, userid);
    tx.commit();
    out.prefill_id = p.prefill_id;
    out.confirmation_id = p.confirmation_id;
    out.mode = p.mode;
    return out;
  }
  if (p.ptid != ptid)
    throw ApplyRefused(ApplyRefusal::other_patient, "the pre-fill is another patient's");
  if (p.state != "pending")
    throw ApplyRefused(ApplyRefusal::prefill_closed, "the pre-fill was " + p.state + " already");
  store::lock_confirmation(conn, hospnum, p.confirmation_id);
  if (!host::lock_patient_insurance(conn, hospnum, ptid))
    throw ApplyRefused(ApplyRefusal::not_linked, "the patient is not in the host");
  // What the host wrote, compared with what the screen was given.
  const std::string differences =
      host::saved_differences(conn, hospnum, ptid, p.proposal, hknid, kohids);
  PrefillSaved out;
  out.differences = host::read_differences(conn, differences);
  store::mark_applied(conn, hospnum, p.confirmation_id, userid, p.mode);
  const std::string after = store::with_resolution_image(conn, hospnum, p.confirmation_id,
                                                         host::images(conn, hospnum, ptid));
  out.audit_id =
      store::insert_apply(conn, hospnum, userid, ptid, p.confirmation_id, p.mode, p.before, after,
                          saved_detail("insurance " + p.mode, p, hknid, kohids, out.differences));
  store::close_prefill(conn, hospnum, p.prefill_id, "saved", userid, differences, hknid, kohids,
                       out.audit_id);
  tx.commit();
  out.prefill_id = p.prefill_id;
  out.confirmation_id = p.confirmation_id;
  out.mode = p.mode;
  return out;
}

}  // namespace onshi::exchange
