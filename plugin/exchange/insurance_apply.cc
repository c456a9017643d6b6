// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/insurance_apply.h"

#include "common/clock.h"
#include "common/log.h"
#include "common/message_ids.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/transaction.h"
#include "exchange/prefill.h"
#include "host/insurance_apply.h"
#include "host/public_assistance_apply.h"
#include "host/staff.h"
#include "store/confirmations.h"
#include "store/insurance_apply.h"
#include "store/prefill.h"
#include "store/public_assistance.h"

namespace onshi::exchange {

void require_apply_staff(db::Connection& conn, int hospnum, const std::string& userid) {
  if (userid.empty() || !host::staff_member(conn, hospnum, userid))
    throw ApplyRefused(ApplyRefusal::unknown_staff,
                       "the user is not a staff member of this facility");
}

namespace {

/// The insurance modes (one of them per result until undone) and the certificate modes (each
/// once per result; certs = all of them).
bool insurance_mode(const std::string& m) {
  return m == "nochange" || m == "change" || m == "add";
}
bool certificate_mode(const std::string& m) {
  return m == "limit" || m == "disease" || m == "elderly" || m == "certs";
}

ApplyRefused host_refusal(host::HostRefusal r, const std::string& mode = "limit") {
  const bool certificate = certificate_mode(mode);
  switch (r) {
    case host::HostRefusal::no_patient:
      return {ApplyRefusal::not_linked, "the linked patient is not in the host"};
    case host::HostRefusal::no_insurance:
      return {ApplyRefusal::no_insurance, "the patient has no current insurance"};
    case host::HostRefusal::card_differs:
      return {ApplyRefusal::card_differs,
              "the registered insurance is not the returned card (apply change or add)"};
    case host::HostRefusal::already_registered:
      if (certificate)
        return {ApplyRefusal::already_registered,
                "the certificate is already registered for a period covering its end date: "
                "nothing to do"};
      return {ApplyRefusal::already_registered,
              "the returned card is already registered and valid"};
    case host::HostRefusal::bad_insurer:
      return {ApplyRefusal::bad_insurer, "the returned insurer number gives no insurance kind"};
    case host::HostRefusal::overlap:
      if (certificate)
        return {ApplyRefusal::overlap,
                "the patient has another low-income row starting the same day (see the "
                "registration screen)"};
      return {ApplyRefusal::overlap,
              "an insurance of the patient starts on or after the new card's start"};
    case host::HostRefusal::no_certificate:
      if (mode == "disease")
        return {ApplyRefusal::no_certificate,
                "the result has no specific-disease certificate the host keeps a row for (self "
                "pay 10000 or 20000, with consent)"};
      if (mode == "elderly")
        return {ApplyRefusal::no_certificate, "the result has no elderly recipient certificate"};
      if (mode == "certs")
        return {ApplyRefusal::no_certificate,
                "the result has no certificate the host keeps (limit and specific disease only "
                "with consent)"};
      return {ApplyRefusal::no_certificate,
              "the result has no limit certificate the host keeps a row for (with consent)"};
    case host::HostRefusal::expired:
      return {ApplyRefusal::expired,
              "the certificate's validity has ended (its end date has passed): not registered"};
    case host::HostRefusal::none:
      break;
  }
  return {ApplyRefusal::no_insurance, "refused"};
}

/// pubassist: the A1 result's public-expense row and combinations (host/public_assistance_apply.h).
void apply_assistance(db::Connection& conn, int hospnum, long long confirmation_id, long long ptid,
                      const std::string& today, const std::string& userid,
                      host::AppliedInsurance& done, InsuranceApplied& out) {
  const std::optional<store::AssistanceQualification> q =
      store::assistance_qualification(conn, hospnum, confirmation_id);
  host::ReturnedAssistance a;
  if (q) {
    a.payer = q->payer;
    a.recipient = q->recipient;
    a.qualified = q->qualified;
    a.disqualified = q->disqualified;
    for (const store::MedicalTicket& t : q->tickets)
      a.tickets.emplace_back(t.valid_start, t.valid_end);
  }
  const host::AppliedAssistance r =
      host::apply_public_assistance(conn, hospnum, ptid, a, today, userid);
  switch (r.outcome) {
    case host::AssistanceOutcome::added:
    case host::AssistanceOutcome::extended:
      break;
    case host::AssistanceOutcome::registered:
      throw ApplyRefused(ApplyRefusal::already_registered,
                         "the public-assistance row (kohid " + std::to_string(r.kohid) +
                             ") covers the returned period already: nothing to do");
    case host::AssistanceOutcome::no_numbers:
      throw ApplyRefused(ApplyRefusal::bad_insurer,
                         "the result carries no payer or recipient number (not entrusted yet?)");
    case host::AssistanceOutcome::no_kind:
      throw ApplyRefused(ApplyRefusal::bad_insurer,
                         "the payer number gives no public-expense kind");
    case host::AssistanceOutcome::expired:
      throw ApplyRefused(ApplyRefusal::expired,
                         "the public-assistance qualification or its medical tickets ended "
                         "before today (valid " +
                             r.from + "-" + r.to + ")");
  }
  done.kohid = r.kohid;
  if (!r.combinations.empty()) done.hkncombinum = r.combinations.front();
  out.assistance = host::assistance_outcome_name(r.outcome);
  for (int n : r.combinations)
    out.assistance_combinations +=
        (out.assistance_combinations.empty() ? "" : ",") + std::to_string(n);
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
    case ApplyRefusal::expired:
      return "expired";
    case ApplyRefusal::no_apply:
      return "no_apply";
    case ApplyRefusal::already_undone:
      return "already_undone";
    case ApplyRefusal::not_today:
      return "not_today";
    case ApplyRefusal::changed_since:
      return "changed_since";
    case ApplyRefusal::not_assistance:
      return "not_assistance";
    case ApplyRefusal::prefill_pending:
      return "prefill_pending";
    case ApplyRefusal::no_prefill:
      return "no_prefill";
    case ApplyRefusal::several_prefills:
      return "several_prefills";
    case ApplyRefusal::prefill_closed:
      return "prefill_closed";
    case ApplyRefusal::other_person:
      return "other_person";
  }
  return "?";
}

namespace {

/// Whether the result has an apply of `mode`'s kind that was not undone: any insurance mode for
/// an insurance mode; the same certificate mode, or certs, for a certificate mode.
bool applied_already(db::Connection& conn, int hospnum, long long confirmation_id,
                     const std::string& mode) {
  for (const store::InsuranceApply& a : store::applies_of(conn, hospnum, confirmation_id)) {
    if (a.undo_id) continue;
    if (insurance_mode(mode)
            ? insurance_mode(a.mode)
            : a.mode == mode || a.mode == "certs" || (mode == "certs" && certificate_mode(a.mode)))
      return true;
  }
  return false;
}

/// The result's certificates of `mode` into the host (the result checked, the patient's rows
/// locked). certs: each one the host keeps; one expired, registered already, not returned (or
/// without consent), or the elderly one of another card is left out.
host::HostRefusal apply_certificates(db::Connection& conn, int hospnum, long long confirmation_id,
                                     const std::string& mode, long long ptid,
                                     const host::ReturnedCard& card,
                                     const store::ReturnedDates& dates, long long prefer,
                                     const std::string& today, const std::string& userid,
                                     host::AppliedInsurance& done) {
  using R = host::HostRefusal;
  const std::optional<store::ReturnedElderly> elder =
      store::returned_elderly(conn, hospnum, confirmation_id);
  auto limit = [&]() {
    // ORCA proposes a certificate only when the patient agreed to its return.
    const std::optional<store::ReturnedLimit> l =
        store::returned_limit(conn, hospnum, confirmation_id);
    if (!l || !l->consent) return R::no_certificate;
    host::LimitCertificate c;
    c.classification = l->classification;
    c.flag = l->flag;
    c.valid_start = l->valid_start;
    c.valid_end = l->valid_end;
    c.long_term = l->long_term;
    // ORCSONSHI002 2201: the returned insurance's period, its elderly certificate's if any.
    if (elder && !elder->valid_start.empty()) {
      c.insurance_from = elder->valid_start;
      c.insurance_to = elder->valid_end;
    } else if (!dates.valid_from.empty()) {
      c.insurance_from = dates.valid_from;
      c.insurance_to = dates.valid_to;
    }
    return host::apply_limit(conn, hospnum, ptid, c, prefer, today, userid, done);
  };
  auto disease = [&]() {
    const store::ReturnedDiseases d = store::returned_diseases(conn, hospnum, confirmation_id);
    if (!d.consent) return R::no_certificate;
    std::vector<host::DiseaseCertificate> certs;
    for (const store::ReturnedDisease& x : d.certificates)
      certs.push_back({x.category, x.self_pay, x.valid_start, x.valid_end});
    return host::apply_disease(conn, hospnum, ptid, certs, prefer, today, userid, done);
  };
  auto elderly = [&]() {
    if (!elder) return R::no_certificate;
    return host::apply_elderly(conn, hospnum, ptid, card,
                               {elder->valid_start, elder->valid_end, elder->rate}, prefer, today,
                               userid, done);
  };
  if (mode == "limit") return limit();
  if (mode == "disease") return disease();
  if (mode == "elderly") return elderly();
  // certs: the reason of the first one left out says why nothing was written.
  bool wrote = false;
  R why = R::no_certificate;
  for (R r : {limit(), disease(), elderly()}) {
    if (r == R::none) {
      wrote = true;
    } else if (r == R::no_certificate || r == R::no_insurance || r == R::card_differs ||
               r == R::already_registered || r == R::expired) {
      if (why == R::no_certificate) why = r;
    } else {
      return r;
    }
  }
  return wrote ? R::none : why;
}

}  // namespace

long long copay_hknid_before(const host::AppliedInsurance& done) {
  // An added insurance replaced the one it ended; otherwise the same row.
  return done.ended_hknid ? done.ended_hknid : done.hknid;
}

std::string copay_text(const host::CopayState& c) {
  return (c.rate.empty() ? std::string("-") : c.rate) + "/" +
         (c.category.empty() ? std::string("-") : c.category);
}

namespace {

/// apply_insurance() inside the caller's transaction (the staff member checked).
InsuranceApplied apply_in_transaction(db::Connection& conn, int hospnum, long long confirmation_id,
                                      const std::string& mode, const std::string& userid,
                                      std::optional<long long> expected_ptid) {
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
  if (applied_already(conn, hospnum, confirmation_id, mode))
    throw ApplyRefused(ApplyRefusal::already_applied,
                       "the result was applied already (undo that apply first)");
  // ORCA's P033 refuses insurance actions for 医療扶助 (error 0021): its public expense only.
  if (c->card_classification == "A1" && mode != "pubassist")
    throw ApplyRefused(ApplyRefusal::public_assistance,
                       "a public-assistance result (card class A1) carries no insurance: the "
                       "host refuses " +
                           mode + " (ORCA 0021); apply it with pubassist");
  if (c->card_classification != "A1" && mode == "pubassist")
    throw ApplyRefused(ApplyRefusal::not_assistance,
                       "the result is not public assistance (card class A1)");
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
  InsuranceApplied out;
  host::HostRefusal r = host::HostRefusal::none;
  // Prefill mode: the direct apply below runs to learn what it writes, then is rolled back.
  const bool prefill = prefill_applies(conn, hospnum, mode);
  if (prefill) conn.exec(std::string("SAVEPOINT ") + kPrefillSavepoint);
  if (mode == "pubassist")
    apply_assistance(conn, hospnum, confirmation_id, ptid, today, userid, done, out);
  else if (mode == "nochange")
    r = host::apply_no_change(conn, hospnum, ptid, card, prefer, today, userid, done);
  else if (mode == "change")
    r = host::apply_change(conn, hospnum, ptid, card, prefer, today, userid, done);
  else if (mode == "add")
    r = host::apply_add(conn, hospnum, ptid, card, today, userid, done);
  else
    r = apply_certificates(conn, hospnum, confirmation_id, mode, ptid, card, dates, prefer, today,
                           userid, done);
  if (r != host::HostRefusal::none) throw host_refusal(r, mode);
  if (prefill)
    return keep_prefill(conn, hospnum, confirmation_id, ptid, mode, userid, before, done);

  store::mark_applied(conn, hospnum, confirmation_id, userid, mode);
  const std::string after = store::with_resolution_image(conn, hospnum, confirmation_id,
                                                         host::images(conn, hospnum, ptid));
  std::string detail = "insurance " + mode + " from result " + std::to_string(confirmation_id) +
                       ": hknid " + std::to_string(done.hknid);
  if (done.ended_hknid)
    detail += ", hknid " + std::to_string(done.ended_hknid) + " ended " + done.ended_on;
  if (done.kohid) detail += ", kohid " + std::to_string(done.kohid);
  if (done.hkncombinum) detail += ", combination " + std::to_string(done.hkncombinum);
  if (!done.written.empty()) detail += "; " + done.written;
  if (!out.assistance.empty())
    detail += ", public assistance " + out.assistance +
              (out.assistance_combinations.empty()
                   ? std::string()
                   : " (combinations " + out.assistance_combinations + ")");
  out.copay_before = host::copay_state(conn, before, copay_hknid_before(done), today);
  out.copay_after = host::copay_state(conn, after, done.hknid, today);
  if (!(out.copay_before == out.copay_after))
    detail += "; copay " + copay_text(out.copay_before) + " -> " + copay_text(out.copay_after);
  out.audit_id = store::insert_apply(conn, hospnum, userid, ptid, confirmation_id, mode, before,
                                     after, detail);
  out.ptid = ptid;
  out.mode = mode;
  out.hknid = done.hknid;
  out.ended_hknid = done.ended_hknid;
  out.ended_on = done.ended_on;
  out.hkncombinum = done.hkncombinum;
  out.kohid = done.kohid;
  out.written = done.written;
  return out;
}

}  // namespace

InsuranceApplied apply_insurance(db::Connection& conn, int hospnum, long long confirmation_id,
                                 const std::string& mode, const std::string& userid,
                                 std::optional<long long> expected_ptid) {
  if (!insurance_mode(mode) && !certificate_mode(mode) && mode != "pubassist")
    throw ApplyRefused(ApplyRefusal::bad_mode,
                       "mode \"" + mode +
                           "\" is not nochange, change, add, limit, disease, elderly, certs or "
                           "pubassist");
  require_apply_staff(conn, hospnum, userid);
  db::Transaction tx(conn);
  InsuranceApplied out =
      apply_in_transaction(conn, hospnum, confirmation_id, mode, userid, expected_ptid);
  tx.commit();
  return out;
}

std::optional<InsuranceApplied> apply_certificates_automatically(db::Connection& conn, int hospnum,
                                                                 long long confirmation_id) {
  if (!store::auto_certificates(conn, hospnum)) return std::nullopt;
  // Not in a prefill facility (refused by `enable`; a database set by hand): an automatic
  // apply there would only leave a pre-fill nobody asked for in the way of staff.
  if (store::apply_mode_setting(conn, hospnum) == "prefill") return std::nullopt;
  conn.exec("SAVEPOINT onshi_certificates");
  try {
    InsuranceApplied a =
        apply_in_transaction(conn, hospnum, confirmation_id, "certs", kEngineUser, std::nullopt);
    conn.exec("RELEASE SAVEPOINT onshi_certificates");
    return a;
  } catch (const ApplyRefused&) {
    // Nothing to apply (none, registered, expired, ...): staff see the result as it is.
  } catch (const Error& e) {
    // A database error or another failure: the import goes on (a broken connection throws
    // again below); staff can still apply the certificates (onshi-admin apply).
    log::warning("import", msg::kImportDbError,
                 "facility " + std::to_string(hospnum) + ": the certificates of result " +
                     std::to_string(confirmation_id) + " were not applied: " + e.what(),
                 hospnum);
  }
  conn.exec("ROLLBACK TO SAVEPOINT onshi_certificates; RELEASE SAVEPOINT onshi_certificates");
  return std::nullopt;
}

InsuranceUndone undo_insurance_apply(db::Connection& conn, int hospnum, long long apply_id,
                                     const std::string& userid) {
  require_apply_staff(conn, hospnum, userid);
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
