// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/new_patient.h"

#include "db/connection.h"
#include "host/patient_registration.h"
#include "json/json.h"

namespace onshi::host {
namespace {

std::string member(const json::Value* obj, const char* key) {
  if (!obj) return {};
  const json::Value* v = obj->find(key);
  return v && v->is_string() ? v->as_string() : std::string();
}

}  // namespace

std::optional<NewPatient> create_patient_from_proposal(db::Connection& conn, int hospnum,
                                                       long long confirmation_id,
                                                       const std::string& op,
                                                       const std::string& day,
                                                       const std::string& /*time*/) {
  db::Result r = conn.exec(
      "SELECT new_patient_proposal::text AS proposal, coalesce(contribution_ratio, '') AS ratio "
      "FROM onshi_confirmation WHERE hospnum = $1::integer AND confirmation_id = $2::bigint "
      "  AND new_patient_proposal IS NOT NULL",
      {hospnum, confirmation_id});
  if (r.rows() == 0) return std::nullopt;
  const json::Value proposal = json::parse(r.text(0, r.column("proposal")));
  const json::Value* ins = proposal.find("insurance");
  PatientFromResult p;
  p.name = member(&proposal, "name");
  p.kananame = member(&proposal, "kananame");
  p.sex = member(&proposal, "sex");
  p.birthday = member(&proposal, "birthday");
  p.post = member(&proposal, "home_post");
  p.address = member(&proposal, "home_adrs");
  p.card_class = member(ins, "card_classification");
  p.insurer = member(ins, "hknjanum");
  p.has_insurance = !p.insurer.empty() && p.card_class != "A1";
  p.symbol = member(ins, "kigo");
  p.number = member(ins, "num");
  p.branch = member(ins, "edaban");
  p.family = member(ins, "honkzkkbn");
  p.insured_name = member(ins, "hihknjaname");
  p.acquired = member(ins, "skkgetymd");
  p.valid_from = member(ins, "tekstymd");
  p.valid_to = member(ins, "tekedymd");
  p.copay_rate = member(ins, "ftnrate");
  if (p.copay_rate.empty()) p.copay_rate = r.text(0, r.column("ratio"));
  const CreatedPatient made = create_patient(conn, hospnum, p, day, op);
  return NewPatient{made.ptid, made.ptnum, made.substituted};
}

}  // namespace onshi::host
