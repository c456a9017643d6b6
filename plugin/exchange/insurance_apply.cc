// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/insurance_apply.h"

#include "common/clock.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/transaction.h"
#include "exchange/prefill.h"
#include "host/insurance_apply.h"
#include "host/staff.h"
#include "store/confirmations.h"
#include "store/insurance_apply.h"

namespace onshi::exchange {
namespace {

void require_staff(db::Connection& conn, int hospnum, const std::string& userid) {
  if (userid.empty() || !host::staff_member(conn, hospnum, userid))
    throw ApplyRefused(ApplyRefusal::unknown_staff,
                       "the user is not a staff member of this facility");
}

ApplyRefused host_refusal(host::HostRefusal r) {
  switch (r) {
    case host::HostRefusal::no_patient:
      return {ApplyRefusal::not_linked, "the linked patient is not in the host"};
    case host::HostRefusal::no_insurance:
      return {ApplyRefusal::no_insurance, "the patient has no current insurance"};
    case host::HostRefusal::card_differs:
      return {ApplyRefusal::card_differs,
              "the registered insurance is not the returned card (apply change or add)"};
    case host::HostRefusal::already_registered:
      return {ApplyRefusal::already_registered,
              "the returned card is already registered and valid"};
    case host::HostRefusal::bad_insurer:
      return {ApplyRefusal::bad_insurer, "the returned insurer number gives no insurance kind"};
    case host::HostRefusal::overlap:
      return {ApplyRefusal::overlap,
              "an insurance of the patient starts on or after the new card's start"};
    case host::HostRefusal::no_certificate:
      return {ApplyRefusal::no_certificate,
              "the result has no limit certificate the host keeps a row for (with consent)"};
    case host::HostRefusal::none:
      break;
  }
  return {ApplyRefusal::no_insurance, "refused"};
}

}  // namespace

const char* apply_refusal_name(ApplyRefusal r) {
  switch (r) {
    case ApplyRefusal::bad_mode:
      return "bad_mode";
    case ApplyRefusal::unknown_staff:
      return "unknown_staff";
    case ApplyRefusal::no_result:
      return "no_result";
    case ApplyRefusal::not_valid:
      return "not_valid";
    case ApplyRefusal::not_linked:
      return "not_linked";
    case ApplyRefusal::other_patient:
      return "other_patient";
    case ApplyRefusal::already_applied:
      return "already_applied";
    case ApplyRefusal::public_assistance:
      return "public_assistance";
    case ApplyRefusal::no_insurance:
      return "no_insurance";
    case ApplyRefusal::card_differs:
      return "card_differs";
    case ApplyRefusal::already_registered:
      return "already_registered";
    case ApplyRefusal::bad_insurer:
      return "bad_insurer";
    case ApplyRefusal::overlap:
      return "overlap";
    case ApplyRefusal::no_certificate:
      return "no_certificate";
    case ApplyRefusal::no_apply:
      return "no_apply";
    case ApplyRefusal::already_undone:
      return "already_undone";
    case ApplyRefusal::not_today:
      return "not_today";
    case ApplyRefusal::changed_since:
      return "changed_since";
    case ApplyRefusal::prefill_pending:
      return "prefill_pending";
    case ApplyRefusal::no_prefill:
      return "no_prefill";
    case ApplyRefusal::several_prefills:
      return "several_prefills";
    case ApplyRefusal::prefill_closed:
      return "prefill_closed";
  }
  return "?";
}

InsuranceApplied apply_insurance(db::Connection& conn, int hospnum, long long confirmation_id,
                                 const std::string& mode, const std::string& userid,
                                 std::optional<long long> expected_ptid) {
  if (mode != "nochange" && mode != "change" && mode != "add" && mode != "limit")
    throw ApplyRefused(ApplyRefusal::bad_mode,
                       "mode \"" + mode + "\" is not nochange, change, add or limit");
  require_staff(conn, hospnum, userid);
  db::Transaction tx(conn);
  store::lock_confirmation(conn, hospnum, confirmation_id);
  const std::optional<store::ConfirmationView> c =
      store::load_confirmation(conn, hospnum, confirmation_id);
  if (!c) throw ApplyRefused(ApplyRefusal::no_result, "no such result");
  if (c->processing_status != "1" || (c->validity != "1" && c->validity != "6") ||
      c->resolution == "dismissed")
    throw ApplyRefused(
        ApplyRefusal::not_valid,
        "the result is not a valid qualification (validity \"" + c->validity + "\")");
  if (c->link_state != "linked" || !c->ptid)
    throw ApplyRefused(ApplyRefusal::not_linked, "the result is not linked to a patient");
  if (expected_ptid && *expected_ptid != *c->ptid)
    throw ApplyRefused(ApplyRefusal::other_patient, "the result is linked to another patient (" +
                                                        std::to_string(*c->ptid) + ")");
  if (c->resolution == "applied")
    throw ApplyRefused(ApplyRefusal::already_applied,
                       "the result was applied already (undo that apply first)");
  if (c->card_classification == "A1")
    throw ApplyRefused(ApplyRefusal::public_assistance,
                       "a public-assistance result carries no insurance to apply");
  refuse_pending_prefill(conn, hospnum, confirmation_id);
  const long long ptid = *c->ptid;
  if (!host::lock_patient_insurance(conn, hospnum, ptid))
    throw host_refusal(host::HostRefusal::no_patient);

  const std::string before = store::with_resolution_image(conn, hospnum, confirmation_id,
                                                          host::images(conn, hospnum, ptid));
  const store::ReturnedDates dates = store::returned_dates(conn, hospnum, confirmation_id);
  host::ReturnedCard card;
  card.card_class = c->card_classification;
  card.insurer = c->insurer_number;
  card.symbol = c->card_symbol;
  card.number = c->card_number;
  card.branch = c->branch_number;
  card.family = c->personal_family;
  card.insured_name = c->insured_name;
  card.acquired = dates.acquired;
  card.valid_from = dates.valid_from;
  card.valid_to = dates.valid_to;
  card.copay_rate = c->contribution_ratio;
  const std::string today = local_date8();
  const long long prefer = c->hknid ? *c->hknid : 0;
  host::AppliedInsurance done;
  host::HostRefusal r;
  // Prefill mode: the direct apply below runs to learn what it writes, then is rolled back.
  const bool prefill = prefill_applies(conn, hospnum, mode);
  if (prefill) conn.exec(std::string("SAVEPOINT ") + kPrefillSavepoint);
  if (mode == "nochange")
    r = host::apply_no_change(conn, hospnum, ptid, card, prefer, today, userid, done);
  else if (mode == "change")
    r = host::apply_change(conn, hospnum, ptid, card, prefer, today, userid, done);
  else if (mode == "add")
    r = host::apply_add(conn, hospnum, ptid, card, today, userid, done);
  else {
    // ORCA proposes a certificate only when the patient agreed to its return.
    const std::optional<store::ReturnedLimit> l =
        store::returned_limit(conn, hospnum, confirmation_id);
    if (!l || !l->consent) throw host_refusal(host::HostRefusal::no_certificate);
    r = host::apply_limit(conn, hospnum, ptid,
                          {l->classification, l->flag, l->valid_start, l->valid_end}, prefer, today,
                          userid, done);
  }
  if (r != host::HostRefusal::none) throw host_refusal(r);
  if (prefill) {
    InsuranceApplied kept =
        keep_prefill(conn, hospnum, confirmation_id, ptid, mode, userid, before, done);
    tx.commit();
    return kept;
  }

  store::mark_applied(conn, hospnum, confirmation_id, userid, mode);
  const std::string after = store::with_resolution_image(conn, hospnum, confirmation_id,
                                                         host::images(conn, hospnum, ptid));
  std::string detail = "insurance " + mode + " from result " + std::to_string(confirmation_id) +
                       ": hknid " + std::to_string(done.hknid);
  if (done.ended_hknid)
    detail += ", hknid " + std::to_string(done.ended_hknid) + " ended " + done.ended_on;
  if (done.kohid) detail += ", kohid " + std::to_string(done.kohid);
  if (done.hkncombinum) detail += ", combination " + std::to_string(done.hkncombinum);
  InsuranceApplied out;
  out.audit_id = store::insert_apply(conn, hospnum, userid, ptid, confirmation_id, mode, before,
                                     after, detail);
  tx.commit();
  out.ptid = ptid;
  out.mode = mode;
  out.hknid = done.hknid;
  out.ended_hknid = done.ended_hknid;
  out.ended_on = done.ended_on;
  out.hkncombinum = done.hkncombinum;
  out.kohid = done.kohid;
  return out;
}

InsuranceUndone undo_insurance_apply(db::Connection& conn, int hospnum, long long apply_id,
                                     const std::string& userid) {
  require_staff(conn, hospnum, userid);
  db::Transaction tx(conn);
  const std::optional<store::InsuranceApply> a = store::lock_apply(conn, hospnum, apply_id);
  if (!a) throw ApplyRefused(ApplyRefusal::no_apply, "no such insurance apply");
  if (a->undo_id)
    throw ApplyRefused(ApplyRefusal::already_undone,
                       "the apply was undone already (undo " + std::to_string(a->undo_id) + ")");
  if (!a->today)
    throw ApplyRefused(ApplyRefusal::not_today, "only an apply of today can be undone");
  store::lock_confirmation(conn, hospnum, a->confirmation_id);
  host::lock_patient_insurance(conn, hospnum, a->ptid);
  const std::string current = store::with_resolution_image(conn, hospnum, a->confirmation_id,
                                                           host::images(conn, hospnum, a->ptid));
  if (!host::restore_images(conn, hospnum, a->ptid, a->before, a->after))
    throw ApplyRefused(ApplyRefusal::changed_since,
                       "the patient's insurance rows changed after the apply; undo refused");
  store::restore_resolution(conn, hospnum, a->confirmation_id, a->before);
  const std::string restored = store::with_resolution_image(conn, hospnum, a->confirmation_id,
                                                            host::images(conn, hospnum, a->ptid));
  InsuranceUndone out;
  try {
    out.audit_id = store::insert_undo(
        conn, hospnum, userid, a->ptid, a->confirmation_id, apply_id, current, restored,
        "undo of insurance " + a->mode + " (apply " + std::to_string(apply_id) + ")");
  } catch (const db::UniqueViolation&) {
    throw ApplyRefused(ApplyRefusal::already_undone, "the apply was undone already");
  }
  tx.commit();
  out.apply_id = apply_id;
  out.ptid = a->ptid;
  out.confirmation_id = a->confirmation_id;
  return out;
}

}  // namespace onshi::exchange
