// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/new_patient.h"

#include "db/connection.h"
#include "db/db_error.h"
#include "exchange/insurance_apply.h"
#include "exchange/prefill.h"
#include "host/insurance_apply.h"
#include "host/prefill.h"
#include "json/json.h"
#include "store/confirmations.h"
#include "store/prefill.h"
#include "store/public_assistance.h"

namespace onshi::exchange {

std::optional<host::PatientFromResult> patient_from_result(db::Connection& conn, int hospnum,
                                                           long long confirmation_id) {
  const std::optional<store::NewPatientProposal> found =
      store::new_patient_proposal(conn, hospnum, confirmation_id);
  if (!found) return std::nullopt;
  const json::Value proposal = json::parse(found->proposal);
  // Its insurance (none: a null value, whose members are all "").
  static const json::Value kNone;
  const json::Value* found_ins = proposal.find("insurance");
  const json::Value& ins = found_ins ? *found_ins : kNone;
  host::PatientFromResult p;
  p.name = proposal.string_at("name");
  p.kananame = proposal.string_at("kananame");
  p.sex = proposal.string_at("sex");
  p.birthday = proposal.string_at("birthday");
  p.post = proposal.string_at("home_post");
  p.address = proposal.string_at("home_adrs");
  p.card_class = ins.string_at("card_classification");
  p.insurer = ins.string_at("hknjanum");
  p.has_insurance = !p.insurer.empty() && p.card_class != "A1";
  p.symbol = ins.string_at("kigo");
  p.number = ins.string_at("num");
  p.branch = ins.string_at("edaban");
  p.family = ins.string_at("honkzkkbn");
  p.insured_name = ins.string_at("hihknjaname");
  p.acquired = ins.string_at("skkgetymd");
  p.valid_from = ins.string_at("tekstymd");
  p.valid_to = ins.string_at("tekedymd");
  p.copay_rate = found->contribution_ratio;
  if (p.card_class == "A1") {
    // 医療扶助: the payer and recipient numbers, the qualification's dates and the tickets.
    p.public_assistance = true;
    if (const std::optional<store::AssistanceQualification> q =
            store::assistance_qualification(conn, hospnum, confirmation_id)) {
      p.assistance.payer = q->payer;
      p.assistance.recipient = q->recipient;
      p.assistance.qualified = q->qualified;
      p.assistance.disqualified = q->disqualified;
      for (const store::MedicalTicket& t : q->tickets)
        p.assistance.tickets.emplace_back(t.valid_start, t.valid_end);
    }
  }
  return p;
}

NewPatientPrefill prefill_new_patient(db::Connection& conn, int hospnum, long long confirmation_id,
                                      const host::PatientFromResult& patient,
                                      const std::string& today, const std::string& userid) {
  refuse_pending_prefill(conn, hospnum, confirmation_id);
  NewPatientPrefill out;
  conn.exec(std::string("SAVEPOINT ") + kPrefillSavepoint);
  std::string proposal;
  try {
    out.proposed = host::create_patient(conn, hospnum, patient, today, userid.substr(0, 16));
    proposal = host::new_patient_proposal(conn, hospnum, out.proposed.ptid,
                                          host::images(conn, hospnum, out.proposed.ptid),
                                          out.proposed.hknid);
  } catch (...) {
    conn.exec(std::string("ROLLBACK TO SAVEPOINT ") + kPrefillSavepoint);
    throw;
  }
  // Nothing of it stays: registration numbers and writes the patient itself.
  conn.exec(std::string("ROLLBACK TO SAVEPOINT ") + kPrefillSavepoint);
  out.proposed.ptid = 0;
  out.proposed.ptnum.clear();
  try {
    out.prefill_id = store::insert_prefill(conn, hospnum, confirmation_id, 0, kNewPatientMode,
                                           proposal, "{}", userid);
  } catch (const db::UniqueViolation&) {
    throw ApplyRefused(ApplyRefusal::prefill_pending, "the result has a pending pre-fill");
  }
  return out;
}

}  // namespace onshi::exchange
