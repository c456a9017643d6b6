// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "hooks/results.h"

#include <algorithm>
#include <set>

#include "db/connection.h"
#include "exchange/reference_numbers.h"
#include "host/insurance.h"
#include "host/patients.h"
#include "match/linker.h"
#include "store/confirmations.h"
#include "store/public_assistance.h"
#include "text/normalize.h"

namespace onshi::hooks {
namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
  std::size_t b = s.find_first_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b);
}

bool same_name(const std::string& a, const std::string& b) {
  return text::name_match_key(a) == text::name_match_key(b);
}

std::vector<long long> parse_ids(const std::string& csv) {
  std::vector<long long> ids;
  std::size_t p = 0;
  while (p < csv.size()) {
    std::size_t e = csv.find(',', p);
    if (e == std::string::npos) e = csv.size();
    if (e > p) ids.push_back(std::stoll(csv.substr(p, e - p)));
    p = e + 1;
  }
  return ids;
}

/// Fills diffs, fill_branch, new_insurance for a linked result.
void compare_with_host(Context& ctx, ResultView& v) {
  if (!v.ptid) return;
  if (const std::optional<host::PatientSummary> p =
          host::patient_details(ctx.conn, ctx.hospnum, *v.ptid)) {
    if (!v.name.empty() && !same_name(v.name, p->name))
      v.diffs.push_back({"name", p->name, v.name, !v.name_unrepresentable});
    if (!v.kana.empty() && !same_name(v.kana, p->kananame))
      v.diffs.push_back({"kana", p->kananame, v.kana, true});
    if (!v.birthdate.empty() && v.birthdate != trim(p->birthday))
      v.diffs.push_back({"birthdate", trim(p->birthday), v.birthdate, true});
    if (!v.sex.empty() && v.sex != trim(p->sex))
      v.diffs.push_back({"sex", trim(p->sex), v.sex, true});
  }
  if (v.card_classification == "A1" || v.insurer.empty()) return;  // public assistance
  std::optional<host::RegisteredInsurance> h;
  if (v.hknid) h = host::registered_insurance(ctx.conn, ctx.hospnum, *v.ptid, *v.hknid);
  if (!h || h->insurer != v.insurer || h->number != v.number) {
    std::optional<host::RegisteredInsurance> m = host::registered_insurance_by_card(
        ctx.conn, ctx.hospnum, *v.ptid, v.insurer, v.number, v.symbol);
    if (m) {
      h = std::move(m);
    } else if (!h) {
      v.new_insurance = true;
      return;
    } else {
      v.new_insurance = true;  // the registered insurance differs: compare with it anyway
    }
  }
  v.hknid = h->hknid;
  if (h->insurer != v.insurer) v.diffs.push_back({"insurer", h->insurer, v.insurer, false});
  if (h->symbol != v.symbol) v.diffs.push_back({"symbol", h->symbol, v.symbol, false});
  if (h->number != v.number) v.diffs.push_back({"number", h->number, v.number, false});
  const bool late_elderly = match::is_late_elderly(v.insurer, h->kind);
  if (!late_elderly && !v.branch.empty() && h->branch != v.branch) {
    v.diffs.push_back({"branch", h->branch, v.branch, true});
    if (h->branch.empty()) v.fill_branch = v.branch;
  }
  if (!v.family.empty() && h->family != v.family)
    v.diffs.push_back({"family", h->family, v.family, true});
  if (!v.insured_name.empty() && !same_name(v.insured_name, h->insured_name))
    v.diffs.push_back({"insured_name", h->insured_name, v.insured_name,
                       !text::has_unrepresentable_mark(v.insured_name)});
}

bool has_diff(const ResultView& v, const char* item) {
  return std::any_of(v.diffs.begin(), v.diffs.end(),
                     [&](const Difference& d) { return d.item == item; });
}

/// The copay rate differs from the last linked confirmation of the patient.
bool copay_changed(Context& ctx, const ResultView& v) {
  if (!v.ptid || v.ratio.empty()) return false;
  const std::optional<std::string> previous =
      store::previous_contribution_ratio(ctx.conn, ctx.hospnum, *v.ptid, v.confirmation_id);
  return previous && *previous != v.ratio;
}

}  // namespace

std::string validity_message(const std::string& validity) {
  // Every ID written out (not built from the digit), so that po/check_messages.sh sees it.
  static const char* const kLabels[] = {"ONSHI-S-6001", "ONSHI-S-6002", "ONSHI-S-6003",
                                        "ONSHI-S-6004", "ONSHI-S-6005", "ONSHI-S-6006"};
  if (validity.size() == 1 && validity[0] >= '1' && validity[0] <= '6')
    return kLabels[validity[0] - '1'];
  return "";
}

std::string item_message(const std::string& item) {
  // Every ID written out, as above.
  static const struct {
    const char* item;
    const char* id;
  } kItems[] = {{"name", "ONSHI-D-6001"},      {"kana", "ONSHI-D-6002"},
                {"birthdate", "ONSHI-D-6003"}, {"sex", "ONSHI-D-6004"},
                {"insurer", "ONSHI-D-6005"},   {"symbol", "ONSHI-D-6006"},
                {"number", "ONSHI-D-6007"},    {"branch", "ONSHI-D-6008"},
                {"family", "ONSHI-D-6009"},    {"insured_name", "ONSHI-D-6010"}};
  for (const auto& k : kItems)
    if (item == k.item) return k.id;
  return "";
}

bool needs_staff(const std::string& status) {
  static const std::set<std::string> kStaff = {"no_patient", "candidates",    "conflict",
                                               "error",      "new_insurance", "name_differs",
                                               "suspect",    "not_entrusted", "inconsistent"};
  return kStaff.count(status) > 0;
}

void decide_status(ResultView& v) {
  auto set = [&](const char* code, const char* id, std::vector<std::string> args = {}) {
    v.status = code;
    v.status_id = id;
    v.status_args = std::move(args);
  };
  auto by_validity = [&] {
    static const char* const kCodes[] = {
        "valid", "invalid", "invalid_newer", "no_qualification", "several", "valid_unregistered"};
    std::string id = validity_message(v.validity);
    if (id.empty()) {
      set("error", "ONSHI-S-6018");
    } else {
      v.status = kCodes[v.validity[0] - '1'];
      v.status_id = id;
      v.status_args.clear();
    }
  };
  if (v.resolution == "dismissed") return set("dismissed", "ONSHI-S-6024");
  if (v.processing_status != "1" || v.validity.empty()) return set("error", "ONSHI-S-6018");
  if (v.link_state == "no_patient") {
    // A new patient's own registration check: no patient is expected yet.
    if (v.source == "single" && !v.request_ptid && v.job_id) return by_validity();
    return set("no_patient", "ONSHI-S-6016");
  }
  if (v.link_state == "candidates") return set("candidates", "ONSHI-S-6017");
  if (v.link_state == "test_patient") return set("test_patient", "ONSHI-S-6019");
  if (v.link_state == "conflict") return set("conflict", "ONSHI-S-6020");
  if (v.link_state != "linked") return by_validity();
  if (v.validity != "1" && v.validity != "6") return by_validity();
  if (v.host_status == "suspect") return set("suspect", "ONSHI-S-6014");
  // Public assistance (manual chapter 6): no ticket for this institution yet (未委託), or a
  // ticket's social insurance status disagrees with the person's insurance (不整合あり).
  if (v.assistance == "not_entrusted") return set("not_entrusted", "ONSHI-S-6026");
  if (v.assistance == "inconsistent") return set("inconsistent", "ONSHI-S-6027");
  if (!v.fill_branch.empty()) return set("branch_missing", "ONSHI-S-6010", {v.fill_branch});
  const bool family = has_diff(v, "family");
  const bool copay = v.host_status == "copay_changed";
  if (family && copay) return set("both_mismatch", "ONSHI-S-6013");
  if (family) return set("insured_mismatch", "ONSHI-S-6011");
  if (copay) return set("copay_mismatch", "ONSHI-S-6012");
  if (v.new_insurance) return set("new_insurance", "ONSHI-S-6021");
  if ((has_diff(v, "name") || has_diff(v, "kana")) && !v.resolved)
    return set("name_differs", "ONSHI-S-6022");
  by_validity();
}

ResultView load_result(Context& ctx, long long confirmation_id) {
  const std::optional<store::ConfirmationView> c =
      store::load_confirmation(ctx.conn, ctx.hospnum, confirmation_id);
  if (!c) throw HookError(Status::refused, "ONSHI-W-6009");
  ResultView v;
  v.confirmation_id = c->confirmation_id;
  v.job_id = c->job_id;
  v.request_ptid = c->request_ptid;
  v.source = c->source;
  v.link_state = c->link_state;
  v.host_status = c->host_status;
  v.validity = c->validity;
  v.processing_status = c->processing_status;
  v.processing_code = c->processing_code;
  v.processing_message = c->processing_message;
  v.card_classification = c->card_classification;
  v.confirmation_date = c->confirmation_date;
  v.time = c->time;
  v.name = c->name;
  v.kana = text::kana_name_for_host(c->name_kana);
  v.birthdate = c->birthdate;
  v.sex = c->sex;
  v.insurer = std::string(text::strip_insurer_padding(c->insurer_number));
  v.symbol = c->card_symbol;
  v.number = c->card_number;
  v.branch = c->branch_number;
  v.family = c->personal_family;
  v.insured_name = c->insured_name;
  v.ratio = c->contribution_ratio;
  v.prescription = c->prescription_issue_select;
  v.post = c->home_post;
  v.address = c->home_adrs;
  v.name_unrepresentable = c->name_unrepresentable;
  v.has_proposal = c->has_proposal;
  v.ptid = c->ptid;
  v.candidates = parse_ids(c->candidates);
  if (c->hknid) v.hknid = static_cast<int>(*c->hknid);
  v.resolution = c->resolution;
  v.resolved = c->resolved;
  if (v.card_classification == "A1")
    v.assistance =
        store::assistance_state(store::medical_tickets(ctx.conn, ctx.hospnum, v.confirmation_id));
  if (v.link_state == "linked") {
    compare_with_host(ctx, v);
    if (copay_changed(ctx, v) && v.host_status.empty()) v.host_status = "copay_changed";
  }
  decide_status(v);
  return v;
}

std::vector<Candidate> load_candidates(Context& ctx, const ResultView& v, bool with_same_name) {
  std::vector<long long> ids = v.candidates;
  std::set<long long> same;
  if (with_same_name && !v.kana.empty() && !v.birthdate.empty() && !v.sex.empty()) {
    host::PgPatientSource source(ctx.conn, ctx.hospnum);
    for (const match::Patient& p :
         source.same_person(text::name_match_key(v.kana), v.birthdate, v.sex)) {
      if (p.test_patient) continue;
      same.insert(p.ptid);
      if (std::find(ids.begin(), ids.end(), p.ptid) == ids.end()) ids.push_back(p.ptid);
    }
  }
  std::vector<Candidate> out;
  for (long long id : ids) {
    const std::optional<host::PatientSummary> p =
        host::patient_with_number(ctx.conn, ctx.hospnum, id);
    if (!p) continue;
    out.push_back({id, p->ptnum, p->name, p->kananame, p->birthday, p->sex, same.count(id) > 0});
  }
  std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    return a.same_name > b.same_name;
  });
  return out;
}

long long queue_reference_registration(Context& ctx, long long ptid, long long confirmation_id) {
  // The number (per the facility's reference_number_source), the pending row and the job are the
  // library's, the same the importer uses after a first valid result.
  if (!exchange::reference_number_for(ctx.conn, ctx.hospnum, ptid))
    throw HookError(Status::refused, "ONSHI-W-6004");
  return exchange::queue_reference_registration(ctx.conn, ctx.hospnum, ptid, confirmation_id,
                                                ctx.userid);
}

void link_result(Context& ctx, long long confirmation_id, long long ptid,
                 const std::string& resolution) {
  store::link_confirmation(ctx.conn, ctx.hospnum, confirmation_id, ptid, ctx.userid, resolution);
}

}  // namespace onshi::hooks
