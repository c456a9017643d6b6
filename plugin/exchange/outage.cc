// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/outage.h"

#include <optional>

#include "common/clock.h"
#include "db/connection.h"
#include "db/facility.h"
#include "db/transaction.h"
#include "exchange/qualification.h"
#include "exchange/requests.h"
#include "host/patients.h"
#include "model/validate.h"
#include "store/medical_info.h"
#include "text/normalize.h"

namespace onshi::exchange {

namespace {

/// "YYYY-MM-DD HH:MM:SS" of the end of day `yyyymmdd` (the start of the next), for a timestamp.
std::string end_of_day(const std::string& yyyymmdd) {
  return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2) +
         " 23:59:59.999999";
}

}  // namespace

long long record_outage_statement(db::Connection& conn, store::OutageStatement s,
                                  const std::string& staff) {
  if (staff.empty())
    throw OutageRefused(OutageRefusal::staff,
                        "the staff member recording the statement is required");
  s.name = text::fold_spaces(s.name);
  if (s.name.empty())
    throw OutageRefused(OutageRefusal::name, "the name (as on the card) is required");
  if (s.sex != "1" && s.sex != "2")
    throw OutageRefused(OutageRefusal::sex, "sex must be 1 (male) or 2 (female)");
  if (s.visit_date.empty()) s.visit_date = local_date8();
  if (!model::is_valid_date8(s.visit_date))
    throw OutageRefused(
        OutageRefusal::visit_date,
        "the visit date must be a real date YYYYMMDD, not \"" + s.visit_date + "\"");
  if (s.visit_date > local_date8())
    throw OutageRefused(OutageRefusal::visit_date, "the visit date is in the future");
  if (!model::is_valid_date8(s.birthdate))
    throw OutageRefused(OutageRefusal::birthdate,
                        "the birthdate must be a real date YYYYMMDD, not \"" + s.birthdate + "\"");
  if (s.birthdate > s.visit_date)
    throw OutageRefused(OutageRefusal::birthdate, "the birthdate is after the visit date");
  s.recorded_by = staff;
  db::Transaction tx(conn);
  if (s.ptid) {
    const std::optional<std::string> test = host::test_patient_flag(conn, s.hospnum, *s.ptid);
    if (!test) throw OutageRefused(OutageRefusal::patient, "no such patient in the facility");
  }
  const long long id = store::insert_outage_statement(conn, s);
  store::insert_audit(
      conn, s.hospnum, staff, "change", "outage", s.ptid, id,
      "recorded outage statement " + std::to_string(id) + " for the visit of " + s.visit_date);
  tx.commit();
  return id;
}

bool link_outage_statement(db::Connection& conn, int hospnum, long long statement_id,
                           long long ptid, const std::string& staff) {
  db::Transaction tx(conn);
  if (!host::test_patient_flag(conn, hospnum, ptid))
    throw OutageRefused(OutageRefusal::patient, "no such patient in the facility");
  if (!store::link_outage_statement(conn, hospnum, statement_id, ptid)) return false;
  store::insert_audit(conn, hospnum, staff, "change", "outage", ptid, statement_id,
                      "linked outage statement " + std::to_string(statement_id) + " to a patient");
  tx.commit();
  return true;
}

bool cancel_outage_statement(db::Connection& conn, int hospnum, long long statement_id,
                             const std::string& staff) {
  db::Transaction tx(conn);
  if (!store::cancel_outage_statement(conn, hospnum, statement_id)) return false;
  store::insert_audit(conn, hospnum, staff, "change", "outage", std::nullopt, statement_id,
                      "cancelled outage statement " + std::to_string(statement_id));
  tx.commit();
  return true;
}

OutageRecheckPass recheck_outage_statements(db::Connection& conn, const db::FacilitySettings& f,
                                            bool force, int limit) {
  OutageRecheckPass pass;
  // Every queue pass asks: one indexed look while no statement is open.
  if (!store::outage_statements_open(conn, f.hospnum)) return pass;
  db::Transaction tx(conn);
  pass.answered = store::settle_outage_answers(conn, f.hospnum);
  for (const store::OutageRecheck& r :
       store::claim_outage_rechecks(conn, f.hospnum, force, limit)) {
    try {
      // A savepoint per statement: a refused one must not undo the others' jobs.
      conn.exec("SAVEPOINT onshi_outage");
      const long long job = queue_qualification_check(conn, f.hospnum, r.ptid, std::nullopt,
                                                      r.visit_date, "outage re-check");
      conn.exec("RELEASE SAVEPOINT onshi_outage");
      store::mark_outage_queued(conn, r.statement_id, job);
      ++pass.queued;
    } catch (const EnqueueError& e) {
      conn.exec("ROLLBACK TO SAVEPOINT onshi_outage");
      store::mark_outage_staff(conn, r.statement_id, e.what());
      ++pass.staff;
    }
  }
  tx.commit();
  return pass;
}

std::vector<std::string> outage_changes(const store::OutageStatement& s) {
  std::vector<std::string> out;
  if (s.state != "answered" || !s.confirmation_id) return out;
  if (!s.result_name.empty() && !text::has_unrepresentable_mark(s.result_name) &&
      text::name_match_key(s.result_name) != text::name_match_key(s.name))
    out.push_back("name");
  if (!s.name_kana.empty() && !s.result_kana.empty() &&
      text::name_match_key(s.result_kana) != text::name_match_key(s.name_kana))
    out.push_back("kana");
  if (!s.result_sex.empty() && s.result_sex != s.sex) out.push_back("sex");
  if (!s.result_birthdate.empty() && s.result_birthdate != s.birthdate) out.push_back("birthdate");
  if (s.validity != "1" && s.validity != "6") out.push_back("validity");
  if (s.link_state != "linked") out.push_back("patient");
  return out;
}

void declare_disaster(db::Connection& conn, int hospnum, const std::string& staff,
                      const std::string& reason, const std::string& until) {
  if (staff.empty())
    throw OutageRefused(OutageRefusal::staff,
                        "the staff member declaring the disaster is required");
  if (text::fold_spaces(reason).empty())
    throw OutageRefused(OutageRefusal::reason,
                        "the reason (the ministry's notice: region and period) is required");
  if (!until.empty() && !model::is_valid_date8(until))
    throw OutageRefused(OutageRefusal::until,
                        "--until must be a real date YYYYMMDD, not \"" + until + "\"");
  if (!until.empty() && until < local_date8())
    throw OutageRefused(OutageRefusal::until, "--until is in the past");
  db::Transaction tx(conn);
  db::load_enabled_facility(conn, hospnum);
  store::declare_disaster(conn, hospnum, staff, reason, until.empty() ? "" : end_of_day(until));
  store::insert_audit(
      conn, hospnum, staff, "change", "disaster", std::nullopt, std::nullopt,
      "declared a disaster" + (until.empty() ? std::string() : " until " + until) + ": " + reason);
  tx.commit();
}

bool end_disaster(db::Connection& conn, int hospnum, const std::string& staff) {
  db::Transaction tx(conn);
  const bool ended = store::end_disaster(conn, hospnum);
  if (ended)
    store::insert_audit(conn, hospnum, staff, "change", "disaster", std::nullopt, std::nullopt,
                        "ended the disaster declaration");
  tx.commit();
  return ended;
}

}  // namespace onshi::exchange
