// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/consent_withdrawal.h"

#include "db/connection.h"
#include "db/transaction.h"
#include "exchange/requests.h"
#include "host/insurance.h"
#include "host/patients.h"
#include "model/messages.h"
#include "model/validate.h"
#include "store/consent_withdrawal.h"
#include "store/jobs.h"
#include "store/medical_info.h"
#include "text/normalize.h"

namespace onshi::exchange {
namespace {

model::Document request_document(const db::FacilitySettings& f, const store::ConsentWithdrawal& w,
                                 const std::string& key) {
  model::Document doc = model::Document::make(model::MessageKind::OQSsihvd01req);
  doc.encoding = request_encoding(f);
  doc.header.MedicalInstitutionCode = f.institution_code;
  doc.header.ArbitraryFileIdentifier = key;
  model::QualificationConfirmSearchInfo s;
  s.InsurerNumber = w.insurer_number;  // the writer pads a 6-digit number (doc/decisions.md 5)
  if (w.card_symbol && !w.card_symbol->empty()) s.InsuredCardSymbol = *w.card_symbol;
  s.InsuredIdentificationNumber = w.card_number;
  s.InsuredBranchNumber = w.branch_number.value_or("");  // unknown: empty, never invented
  s.Birthdate = w.birthdate;
  s.MedicalTreatmentFlag = "2";  // 訪問診療等: the withdrawal exists for home-visit care only
  doc.as<model::QualificationRequestBody>().QualificationConfirmSearchInfo = std::move(s);
  return doc;
}

void audit(db::Connection& conn, int hospnum, const std::string& userid, const char* action,
           long long ptid, const std::string& detail) {
  store::insert_audit(conn, hospnum, userid.empty() ? "onshi-exchanged" : userid, action, "consent",
                      ptid, std::nullopt, detail);
}

/// True when the echo (when there is one) names the card that was sent.
bool echo_matches(const model::QualificationConfirmSearchInfo* echo,
                  const store::ConsentWithdrawal& w) {
  if (!echo) return true;
  auto same = [](const model::Text& t, const std::optional<std::string>& v) {
    return text::card_key(model::text_or_empty(t)) == text::card_key(v.value_or(""));
  };
  return text::strip_insurer_padding(model::text_or_empty(echo->InsurerNumber)) ==
             text::strip_insurer_padding(w.insurer_number) &&
         same(echo->InsuredIdentificationNumber, w.card_number) &&
         same(echo->InsuredCardSymbol, w.card_symbol) &&
         same(echo->InsuredBranchNumber, w.branch_number);
}

}  // namespace

const char* withdrawal_refusal_name(WithdrawalRefusal r) {
  switch (r) {
    case WithdrawalRefusal::no_patient:
      return "no_patient";
    case WithdrawalRefusal::test_patient:
      return "test_patient";
    case WithdrawalRefusal::no_insurance:
      return "no_insurance";
    case WithdrawalRefusal::invalid_data:
      return "invalid_data";
    case WithdrawalRefusal::busy:
      return "busy";
    case WithdrawalRefusal::not_used:
      return "not_used";
  }
  return "refused";
}

QueuedWithdrawal queue_consent_withdrawal(db::Connection& conn, int hospnum, long long ptid,
                                          std::optional<int> hknid, const std::string& userid) {
  using R = WithdrawalRefusal;
  const db::FacilitySettings f = db::load_enabled_facility(conn, hospnum);
  store::fail_given_up_withdrawals(conn, hospnum);
  const std::optional<std::string> ptnum = host::patient_number(conn, hospnum, ptid);
  const std::string who = "patient " + ptnum.value_or("ptid " + std::to_string(ptid));
  auto refuse = [&](R reason, const std::string& why) {
    if (reason != R::no_patient)
      audit(conn, hospnum, userid, "refused", ptid,
            std::string("withdrawal refused: ") + withdrawal_refusal_name(reason));
    throw ConsentWithdrawalRefused(reason, why);
  };
  if (!f.home_visit)
    refuse(R::not_used, "facility " + std::to_string(hospnum) +
                            " does not use home-visit care (onshi-admin enable --home-visit yes)");
  const std::optional<host::RequestPatient> p = host::request_patient(conn, hospnum, ptid);
  if (!p) refuse(R::no_patient, "facility " + std::to_string(hospnum) + " has no such patient");
  if (p->test_flag == "1")
    refuse(R::test_patient, who + " is a test patient: never sent to the national system");
  std::optional<host::Insurance> h;
  if (hknid) {
    h = host::insurance_by_id(conn, hospnum, ptid, *hknid);
    if (!h || h->deleted)
      refuse(R::no_insurance,
             who + " has no insurance " + std::to_string(*hknid) + (h ? " (it is deleted)" : ""));
  } else {
    host::CurrentInsuranceQuery q;
    q.require_number = true;
    h = host::current_insurance(conn, hospnum, ptid, q);
    if (!h) refuse(R::no_insurance, who + " has no current insurance with an insured number");
  }
  if (h->insurer.empty() || h->number.empty())
    refuse(R::no_insurance, "insurance " + std::to_string(h->hknid) + " of " + who +
                                " has no insurer or insured number");
  if (!model::is_valid_date8(p->birthday)) refuse(R::invalid_data, who + " has no valid birthdate");
  if (store::has_open_withdrawal(conn, hospnum, ptid))
    refuse(R::busy, "a withdrawal of " + who + "'s consent is waiting for its answer");
  store::ConsentWithdrawal w;
  w.hospnum = hospnum;
  w.ptid = ptid;
  w.hknid = h->hknid;
  w.insurer_number = h->insurer;
  w.card_symbol = h->symbol;
  w.card_number = h->number;
  w.branch_number = h->branch;
  w.birthdate = p->birthday;
  w.requested_by = userid;
  try {  // refuse now what could never be sent
    encode_request_document(request_document(f, w, correlation_key(hospnum, 1, 1)), f);
  } catch (const Error& e) {
    refuse(R::invalid_data, who + " cannot be sent: " + e.what());
  }
  QueuedWithdrawal out;
  db::Transaction tx(conn);
  out.job_id = store::enqueue_withdrawal_job(conn, hospnum, ptid, h->hknid, userid);
  w.job_id = out.job_id;
  out.withdrawal_id = store::insert_withdrawal(conn, w);
  audit(conn, hospnum, userid, "request", ptid,
        "withdrawal " + std::to_string(out.withdrawal_id) + " queued (job " +
            std::to_string(out.job_id) + ", insurance " + std::to_string(h->hknid) + ")");
  tx.commit();
  return out;
}

std::string build_consent_withdrawal_request(db::Connection& conn, const db::FacilitySettings& f,
                                             const RequestJob& job) {
  if (job.kind != model::MessageKind::OQSsihvd01req)
    throw Error(std::string("not a consent withdrawal: ") + model::kind_name(job.kind));
  if (!f.home_visit)
    throw Error("facility " + std::to_string(f.hospnum) +
                " no longer uses home-visit care (onshi-admin enable --home-visit yes)");
  const std::optional<store::ConsentWithdrawal> w =
      store::lock_withdrawal_of_job(conn, job.job.job_id);
  if (!w) throw Error("the request belongs to no consent withdrawal");
  if (w->state != "pending") throw Error("the withdrawal is closed already (" + w->state + ")");
  return encode_request_document(request_document(f, *w, job.correlation_key), f);
}

std::optional<std::string> withdrawn_consent(db::Connection& conn, int hospnum, long long ptid,
                                             const std::string& treatment_flag) {
  if (treatment_flag != "2") return std::nullopt;  // withdrawals exist for home visits only
  const std::optional<store::ConsentWithdrawal> w = store::withdrawal_in_force(conn, hospnum, ptid);
  if (!w) return std::nullopt;
  return "the patient's consent to view for home-visit care was withdrawn on " +
         w->updated_at.substr(0, 10) + " (withdrawal " + std::to_string(w->withdrawal_id) +
         "); a newer consent must arrive first (the consented-information bulk)";
}

StoredRows handle_consent_withdrawal_result(db::Connection& conn, const ResultFile& file) {
  if (file.kind != model::MessageKind::OQSsihvd01res)
    throw Error(std::string("not a consent withdrawal result: ") + model::kind_name(file.kind));
  if (!file.job_id) return {};  // not ours: kept as a received file only
  const std::optional<store::ConsentWithdrawal> w =
      store::lock_withdrawal_of_job(conn, file.job_id);
  if (!w || w->state != "pending") return {};  // not a withdrawal's, or closed already
  const model::MessageHeader& h = file.doc.header;
  const auto& b = file.doc.as<model::QualificationResultBody>();
  const std::string segment = model::text_or_empty(h.SegmentOfResult);
  const std::string status = model::text_or_empty(b.ProcessingResultStatus);
  std::string state = "failed";
  std::optional<std::string> error;
  if (segment != "1") {
    error = "SegmentOfResult " + segment;
    if (!model::text_or_empty(h.ErrorCode).empty()) *error += " " + *h.ErrorCode;
    if (!model::text_or_empty(h.ErrorMessage).empty()) *error += ": " + *h.ErrorMessage;
  } else if (!echo_matches(
                 b.QualificationConfirmSearchInfo ? &*b.QualificationConfirmSearchInfo : nullptr,
                 *w)) {
    error = "the answer names another card than the one sent";
  } else if (status == "1") {
    state = "done";
  } else {
    error = "ProcessingResultStatus " + status;
    if (!model::text_or_empty(b.ProcessingResultCode).empty())
      *error += " " + *b.ProcessingResultCode;
    if (!model::text_or_empty(b.ProcessingResultMessage).empty())
      *error += ": " + *b.ProcessingResultMessage;
  }
  store::finish_withdrawal(conn, w->withdrawal_id, state, error, file.file_id());
  audit(conn, file.facility.hospnum, w->requested_by, "receive", w->ptid,
        "withdrawal " + std::to_string(w->withdrawal_id) + " " + state +
            (error ? ": " + *error : std::string()));
  return {};
}

}  // namespace onshi::exchange
