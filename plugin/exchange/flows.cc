// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/flows.h"

#include "exchange/bulk_check.h"
#include "exchange/consent_withdrawal.h"
#include "exchange/medical_info.h"
#include "exchange/qualification.h"
#include "exchange/reference_numbers.h"
#include "model/messages.h"
#include "xml/reader.h"

namespace onshi::exchange {

bool streams_bulk_units(model::MessageKind kind) {
  using K = model::MessageKind;
  return kind == K::OQSmuquc02res || kind == K::OQSmuhvq02res || kind == K::OQSmuonq02res;
}

void for_each_bulk_unit(const ResultFile& file,
                        const std::function<void(const model::BulkConfirmUnit&)>& fn) {
  if (!file.units_streamed) {
    for (const model::BulkConfirmUnit& u : file.doc.as<model::BulkConfirmBody>().BulkConfirmUnit)
      fn(u);
    return;
  }
  struct Each : xml::ItemSink {
    const std::function<void(const model::BulkConfirmUnit&)>* fn;
    void item(const model::FieldDef&, const void* item, std::size_t) override {
      (*fn)(*static_cast<const model::BulkConfirmUnit*>(item));
    }
  } each;
  each.fn = &fn;
  xml::ReadOptions options;
  options.items = &each;
  try {
    xml::read_document(file.raw, file.kind, file.name, options);
  } catch (const RefusedError& e) {
    throw Error(std::string("the units could not be read again: ") + e.what());
  }
}

const std::vector<Flow>& flows() {
  using K = model::MessageKind;
  static const std::vector<Flow> table{
      {"qualification_check",
       K::OQSsiquc01req,
       {K::OQSsiquc01res, K::OQSsiquc01res_face},
       build_qualification_check_request,
       handle_qualification_check_result},
      {"bulk_precheck",
       K::OQSmuquc01req,
       {K::OQSmuquc01res},
       build_bulk_precheck_request,
       handle_bulk_precheck_result},
      {"bulk_precheck",
       K::OQSmuquc02req,
       {K::OQSmuquc02res},
       build_bulk_precheck_request,
       handle_bulk_precheck_result},
      {"bulk_consented",
       K::OQSmuhvq01req,
       {K::OQSmuhvq01res},
       build_bulk_precheck_request,
       handle_bulk_precheck_result},
      {"bulk_consented",
       K::OQSmuhvq02req,
       {K::OQSmuhvq02res},
       build_bulk_precheck_request,
       handle_bulk_precheck_result},
      {"bulk_consented",
       K::OQSmuonq01req,
       {K::OQSmuonq01res},
       build_bulk_precheck_request,
       handle_bulk_precheck_result},
      {"bulk_consented",
       K::OQSmuonq02req,
       {K::OQSmuonq02res},
       build_bulk_precheck_request,
       handle_bulk_precheck_result},
      {"reference_registration",
       K::OQSsiimm01req,
       {K::OQSsiimm01res},
       build_reference_registration_request,
       handle_reference_registration_result},
      {"bulk_registration",
       K::OQSmuimm01req,
       {K::OQSmuimm01res},
       build_bulk_registration_request,
       handle_bulk_registration_result},
      {"bulk_registration",
       K::OQSmuimm02req,
       {K::OQSmuimm02res},
       build_bulk_registration_request,
       handle_bulk_registration_result},
      {"ticket_fetch",
       K::OQSmutic01req,
       {K::OQSmutic01res},
       build_ticket_fetch_request,
       handle_ticket_fetch_result},
      {"ticket_fetch",
       K::OQSmutic02req,
       {K::OQSmutic02res},
       build_ticket_fetch_request,
       handle_ticket_fetch_result},
      {"medical_info",
       K::YZKsiquc01req,
       {K::YZKsiquc01res},
       build_medical_info_request,
       handle_medical_info_result},
      {"medical_info",
       K::TKKsiquc01req,
       {K::TKKsiquc01res},
       build_medical_info_request,
       handle_medical_info_result},
      {"qualification_check",
       K::OQSsihvq01req,
       {K::OQSsihvq01res},
       build_qualification_check_request,
       handle_qualification_check_result},
      {"qualification_check",
       K::OQSsionq01req,
       {K::OQSsionq01res},
       build_qualification_check_request,
       handle_qualification_check_result},
      {"consent_withdrawal",
       K::OQSsihvd01req,
       {K::OQSsihvd01res},
       build_consent_withdrawal_request,
       handle_consent_withdrawal_result},
  };
  return table;
}

const Flow* flow_of_request(model::MessageKind kind) {
  for (const Flow& f : flows())
    if (f.request == kind) return &f;
  return nullptr;
}

const Flow* flow_of_result(model::MessageKind kind) {
  for (const Flow& f : flows())
    for (model::MessageKind r : f.results)
      if (r == kind) return &f;
  return nullptr;
}

const std::string& request_kinds_literal() {
  static const std::string literal = [] {
    std::string s = "{";
    for (const Flow& f : flows())
      s += (s.size() > 1 ? "," : "") + std::string(model::kind_name(f.request));
    return s + "}";
  }();
  return literal;
}

}  // namespace onshi::exchange
