// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/auto_check.h"

#include <exception>

#include "common/clock.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/transaction.h"
#include "exchange/qualification.h"
#include "exchange/requests.h"
#include "host/confirmation.h"
#include "host/insurance.h"
#include "host/patients.h"
#include "host/reception.h"
#include "store/auto_check.h"
#include "text/normalize.h"

namespace onshi::exchange {
namespace {

/// Who the automatic checks' requests are requested by (onshi_job.requested_by).
constexpr char kRequestedBy[] = "onshi-auto";
/// Receptions looked at per statement of the engine's own look.
constexpr int kScanBatch = 200;

/// Applies a valid pre-check result to the host on its day, when it still describes the
/// patient's coverage that day (a card changed since the evening is asked about again).
/// @return a note of what was confirmed, nullopt when it does not apply
std::optional<std::string> apply_bulk_result(db::Connection& conn, int hospnum, long long ptid,
                                             const std::string& day, const store::BulkResult& b) {
  const host::Stamp stamp{local_date8(), local_time6()};
  const std::string insurer(text::strip_insurer_padding(b.insurer));
  if (b.card_classification == "A1") {  // public assistance: payer and recipient numbers
    const std::optional<host::PublicAssistance> pa =
        host::current_public_assistance(conn, hospnum, ptid, day);
    if (!pa || pa->payer != insurer || pa->recipient != text::card_key(b.number))
      return std::nullopt;
    if (!host::confirm_public_expense(conn, hospnum, ptid, day, insurer, b.number, stamp))
      return std::nullopt;
    return "kohid " + std::to_string(pa->kohid);
  }
  host::CurrentInsuranceQuery q;
  q.date = day;
  const std::optional<host::Insurance> ins = host::current_insurance(conn, hospnum, ptid, q);
  if (!ins) return std::nullopt;
  const bool same_row =
      b.hknid
          ? ins->hknid == b.hknid
          : ins->insurer == insurer && text::card_key(ins->number) == text::card_key(b.number) &&
                text::card_key(ins->symbol.value_or("")) == text::card_key(b.symbol);
  if (!same_row) return std::nullopt;
  host::InsuranceConfirmation c;
  c.date = day;
  c.hknid = ins->hknid;
  const std::optional<int> hknid = host::confirm_insurance(conn, hospnum, ptid, c, stamp);
  if (!hknid) return std::nullopt;
  return "hknid " + std::to_string(*hknid);
}

/// Settles one reception. @return the check to record, nullopt when no switch applied
std::optional<store::AutoCheck> decide(db::Connection& conn, const db::FacilitySettings& f,
                                       const store::AutoCheckSettings& s, long long ptid,
                                       const std::string& day) {
  const int hospnum = f.hospnum;
  if (s.face)
    if (auto c = store::recent_check_in(conn, hospnum, ptid, day, s.face_minutes))
      return store::AutoCheck{"face", c->confirmation_id, std::nullopt,
                              c->valid ? "" : "the check-in's result was not valid"};
  if (store::confirmed_by_result(conn, hospnum, ptid, day) ||
      host::insurance_confirmed_on(conn, hospnum, ptid, day))
    return store::AutoCheck{"confirmed", std::nullopt, std::nullopt, ""};
  if (s.bulk)
    if (auto b = store::valid_bulk_result(conn, hospnum, ptid, day))
      if (auto note = apply_bulk_result(conn, hospnum, ptid, day, *b))
        return store::AutoCheck{"bulk", b->confirmation_id, std::nullopt, *note};
  if (s.request) {
    try {
      const long long job =
          queue_qualification_check(conn, hospnum, ptid, std::nullopt, day, kRequestedBy);
      return store::AutoCheck{"request", std::nullopt, job, ""};
    } catch (const EnqueueError& e) {
      return store::AutoCheck{"refused", std::nullopt, std::nullopt, e.what()};
    }
  }
  return std::nullopt;
}

void count(AutoCheckPass& p, const std::string& source) {
  if (source == "face") ++p.face;
  if (source == "confirmed") ++p.confirmed;
  if (source == "bulk") ++p.bulk;
  if (source == "request") ++p.requests;
  if (source == "refused") ++p.refused;
}

}  // namespace

AutoCheckPass run_auto_checks(db::Connection& conn, const db::FacilitySettings& facility) {
  AutoCheckPass pass;
  const int hospnum = facility.hospnum;
  const store::AutoCheckSettings settings = store::auto_check_settings(conn, hospnum);
  const std::string today = local_date8();
  long long after = 0;  // past the receptions left for a later pass
  for (;;) {
    db::Transaction tx(conn);
    const std::optional<store::ReceptionEvent> e =
        store::next_reception_event(conn, hospnum, after);
    if (!e) break;
    after = e->event_id;
    if (settings.face && e->day == today && e->age_ms < kFaceGraceMs &&
        !store::recent_check_in(conn, hospnum, e->ptid, today, settings.face_minutes)) {
      tx.rollback();
      ++pass.deferred;
      continue;
    }
    ++pass.receptions;
    std::optional<store::AutoCheck> check;
    try {
      if (e->day == today && settings.any() && !store::auto_check_of(conn, hospnum, e->ptid, today))
        check = decide(conn, facility, settings, e->ptid, today);
      if (check && !store::record_auto_check(conn, hospnum, e->ptid, today, e->ukeid, *check)) {
        // Another engine settled the patient meanwhile: its check stands, ours is undone.
        tx.rollback();
        store::mark_handled(conn, e->event_id);
        ++pass.skipped;
        continue;
      }
    } catch (const db::DbError& err) {
      if (db::connection_broken(err, &conn)) throw;
      // Never a reception that fails every pass: it is handled (and the failure reported).
      tx.rollback();
      store::mark_handled(conn, e->event_id);
      throw;
    } catch (const std::exception&) {  // the facility disabled meanwhile, ...
      tx.rollback();
      store::mark_handled(conn, e->event_id);
      throw;
    }
    store::mark_handled(conn, e->event_id);
    tx.commit();
    if (check)
      count(pass, check->source);
    else
      ++pass.skipped;
  }
  return pass;
}

ReceivedState queue_received_patient(db::Connection& conn, int hospnum, long long ptid,
                                     const std::string& day, long long ukeid, bool queue) {
  ReceivedState out;
  db::Transaction tx(conn);
  if (!host::test_patient_flag(conn, hospnum, ptid)) throw ReceivedRefused("no such patient");
  if (day != local_date8()) throw ReceivedRefused("only today's receptions are checked");
  if (std::optional<store::AutoCheck> c = store::auto_check_of(conn, hospnum, ptid, day)) {
    out.state = "checked";
    out.check = *c;
  } else if (store::reception_waiting(conn, hospnum, ptid, day)) {
    out.state = "waiting";
  } else if (!store::auto_check_settings(conn, hospnum).any()) {
    out.state = "off";
  } else if (!queue) {
    out.state = "none";
  } else {
    store::queue_receptions(conn, hospnum, day, {{ukeid, ptid}}, "hook");
    // The engine listens (as for the trigger's rows); delivered at the commit.
    conn.exec("SELECT pg_notify($1, $2)",
              {std::string(store::kReceptionChannel), std::to_string(hospnum)});
    out.state = "queued";
  }
  tx.commit();
  return out;
}

int scan_receptions(db::Connection& conn, const db::FacilitySettings& facility,
                    long long& after_ukeid) {
  const std::string today = local_date8();
  int queued = 0;
  for (;;) {
    const std::vector<host::ReceptionRow> rows =
        host::receptions_after(conn, facility.hospnum, today, after_ukeid, kScanBatch);
    if (rows.empty()) break;
    std::vector<std::pair<long long, long long>> found;
    for (const host::ReceptionRow& r : rows) found.emplace_back(r.ukeid, r.ptid);
    queued += store::queue_receptions(conn, facility.hospnum, today, found, "scan");
    after_ukeid = rows.back().ukeid;
    if (static_cast<int>(rows.size()) < kScanBatch) break;
  }
  return queued;
}

}  // namespace onshi::exchange
