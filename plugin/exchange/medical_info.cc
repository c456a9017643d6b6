// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/medical_info.h"

#include <sys/stat.h>

#include <algorithm>
#include <stdexcept>

#include "db/connection.h"
#include "exchange/consent_withdrawal.h"
#include "exchange/requests.h"
#include "exchange/share.h"
#include "host/insurance.h"
#include "host/patients.h"
#include "host/staff.h"
#include "json/json.h"
#include "model/messages.h"
#include "store/jobs.h"
#include "store/medical_info.h"
#include "store/outage.h"
#include "store/received_files.h"

namespace onshi::exchange {
namespace {

using model::MessageKind;

/// Adds `key` to `o` when the element is present.
void put(json::Object& o, const char* key, const model::Text& t) {
  if (t) o.emplace_back(key, *t);
}

}  // namespace

const MedicalInfoFacts& medical_info_facts(MedicalInfoKind k) {
  // FileCategory (spec 6.1): 1 PDF, 2 XML; 3 drugs + treatment records as PDF, 4 as XML.
  static const MedicalInfoFacts drug{"drug",
                                     "pharmacists",
                                     host::ViewPermission::drug,
                                     "YZKsiquc01req",
                                     "drug information",
                                     "1",
                                     "2",
                                     true,
                                     std::nullopt,
                                     nullptr};
  static const MedicalInfoFacts checkup{"checkup",
                                        "specific_health_checkups",
                                        host::ViewPermission::checkup,
                                        "TKKsiquc01req",
                                        "checkup information",
                                        "1",
                                        "2",
                                        false,
                                        std::nullopt,
                                        nullptr};
  // The card reader asks one question for both (shinryo / yakuzai jouhou): DiagnosisInfoConsFlg.
  // The answer carries the drugs too, so the drug permission is needed as well; its surgery
  // records are kept under OperationInfoConsFlg.
  static const MedicalInfoFacts diagnosis{"diagnosis",
                                          "diagnosis",
                                          host::ViewPermission::diagnosis,
                                          "YZKsiquc01req",
                                          "diagnosis and surgery information",
                                          "3",
                                          "4",
                                          true,
                                          host::ViewPermission::drug,
                                          "operation"};
  switch (k) {
    case MedicalInfoKind::drug:
      return drug;
    case MedicalInfoKind::checkup:
      return checkup;
    case MedicalInfoKind::diagnosis:
      return diagnosis;
  }
  return drug;
}

std::optional<MedicalInfoKind> medical_info_kind(std::string_view name) {
  for (MedicalInfoKind k :
       {MedicalInfoKind::drug, MedicalInfoKind::checkup, MedicalInfoKind::diagnosis})
    if (name == medical_info_facts(k).name) return k;
  return std::nullopt;
}

std::optional<bool> may_view(db::Connection& conn, int hospnum, const std::string& userid,
                             MedicalInfoKind kind) {
  const MedicalInfoFacts& k = medical_info_facts(kind);
  const std::optional<bool> own = host::may_view(conn, hospnum, userid, k.permission);
  if (!own || !*own || !k.also_permission) return own;
  return host::may_view(conn, hospnum, userid, *k.also_permission);
}

bool is_surgery_record(const std::string& treatment_class) {
  return treatment_class == "50";
}

namespace {

void audit(db::Connection& conn, int hospnum, const std::string& userid, const char* action,
           MedicalInfoKind k, long long ptid, std::optional<long long> info_id,
           const std::string& detail) {
  store::insert_audit(conn, hospnum, userid.empty() ? std::string("unknown") : userid, action,
                      medical_info_facts(k).name, ptid, info_id, detail);
}

bool is_month(const std::string& m) {
  return m.size() == 6 && m.find_first_not_of("0123456789") == std::string::npos &&
         m.substr(4, 2) >= "01" && m.substr(4, 2) <= "12";
}

/// "YYYYMMDDHHMMSS" -> "YYYY-MM-DD HH:MM" for messages.
std::string readable(const std::string& t) {
  if (t.size() != 14) return t.empty() ? std::string("unknown") : t;
  return t.substr(0, 4) + "-" + t.substr(4, 2) + "-" + t.substr(6, 2) + " " + t.substr(8, 2) + ":" +
         t.substr(10, 2);
}

/// Keeps [0-9A-Za-z_-] of a patient key for a file name.
std::string file_safe(const std::string& s) {
  std::string out;
  for (char c : s)
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
        c == '_')
      out += c;
  return out.empty() ? std::string("patient") : out;
}

bool exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

/// The kind a job asked for: its payload's info_kind, else the request kind's (older jobs).
MedicalInfoKind job_info_kind(model::MessageKind request_or_result, const std::string& info_kind) {
  if (const std::optional<MedicalInfoKind> k = medical_info_kind(info_kind)) return *k;
  return request_or_result == MessageKind::TKKsiquc01req ||
                 request_or_result == MessageKind::TKKsiquc01res
             ? MedicalInfoKind::checkup
             : MedicalInfoKind::drug;
}

/// One stored drug row.
struct DrugRow {
  std::string month, date, institution_kind, prescribing_kind, institution_name;
  model::Text code, name, quantity, unit, usage, special;
  json::Object detail;
};

/// The drugs of a drug-information answer, from its three sources (claims, dispensing,
/// e-prescriptions).
std::vector<DrugRow> drug_rows(const model::DrugInfoBody& body) {
  std::vector<DrugRow> out;
  for (const model::MeTrMonthInf& m : body.MeTrMonthInf) {
    if (!m.DiDateInfs) continue;
    for (const model::DiDateInf& d : m.DiDateInfs->DiDateInf) {
      if (!d.DrugInfs) continue;
      for (const model::DrugInf& g : d.DrugInfs->DrugInf) {
        DrugRow r{model::text_or_empty(m.MeTrMonth),
                  model::text_or_empty(d.DiDate),
                  model::text_or_empty(m.DiOrg),
                  model::text_or_empty(m.PrIsOrg),
                  model::text_or_empty(m.MeTrDiHNm),
                  g.DrugC,
                  g.DrugN,
                  g.Qua1,
                  g.Unit,
                  g.UsageN,
                  g.SpInst,
                  {}};
        r.detail.emplace_back("source", "claims");
        put(r.detail, "institution_code", m.MeTrDiHCd);
        put(r.detail, "prescriber_code", m.PrlsHCd);
        put(r.detail, "prescriber_name", m.PrlsHNm);
        put(r.detail, "in_out", m.InOut);
        put(r.detail, "prescription_date", d.PrDate);
        put(r.detail, "ingredient", g.IngreN);
        put(r.detail, "times", g.Times);
        put(r.detail, "treatment_class", g.MeTrIdCl);
        out.push_back(std::move(r));
      }
    }
  }
  if (body.CzDiInf)
    for (const model::CzDiMonthInf& m : body.CzDiInf->CzDiMonthInf) {
      auto add = [&](const std::string& date, const model::CzDrugInf& g) {
        DrugRow r{model::text_or_empty(m.CzDiMonth),
                  date,
                  model::text_or_empty(m.CzDiOrg),
                  model::text_or_empty(m.CzPrIsOrg),
                  model::text_or_empty(m.CzMeTrDiHNm),
                  g.CzDrugC,
                  g.CzDrugN,
                  g.CzQua1,
                  g.CzUnit,
                  g.CzUsageN,
                  g.CzSpInst,
                  {}};
        r.detail.emplace_back("source", "dispensing");
        put(r.detail, "institution_code", m.CzMeTrDiHCd);
        put(r.detail, "prescriber_code", m.CzPrlsHCd);
        put(r.detail, "prescriber_name", m.CzPrlsHNm);
        put(r.detail, "ingredient", g.CzIngreN);
        put(r.detail, "times", g.CzTimes);
        put(r.detail, "usage_class", g.CzUsageCl);
        out.push_back(std::move(r));
      };
      if (m.CzDiDateInfs)
        for (const model::CzDiDateInf& d : m.CzDiDateInfs->CzDiDateInf)
          if (d.CzDrugInfs)
            for (const model::CzDrugInf& g : d.CzDrugInfs->CzDrugInf)
              add(model::text_or_empty(d.CzDiDate), g);
      if (m.CzDrugInfs)
        for (const model::CzDrugInf& g : m.CzDrugInfs->CzDrugInf) add("", g);
    }
  if (body.ShPrInf)
    for (const model::ShPrMonthInf& m : body.ShPrInf->ShPrMonthInf) {
      auto add = [&](const std::string& date, const model::ShDrugInf& g) {
        DrugRow r{model::text_or_empty(m.ShPrMonth),
                  date,
                  model::text_or_empty(m.ShPrOrg),
                  model::text_or_empty(m.ShPrIsOrg),
                  model::text_or_empty(m.ShMeTrDiHNm),
                  g.ShDrugC,
                  g.ShDrugN,
                  g.ShQua1,
                  g.ShUnit,
                  g.ShUsageN,
                  g.ShSpInst,
                  {}};
        r.detail.emplace_back("source", "e-prescription");
        put(r.detail, "institution_code", m.ShMeTrDiHCd);
        put(r.detail, "prescriber_code", m.ShPrHCd);
        put(r.detail, "prescriber_name", m.ShPrHNm);
        put(r.detail, "ingredient", g.ShIngreN);
        put(r.detail, "times", g.ShTimes);
        put(r.detail, "usage_class", g.ShUsageCl);
        out.push_back(std::move(r));
      };
      if (m.ShPrDateInfs)
        for (const model::ShPrDateInf& d : m.ShPrDateInfs->ShPrDateInf)
          if (d.ShDrugInfs)
            for (const model::ShDrugInf& g : d.ShDrugInfs->ShDrugInf)
              add(model::text_or_empty(d.ShPrDate), g);
      if (m.ShDrugInfs)
        for (const model::ShDrugInf& g : m.ShDrugInfs->ShDrugInf) add("", g);
    }
  return out;
}

/// Stores the drugs under drug answer `info_id`. @return the rows stored
int store_drug_rows(db::Connection& conn, long long info_id, const std::vector<DrugRow>& out) {
  int rows = 0;
  for (const DrugRow& r : out) {
    auto opt6 = [](const std::string& s, std::size_t n) {
      return s.size() == n ? std::optional<std::string>(s) : std::nullopt;
    };
    store::insert_drug_row(conn, info_id, ++rows,
                           {opt6(r.month, 6), opt6(r.date, 8), r.institution_kind,
                            r.prescribing_kind, r.institution_name, r.code, r.name, r.quantity,
                            r.unit, r.usage, r.special, json::dump(r.detail)});
  }
  return rows;
}

/// The treatment records (MeTrInfs/MeTrInf, FileCategory 3/4) of a drug-information answer,
/// each with its month, day and institution.
std::vector<store::DiagnosisInfoRow> treatment_rows(const model::DrugInfoBody& body) {
  std::vector<store::DiagnosisInfoRow> out;
  for (const model::MeTrMonthInf& m : body.MeTrMonthInf) {
    if (!m.DiDateInfs) continue;
    for (const model::DiDateInf& d : m.DiDateInfs->DiDateInf) {
      if (!d.MeTrInfs) continue;
      for (const model::MeTrInf& t : d.MeTrInfs->MeTrInf) {
        store::DiagnosisInfoRow r;
        const std::string month = model::text_or_empty(m.MeTrMonth);
        const std::string date = model::text_or_empty(d.DiDate);
        if (month.size() == 6) r.treatment_month = month;
        if (date.size() == 8) r.treatment_date = date;
        r.institution_code = m.MeTrDiHCd;
        r.institution_name = m.MeTrDiHNm;
        r.treatment_class = t.MeTrIdCl;
        r.treatment_code = t.SinInfCd;
        r.treatment_name = t.SinInfN;
        r.quantity = t.Qua1;
        r.times = t.Times;
        r.unit = t.Unit;
        r.surgery = is_surgery_record(model::text_or_empty(t.MeTrIdCl));
        json::Object detail;
        put(detail, "institution_kind", m.DiOrg);
        put(detail, "prescribing_kind", m.PrIsOrg);
        put(detail, "in_out", m.InOut);
        r.detail = json::dump(detail);
        out.push_back(std::move(r));
      }
    }
  }
  return out;
}

}  // namespace

const char* medical_refusal_name(MedicalRefusal r) {
  switch (r) {
    case MedicalRefusal::none:
      return "none";
    case MedicalRefusal::unknown_patient:
      return "unknown_patient";
    case MedicalRefusal::unknown_staff:
      return "unknown_staff";
    case MedicalRefusal::no_permission:
      return "no_permission";
    case MedicalRefusal::no_consent:
      return "no_consent";
    case MedicalRefusal::consent_expired:
      return "consent_expired";
    case MedicalRefusal::consent_withdrawn:
      return "consent_withdrawn";
  }
  return "?";
}

const char* medical_refusal_audit_text(MedicalRefusal r) {
  switch (r) {
    case MedicalRefusal::none:
      return "allowed";
    case MedicalRefusal::unknown_patient:
      return "unknown patient";
    case MedicalRefusal::unknown_staff:
      return "unknown staff member";
    case MedicalRefusal::no_permission:
      return "no permission";
    case MedicalRefusal::no_consent:
      return "no consent";
    case MedicalRefusal::consent_expired:
      return "consent expired";
    case MedicalRefusal::consent_withdrawn:
      return "consent withdrawn";
  }
  return "?";
}

MedicalAccess check_medical_access(db::Connection& conn, int hospnum, long long ptid,
                                   MedicalInfoKind kind, const std::string& userid) {
  const MedicalInfoFacts& k = medical_info_facts(kind);
  MedicalAccess a;
  const std::optional<std::string> test = host::test_patient_flag(conn, hospnum, ptid);
  if (!test || *test == "1") {
    a.refusal = MedicalRefusal::unknown_patient;
    a.message = !test ? "no such patient" : "test patients are never sent";
    return a;
  }
  const std::optional<bool> permitted = may_view(conn, hospnum, userid, kind);
  if (!permitted) {
    a.refusal = MedicalRefusal::unknown_staff;
    a.message = "the requesting user is not a staff member of this facility";
    return a;
  }
  if (!*permitted) {
    a.refusal = MedicalRefusal::no_permission;
    a.message = std::string("the staff member is not permitted to view ") + k.label;
    return a;
  }
  // The newest consent of this type given at the card reader (doc/decisions.md 10: flag and
  // available-until as sent, never an assumed 24 hours) or in writing (recorded by staff with
  // its available-until, exchange/written_consent.h).
  const std::optional<store::LatestConsent> c =
      store::latest_consent(conn, hospnum, ptid, k.consent);
  // In a declared disaster (災害時, 002: the ministry names region and period) drug information
  // may be viewed without the patient's consent at the card reader; nothing else may.
  const bool current = c && (c->flag == "1") && c->still_available;
  if (!current && kind == MedicalInfoKind::drug)
    if (const std::optional<store::DisasterDeclaration> d =
            store::disaster_in_force(conn, hospnum)) {
      a.disaster = "since " + d->since + " by " + d->by;
      return a;
    }
  if (!c || (c->flag != "1" && c->flag != "2")) {
    a.refusal = MedicalRefusal::no_consent;
    a.message = std::string("the patient has not consented to sharing ") + k.label +
                " at the card reader or in writing";
    return a;
  }
  a.available_until = c->available_until;
  a.consent_confirmation_id = c->confirmation_id;
  a.consent_written_id = c->written_id;
  if (c->flag == "2" || !c->still_available) {
    a.refusal = MedicalRefusal::consent_expired;
    a.message = std::string("the patient's consent to sharing ") + k.label + " expired (" +
                readable(a.available_until) + ")";
    return a;
  }
  return a;
}

long long queue_medical_info(db::Connection& conn, int hospnum, long long ptid,
                             MedicalInfoKind kind, const std::string& userid,
                             const std::string& month_from, const std::string& month_to,
                             MedicalAccess* access, const std::string& operator_note,
                             const std::string& visit) {
  // Who asked, beyond the staff member named (e.g. the administrator's operating-system account
  // behind `onshi-admin medinfo`): written into every audit row of this request.
  const std::string via = operator_note.empty() ? std::string() : " (" + operator_note + ")";
  if (!month_from.empty() && !is_month(month_from))
    throw Error("month_from must be YYYYMM, not \"" + month_from + "\"");
  if (!month_to.empty() && !is_month(month_to))
    throw Error("month_to must be YYYYMM, not \"" + month_to + "\"");
  if (!month_from.empty() && !month_to.empty() && month_from > month_to)
    throw Error("month_from is after month_to");
  const db::FacilitySettings f = db::load_enabled_facility(conn, hospnum);
  const std::string treatment_flag = medical_treatment_flag(f, visit);
  MedicalAccess a = check_medical_access(conn, hospnum, ptid, kind, userid);
  if (a.allowed())
    if (std::optional<std::string> why = withdrawn_consent(conn, hospnum, ptid, treatment_flag)) {
      a.refusal = MedicalRefusal::consent_withdrawn;
      a.message = *why;
    }
  if (access) *access = a;
  if (!a.allowed()) {
    if (a.refusal != MedicalRefusal::unknown_patient)
      audit(conn, hospnum, userid, "request", kind, ptid, std::nullopt,
            std::string("refused: ") + medical_refusal_audit_text(a.refusal) + via);
    throw MedicalInfoRefused(a);
  }
  store::MedicalInfoJob m;
  m.kind = medical_info_facts(kind).job_kind;
  m.info_kind = medical_info_facts(kind).name;
  m.ptid = ptid;
  m.month_from = month_from;
  m.month_to = month_to;
  m.ptnum = host::patient_number(conn, hospnum, ptid);
  m.format = f.medical_info_format;
  m.consent_confirmation_id = a.consent_confirmation_id;
  m.requested_by = userid;
  m.expires_at = a.available_until;
  m.treatment_flag = treatment_flag;
  const long long job = store::enqueue_medical_info_job(conn, hospnum, m);
  const std::string visit_note =
      treatment_flag == "1" ? std::string()
                            : std::string(" as ") + model::treatment_flag_name(treatment_flag);
  audit(conn, hospnum, userid, "request", kind, ptid, std::nullopt,
        "queued request " + std::to_string(job) + visit_note +
            (a.consent_written_id ? " under written consent " + std::to_string(a.consent_written_id)
                                  : std::string()) +
            (a.disaster.empty() ? std::string()
                                : " without consent under the disaster declaration " + a.disaster) +
            via);
  return job;
}

std::string build_medical_info_request(db::Connection& conn, const db::FacilitySettings& f,
                                       const RequestJob& job) {
  const MessageKind kind = job.kind;
  const long long job_id = job.job.job_id;
  const std::string& key = job.correlation_key;
  if (kind != MessageKind::YZKsiquc01req && kind != MessageKind::TKKsiquc01req)
    throw Error(std::string("not a medical information request kind: ") + model::kind_name(kind));
  const std::optional<store::MedicalInfoRequestJob> j =
      store::medical_info_request_job(conn, job_id, f.medical_info_format);
  if (!j || !j->ptid) throw Error("the request names no patient");
  // The kind asked for (jobs queued before the payload named it: by the request kind).
  const MedicalInfoKind mk = job_info_kind(kind, j->info_kind);
  const MedicalInfoFacts& facts = medical_info_facts(mk);
  const long long ptid = *j->ptid;
  const std::string userid = j->requested_by;
  // Consent may have expired (or permission been withdrawn) since the request was queued.
  const MedicalAccess a = check_medical_access(conn, f.hospnum, ptid, mk, userid);
  if (!a.allowed()) {
    audit(conn, f.hospnum, userid, "request", mk, ptid, std::nullopt,
          std::string("refused at sending: ") + medical_refusal_name(a.refusal) + " (job " +
              std::to_string(job_id) + ")");
    throw Error("refused before sending: " + a.message);
  }
  host::CurrentInsuranceQuery q;
  q.require_number = true;
  const std::optional<host::Insurance> h = host::current_insurance(conn, f.hospnum, ptid, q);
  if (!h) throw Error("the patient has no current insurance to identify them with");

  model::Document doc = model::Document::make(kind);
  doc.encoding = request_encoding(f);
  model::MessageHeader& hd = doc.header;
  hd.MedicalInstitutionCode = f.institution_code;
  // The patient keys sit in the header under the YZK/TKK names (spec 6.1).
  hd.InsurerNumber = h->insurer;
  if (h->symbol) hd.InsuranceCardSymbol = *h->symbol;
  hd.InsuredPersonIdentificationNumber = h->number;
  if (h->branch) hd.BranchNumber = *h->branch;
  hd.ArbitraryFileIdentifier = key;
  auto& body = doc.as<model::MedicalInfoRequestBody>();
  if (facts.months) {
    std::string to = j->month_to, from = j->month_from;
    if (to.empty()) to = j->this_month;
    if (from.empty()) from = std::min(j->five_months_ago, to);
    body.StartDate = from;
    body.EndDate = to;
  }
  body.FileCategory = j->format == "pdf" ? facts.file_category_pdf : facts.file_category_xml;
  body.PrDiInfClassification = "1";
  // The 診療区分 staff gave (checked again: the facility may have stopped using it since, or
  // the patient's home-visit consent been withdrawn).
  try {
    body.MedicalTreatmentFlag = medical_treatment_flag(f, j->treatment_flag);
  } catch (const MedicalVisitRefused& e) {
    throw Error(std::string("refused before sending: ") + e.what());
  }
  if (std::optional<std::string> why =
          withdrawn_consent(conn, f.hospnum, ptid, *body.MedicalTreatmentFlag)) {
    audit(
        conn, f.hospnum, userid, "request", mk, ptid, std::nullopt,
        std::string("refused at sending: consent_withdrawn (job ") + std::to_string(job_id) + ")");
    throw Error("refused before sending: " + *why);
  }
  return encode_request_document(doc, f);
}

std::string medical_treatment_flag(const db::FacilitySettings& f, const std::string& visit) {
  const std::string code = visit.empty() ? "1" : model::treatment_flag_of(visit);
  if (code.empty())
    throw MedicalVisitRefused(true,
                              "the visit type must be outpatient, homevisit, online or "
                              "emergency (MedicalTreatmentFlag 1-4), not \"" +
                                  visit + "\"");
  if (code == "2" && !f.home_visit)
    throw MedicalVisitRefused(false, "facility " + std::to_string(f.hospnum) +
                                         " does not use home-visit care (onshi-admin enable "
                                         "--home-visit yes)");
  if (code == "3" && !f.online_care)
    throw MedicalVisitRefused(false, "facility " + std::to_string(f.hospnum) +
                                         " does not use online care (onshi-admin enable "
                                         "--online-care yes)");
  return code;
}

StoredRows handle_medical_info_result(db::Connection& conn, const ResultFile& file) {
  if (file.kind != MessageKind::YZKsiquc01res && file.kind != MessageKind::TKKsiquc01res)
    throw Error(std::string("not a medical information result: ") + model::kind_name(file.kind));
  const db::FacilitySettings& f = file.facility;
  const model::Document& doc = file.doc;
  const long long job_id = file.job_id, file_id = file.file_id();
  const std::string& file_name = file.name;
  const std::string_view raw = file.raw;
  if (!job_id) return {};  // not ours: kept as a received file only
  const std::optional<store::MedicalInfoAnsweredJob> j =
      store::medical_info_answered_job(conn, job_id);
  if (!j) return {};
  const long long ptid = j->ptid;
  const std::string patient_label =
      host::patient_number(conn, j->hospnum, ptid).value_or(std::to_string(ptid));
  const std::string userid = j->requested_by;
  const bool drug_body = doc.kind == MessageKind::YZKsiquc01res;
  // The kind the job asked for; a result kind that cannot answer it is stored as its own kind.
  MedicalInfoKind mk = job_info_kind(doc.kind, j->info_kind);
  if ((mk == MedicalInfoKind::checkup) == drug_body) mk = job_info_kind(doc.kind, "");
  const MedicalInfoFacts& facts = medical_info_facts(mk);

  std::string result_code = "1", message;
  if (!doc.is_pdf) {
    // ResultCode / MessageContents: header first, the body accepted too (spec 6.2).
    const model::Text& body_code = drug_body ? doc.as<model::DrugInfoBody>().ResultCode
                                             : doc.as<model::CheckupInfoBody>().ResultCode;
    const model::Text& body_msg = drug_body ? doc.as<model::DrugInfoBody>().MessageContents
                                            : doc.as<model::CheckupInfoBody>().MessageContents;
    result_code = doc.header.ResultCode ? *doc.header.ResultCode : model::text_or_empty(body_code);
    message =
        doc.header.MessageContents ? *doc.header.MessageContents : model::text_or_empty(body_msg);
  }
  const bool ok = result_code == "1";

  // The EMR copy (host folder, never the terminal), written before the rows so that its path
  // is stored; named per patient after the result file (a re-import finds it in place).
  std::optional<std::string> copy;
  std::string export_error;
  if (ok && f.emr_dir) {
    const std::string name = file_safe(patient_label) + "_" + facts.name + "_" + file_name;
    const std::string path = *f.emr_dir + "/" + name;
    try {
      if (!exists(path)) {
        ensure_directory(*f.emr_dir);
        copy = write_file_atomically(*f.emr_dir, name, raw);
      } else {
        copy = path;
      }
    } catch (const std::exception& e) {
      export_error = std::string("EMR export failed: ") + e.what();
    }
  }

  // Recorded with the file, so that the retention purge removes the copy with it.
  if (copy && file_id) store::record_emr_copy(conn, file_id, *copy);

  store::MedicalInfo info;
  info.hospnum = f.hospnum;
  info.ptid = ptid;
  info.job_id = job_id;
  info.file_id = file_id;
  info.format = doc.is_pdf ? "pdf" : "xml";
  info.result_code = result_code;
  if (!message.empty())
    info.message = message;
  else if (!export_error.empty())
    info.message = export_error;
  if (doc.is_pdf) info.pdf = doc.pdf;
  if (doc.is_pdf && copy) info.pdf_path = *copy;
  if (facts.months) {
    info.month_from = j->month_from;
    info.month_to = j->month_to;
  }
  // Treatment records; surgery records only under a current operation consent (checked now,
  // as the answer is stored: the consent may have been withdrawn since the request).
  std::vector<store::DiagnosisInfoRow> treatments;
  int withheld = 0;
  if (ok && !doc.is_pdf && drug_body && mk == MedicalInfoKind::diagnosis) {
    treatments = treatment_rows(doc.as<model::DrugInfoBody>());
    bool surgery = false;
    for (const store::DiagnosisInfoRow& t : treatments) surgery = surgery || t.surgery;
    if (surgery && facts.surgery_consent) {
      const std::optional<store::LatestConsent> c =
          store::latest_consent(conn, f.hospnum, ptid, facts.surgery_consent);
      if (!c || c->flag != "1" || !c->still_available) {
        const auto kept =
            std::remove_if(treatments.begin(), treatments.end(),
                           [](const store::DiagnosisInfoRow& t) { return t.surgery; });
        withheld = static_cast<int>(treatments.end() - kept);
        treatments.erase(kept, treatments.end());
      }
    }
    info.surgery_withheld = withheld;
  }
  const store::MedicalTable table = mk == MedicalInfoKind::drug ? store::MedicalTable::drug
                                    : mk == MedicalInfoKind::checkup
                                        ? store::MedicalTable::checkup
                                        : store::MedicalTable::diagnosis;
  const long long info_id = store::insert_medical_info(conn, table, info);

  int rows = 0;
  std::string extra;
  if (ok && !doc.is_pdf && drug_body) {
    const std::vector<DrugRow> drugs = drug_rows(doc.as<model::DrugInfoBody>());
    if (mk == MedicalInfoKind::drug) {
      rows = store_drug_rows(conn, info_id, drugs);
    } else {
      for (const store::DiagnosisInfoRow& t : treatments)
        store::insert_diagnosis_row(conn, info_id, ++rows, t);
      // The drugs of the same answer, as drug information (the request needed that permission).
      store::MedicalInfo d = info;
      d.surgery_withheld = 0;
      const long long drug_id = store::insert_medical_info(conn, store::MedicalTable::drug, d);
      const int n = store_drug_rows(conn, drug_id, drugs);
      audit(conn, f.hospnum, userid, "receive", MedicalInfoKind::drug, ptid, drug_id,
            "received XML (" + std::to_string(n) + " rows) with diagnosis information " +
                std::to_string(info_id) + " for job " + std::to_string(job_id));
      extra =
          ", " + std::to_string(n) + " drug rows as drug information " + std::to_string(drug_id);
      if (withheld)
        extra += ", " + std::to_string(withheld) +
                 " surgery records withheld (no current operation consent)";
    }
  } else if (ok && !doc.is_pdf) {
    for (const model::SpecificHealthCheckupInfo& c :
         doc.as<model::CheckupInfoBody>().SpecificHealthCheckupInfo) {
      if (!c.HealthCheckupResultAndQuestionInfos) continue;
      for (const auto& i :
           c.HealthCheckupResultAndQuestionInfos->HealthCheckupResultAndQuestionInfo) {
        json::Object detail;
        put(detail, "data_type", i.DataType);
        put(detail, "oid", i.Oid);
        const std::string date = model::text_or_empty(c.EffectiveTime).substr(0, 8);
        store::insert_checkup_row(
            conn, info_id, ++rows,
            {date.size() == 8 ? std::optional<std::string>(date) : std::nullopt, i.ItemCode,
             i.ItemName, i.DataValue, i.Unit, i.DataValueName, json::dump(detail)});
      }
    }
  }
  std::string detail = ok ? std::string("received ") + (doc.is_pdf ? "PDF" : "XML") + " (" +
                                std::to_string(rows) + " rows)"
                          : "received refusal (ResultCode " + result_code + ")";
  detail += extra;
  if (copy) detail += ", EMR copy written";
  if (!export_error.empty()) detail += ", EMR copy failed";
  audit(conn, f.hospnum, userid, "receive", mk, ptid, info_id,
        detail + " for job " + std::to_string(job_id));
  return {};
}

}  // namespace onshi::exchange
