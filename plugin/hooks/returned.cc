// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Returned vs registered (issue 14, Show; ORCA's P033): every field a result carries, as
// returned, with a code's meaning (card class: 短期被保険者証 and 被保険者資格証明書 shown as
// such; sex, reason of loss, preschool, prescription form, limit class), beside the value the
// host keeps for the linked patient and its insurance, and whether they differ; and every
// result of the same answer for the person (several qualifications) to choose from.
#include <cstddef>

#include "hooks/fill.h"
#include "hooks/screens.h"
#include "host/insurance.h"
#include "host/insurance_kind.h"
#include "host/orca_rows.h"
#include "host/patients.h"
#include "json/json.h"
#include "store/confirmations.h"
#include "text/normalize.h"

namespace onshi::hooks {
namespace {

/// A code's meaning (message id); "" when the code is unknown or the item has none.
struct Code {
  const char* value;
  const char* id;
};
const Code kCardClass[] = {{"01", "ONSHI-D-6240"}, {"02", "ONSHI-D-6241"}, {"03", "ONSHI-D-6242"},
                           {"04", "ONSHI-D-6243"}, {"05", "ONSHI-D-6244"}, {"06", "ONSHI-D-6245"},
                           {"07", "ONSHI-D-6246"}, {"A1", "ONSHI-D-6247"}};
const Code kSex[] = {{"1", "ONSHI-D-6248"}, {"2", "ONSHI-D-6249"}, {"3", "ONSHI-D-6250"}};
const Code kFamily[] = {{"1", "ONSHI-D-6251"}, {"2", "ONSHI-D-6252"}};
const Code kLoss[] = {
    {"01", "ONSHI-D-6253"}, {"02", "ONSHI-D-6254"}, {"03", "ONSHI-D-6255"}, {"99", "ONSHI-D-6256"}};
const Code kPreschool[] = {{"1", "ONSHI-D-6257"}};
const Code kPrescription[] = {{"1", "ONSHI-D-6258"}, {"2", "ONSHI-D-6259"}};
const Code kLimitClass[] = {{"01", "ONSHI-D-6260"}, {"02", "ONSHI-D-6261"}, {"03", "ONSHI-D-6262"}};

template <std::size_t N>
std::string meaning(const Context& ctx, const Code (&codes)[N], const std::string& value) {
  for (const Code& c : codes)
    if (value == c.value) return ctx.text(c.id);
  return "";
}

const json::Value* member(const json::Value* obj, const char* key) {
  return obj && obj->is_object() ? obj->find(key) : nullptr;
}

std::string text_of(const json::Value* obj, const char* key) {
  return obj ? obj->string_at(key) : std::string();
}

/// One line of the screen.
struct Line {
  std::string item, label_id, returned, meaning, registered;
  bool differs = false;
};

/// Whether the result's own comparison (the reception and registration screens' differences)
/// found `item` different.
bool differs_by_rule(const ResultView& v, const std::string& item) {
  for (const Difference& d : v.diffs)
    if (d.item == item) return true;
  return false;
}

void fill_results(Context& ctx, onshi_link_returned_rec& rec, long long chosen) {
  const std::vector<store::AnswerResult> all = store::same_answer(ctx.conn, ctx.hospnum, chosen);
  const std::size_t n = std::min(all.size(), std::size(rec.result));
  for (std::size_t i = 0; i < n; ++i) {
    const store::AnswerResult& a = all[i];
    auto& o = rec.result[i];
    ONSHI_PUTN(o.confirmation_id, a.confirmation_id);
    ONSHI_PUT(o.chosen, a.confirmation_id == chosen ? "1" : "0");
    ONSHI_PUT(o.card_class, a.card_class);
    ONSHI_PUT(o.card_class_text, meaning(ctx, kCardClass, a.card_class));
    ONSHI_PUT(o.insurer, std::string(text::strip_insurer_padding(a.insurer)));
    ONSHI_PUT(o.insurer_name, a.insurer_name);
    ONSHI_PUT(o.symbol, a.symbol);
    ONSHI_PUT(o.number, a.number);
    ONSHI_PUT(o.branch, a.branch);
    ONSHI_PUT(o.validity, a.validity);
    ONSHI_PUT(o.valid_to, a.valid_to);
  }
  ONSHI_PUTN(rec.result_count, static_cast<long long>(n));
}

}  // namespace

void returned(Context& ctx, onshi_link_returned_rec& rec) {
  const std::optional<long long> id = ONSHI_NUM(rec.confirmation_id);
  if (!id) throw HookError(Status::refused, "ONSHI-W-6003", {"confirmation_id"});
  blank_outputs(rec, offsetof(onshi_link_returned_rec, ptid));
  const ResultView v = load_result(ctx, *id);
  const std::optional<std::string> block = store::returned_block(ctx.conn, ctx.hospnum, *id);
  const json::Value r = json::parse(block ? *block : std::string("{}"));
  const json::Value* top = &r;

  // The registered side: the linked patient and the insurance the result was compared with.
  std::optional<host::PatientSummary> pt;
  std::optional<host::RegisteredInsurance> ins;
  if (v.link_state == "linked" && v.ptid) {
    ONSHI_PUTN(rec.ptid, *v.ptid);
    pt = host::patient_details(ctx.conn, ctx.hospnum, *v.ptid);
    if (v.hknid) {
      ONSHI_PUTN(rec.hknid, *v.hknid);
      ins = host::registered_insurance(ctx.conn, ctx.hospnum, *v.ptid, *v.hknid);
    }
  }
  const auto reg = [](const auto& opt, auto field) -> std::string {
    return opt ? (*opt).*field : std::string();
  };
  const std::string rate = ins ? host::copay_rate(ins->kind, ins->hojokbn) : std::string();

  const json::Value* elder = member(top, "ElderlyRecipientCertificateInfo");
  const json::Value* limit = member(top, "LimitApplicationCertificateRelatedInfo");
  std::string disease;
  if (const json::Value* list = member(top, "SpecificDiseasesCertificateList")) {
    const json::Value* info = member(list, "SpecificDiseasesCertificateInfo");
    const json::Value* first =
        info && info->is_array() && !info->as_array().empty() ? &info->as_array().front() : info;
    if (first && first->is_object())
      disease = text_of(first, "SpecificDiseasesDiseaseCategory") + " " +
                text_of(first, "SpecificDiseasesSelfPay") + " " +
                text_of(first, "SpecificDiseasesValidStartDate") + "-" +
                text_of(first, "SpecificDiseasesValidEndDate");
  }
  const std::string post = text_of(top, "PostNumber");
  const std::string address = text_of(top, "Address");
  const std::string ratio = text_of(top, "InsuredPartialContributionRatio");
  const std::string valid_to = text_of(top, "InsuredCardExpirationDate");
  const std::string elder_ratio = text_of(elder, "ElderlyRecipientContributionRatio");
  const std::string limit_class = text_of(limit, "LimitApplicationCertificateClassification");
  const std::string reg_post = reg(pt, &host::PatientSummary::post);
  const std::string reg_address = reg(pt, &host::PatientSummary::address);
  const std::string reg_to = reg(ins, &host::RegisteredInsurance::to);

  // In the order of the terminal's result (oqs-exchange.md 2.3).
  const std::vector<Line> lines = {
      {"card_class", "ONSHI-D-6071", v.card_classification,
       meaning(ctx, kCardClass, v.card_classification), "", false},
      {"insurer", "ONSHI-D-6005", v.insurer, "", reg(ins, &host::RegisteredInsurance::insurer),
       differs_by_rule(v, "insurer")},
      {"symbol", "ONSHI-D-6006", v.symbol, "", reg(ins, &host::RegisteredInsurance::symbol),
       differs_by_rule(v, "symbol")},
      {"number", "ONSHI-D-6007", v.number, "", reg(ins, &host::RegisteredInsurance::number),
       differs_by_rule(v, "number")},
      {"branch", "ONSHI-D-6008", v.branch, "", reg(ins, &host::RegisteredInsurance::branch),
       differs_by_rule(v, "branch")},
      {"family", "ONSHI-D-6009", v.family, meaning(ctx, kFamily, v.family),
       reg(ins, &host::RegisteredInsurance::family), differs_by_rule(v, "family")},
      {"insured_name", "ONSHI-D-6010", v.insured_name, "",
       reg(ins, &host::RegisteredInsurance::insured_name), differs_by_rule(v, "insured_name")},
      {"name", "ONSHI-D-6001", v.name, "", reg(pt, &host::PatientSummary::name),
       differs_by_rule(v, "name")},
      {"name_other", "ONSHI-D-6065", text_of(top, "NameOfOther"), "", "", false},
      {"kana", "ONSHI-D-6002", text_of(top, "NameKana"), "",
       reg(pt, &host::PatientSummary::kananame), differs_by_rule(v, "kana")},
      {"kana_other", "ONSHI-D-6066", text_of(top, "NameOfOtherKana"), "", "", false},
      {"sex", "ONSHI-D-6004", v.sex, meaning(ctx, kSex, v.sex), reg(pt, &host::PatientSummary::sex),
       differs_by_rule(v, "sex")},
      {"sex2", "ONSHI-D-6067", text_of(top, "Sex2"), meaning(ctx, kSex, text_of(top, "Sex2")), "",
       false},
      {"birthdate", "ONSHI-D-6003", v.birthdate, "", reg(pt, &host::PatientSummary::birthday),
       differs_by_rule(v, "birthdate")},
      {"address", "ONSHI-D-6069", address, "", reg_address,
       pt && !address.empty() &&
           text::to_fullwidth(text::fold_spaces(address)) !=
               text::to_fullwidth(text::fold_spaces(reg_address))},
      {"post", "ONSHI-D-6068", post, "", reg_post,
       pt && !post.empty() && host::digits_only(post) != host::digits_only(reg_post)},
      {"qualified", "ONSHI-D-6072", text_of(top, "QualificationDate"), "",
       reg(ins, &host::RegisteredInsurance::acquired), false},
      {"disqualified", "ONSHI-D-6073", text_of(top, "DisqualificationDate"), "", "", false},
      {"issued", "ONSHI-D-6075", text_of(top, "InsuredCertificateIssuanceDate"), "", "", false},
      {"valid_from", "ONSHI-D-6076", text_of(top, "InsuredCardValidDate"), "",
       reg(ins, &host::RegisteredInsurance::from), false},
      {"valid_to", "ONSHI-D-6077", valid_to, "", reg_to,
       ins && !valid_to.empty() && reg_to != "99999999" && reg_to != valid_to},
      {"copay_ratio", "ONSHI-D-6078", ratio, "", rate,
       !ratio.empty() && !rate.empty() && ratio != rate},
      {"preschool", "ONSHI-D-6079", text_of(top, "PreschoolClassification"),
       meaning(ctx, kPreschool, text_of(top, "PreschoolClassification")), "", false},
      {"loss_reason", "ONSHI-D-6074", text_of(top, "ReasonOfLoss"),
       meaning(ctx, kLoss, text_of(top, "ReasonOfLoss")), "", false},
      {"insurer_name", "ONSHI-D-6070", text_of(top, "InsurerName"), "", "", false},
      {"elderly_from", "ONSHI-D-6080", text_of(elder, "ElderlyRecipientValidStartDate"), "", "",
       false},
      {"elderly_to", "ONSHI-D-6081", text_of(elder, "ElderlyRecipientValidEndDate"), "", "", false},
      {"elderly_ratio", "ONSHI-D-6082", elder_ratio, "", elder ? rate : std::string(),
       !elder_ratio.empty() && !rate.empty() && elder_ratio != rate},
      {"limit_class", "ONSHI-D-6083", limit_class, meaning(ctx, kLimitClass, limit_class), "",
       false},
      {"limit_flag", "ONSHI-D-6084",
       text_of(limit, "LimitApplicationCertificateClassificationFlag"), "", "", false},
      {"limit_from", "ONSHI-D-6085", text_of(limit, "LimitApplicationCertificateValidStartDate"),
       "", "", false},
      {"limit_to", "ONSHI-D-6086", text_of(limit, "LimitApplicationCertificateValidEndDate"), "",
       "", false},
      {"disease", "ONSHI-D-6087", disease, "", "", false},
      {"reference", "ONSHI-D-6088", text_of(top, "ReferenceNumber"), "", "", false},
      {"prescription", "ONSHI-D-6089", v.prescription, meaning(ctx, kPrescription, v.prescription),
       "", false},
  };

  // Every item the result carries, and those the host keeps a value for beside an empty one.
  std::size_t n = 0;
  for (const Line& l : lines) {
    if (l.returned.empty() && l.registered.empty()) continue;
    if (n == std::size(rec.item)) break;
    auto& o = rec.item[n++];
    ONSHI_PUT(o.item, l.item);
    ONSHI_PUT(o.label, ctx.text(l.label_id));
    ONSHI_PUT(o.returned, l.returned);
    ONSHI_PUT(o.meaning, l.meaning);
    ONSHI_PUT(o.registered, l.registered);
    ONSHI_PUT(o.differs, l.differs ? "1" : "0");
  }
  ONSHI_PUTN(rec.item_count, static_cast<long long>(n));
  fill_results(ctx, rec, *id);
  ctx.say("ONSHI-I-6195", {std::to_string(n)});
}

}  // namespace onshi::hooks
