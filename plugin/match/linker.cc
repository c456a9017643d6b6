// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "match/linker.h"

#include <algorithm>
#include <set>

#include "text/normalize.h"

namespace onshi::match {
namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == ' ')) s.pop_back();
  while (!s.empty() && (s.front() == ' ')) s.erase(s.begin());
  return s;
}

void compare_names(const model::ResultOfQualificationConfirmation& r, const Patient& p,
                   ResultLink& link) {
  link.name_differs = r.Name && text::name_match_key(*r.Name) != text::name_match_key(p.name);
  link.kana_differs =
      r.NameKana && text::name_match_key(*r.NameKana) != text::name_match_key(p.kananame);
  if (link.name_differs && link.kana_differs && !link.name_unrepresentable)
    link.host_status = "suspect";  // numbers match, both names differ: staff must look
}

/// The card's person and the host's patient agree: same birthdate (when both are known), same
/// insured/dependent class (when both are recorded), and at least one of the names the same.
/// Names are compared after width and space normalisation. A name that cannot be compared (absent,
/// or a kanji name carrying the national system's mark for a character it cannot show) does not
/// agree: the other name must (else an unknown twin whose kanji came back with the mark and whose
/// kana differs would pass as the registered twin).
bool same_person_on_card(const model::ResultOfQualificationConfirmation& r, const Coverage& c) {
  const Patient& p = c.patient;
  const std::string birth = trimmed(p.birthday);
  if (r.Birthdate && !r.Birthdate->empty() && !birth.empty() && birth != *r.Birthdate) return false;
  const std::string rf = trimmed(model::text_or_empty(r.PersonalFamilyClassification));
  const std::string hf = trimmed(c.family);
  if ((rf == "1" || rf == "2") && (hf == "1" || hf == "2") && rf != hf) return false;
  const bool mark = r.Name && text::has_unrepresentable_mark(*r.Name);
  const bool name_agrees =
      r.Name && !mark && text::name_match_key(*r.Name) == text::name_match_key(p.name);
  const bool kana_agrees =
      r.NameKana && text::name_match_key(*r.NameKana) == text::name_match_key(p.kananame);
  return name_agrees || kana_agrees;
}

std::vector<long long> distinct_ptids(const std::vector<Coverage>& rows) {
  std::set<long long> ids;
  for (const Coverage& c : rows) ids.insert(c.patient.ptid);
  return {ids.begin(), ids.end()};
}

ResultLink link_one(const model::ResultOfQualificationConfirmation& r,
                    std::optional<long long> request_ptid, PatientSource& source) {
  ResultLink link;
  link.name_unrepresentable = r.Name && text::has_unrepresentable_mark(*r.Name);
  auto accept = [&](const Patient& p, LinkedBy by, int coverage_id) {
    if (p.test_patient) {
      link.state = LinkState::test_patient;
      link.candidates = {p.ptid};
      return;
    }
    link.state = LinkState::linked;
    link.by = by;
    link.ptid = p.ptid;
    link.coverage_id = coverage_id;
    compare_names(r, p, link);
    if (link.host_status == "suspect") {
      // Both names differ: a suspect link would move consents, change the host and register a
      // reference number on what may be someone else. Staff decide (the patient is listed).
      link.state = LinkState::candidates;
      link.candidates = {p.ptid};
      link.ptid = 0;
      link.coverage_id = 0;
    }
  };

  // 1. Reference number (the number we registered with the national system for a patient). The
  // card must not say otherwise: numbers registered on other patients only wait for staff.
  if (std::string ref = trimmed(model::text_or_empty(r.ReferenceNumber)); !ref.empty()) {
    if (const std::string ins(text::strip_insurer_padding(model::text_or_empty(r.InsurerNumber)));
        !ins.empty() && !model::text_or_empty(r.InsuredIdentificationNumber).empty() &&
        model::text_or_empty(r.InsuredCardClassification) != "A1")
      source.expect_card(ins, model::text_or_empty(r.InsuredCardSymbol),
                         model::text_or_empty(r.InsuredIdentificationNumber));
    if (auto p = source.by_reference_number(ref)) {
      const std::string ins(text::strip_insurer_padding(model::text_or_empty(r.InsurerNumber)));
      const std::string num = model::text_or_empty(r.InsuredIdentificationNumber);
      std::set<long long> holders;
      bool ref_holds = false;
      if (!ins.empty() && !num.empty() && !p->test_patient) {
        const bool pa = model::text_or_empty(r.InsuredCardClassification) == "A1";
        for (const Coverage& c :
             pa ? source.by_public_expense(ins, num)
                : source.by_card(ins, model::text_or_empty(r.InsuredCardSymbol), num)) {
          if (c.patient.test_patient) continue;
          holders.insert(c.patient.ptid);
          if (c.patient.ptid == p->ptid) ref_holds = true;
        }
      }
      if (!holders.empty() && !ref_holds) {
        link.state = LinkState::candidates;
        link.candidates.push_back(p->ptid);
        for (long long h : holders) link.candidates.push_back(h);
        link.host_status = "reference_conflict";
        return link;
      }
      accept(*p, LinkedBy::reference_number, 0);
      return link;
    }
  }
  // 2. The patient our own request asked about.
  if (request_ptid) {
    if (auto p = source.by_ptid(*request_ptid)) {
      accept(*p, LinkedBy::request, 0);
      return link;
    }
  }
  // 3. Card numbers against the host's coverage rows.
  const bool public_assistance = model::text_or_empty(r.InsuredCardClassification) == "A1";
  const std::string insurer(text::strip_insurer_padding(model::text_or_empty(r.InsurerNumber)));
  const std::string number = model::text_or_empty(r.InsuredIdentificationNumber);
  std::vector<Coverage> rows;
  if (!insurer.empty() && !number.empty())
    rows = public_assistance
               ? source.by_public_expense(insurer, number)
               : source.by_card(insurer, model::text_or_empty(r.InsuredCardSymbol), number);
  const std::string branch = model::text_or_empty(r.InsuredBranchNumber);
  std::vector<Coverage> exact, missing_branch, test_only;
  for (const Coverage& c : rows) {
    if (c.patient.test_patient) {
      test_only.push_back(c);
      continue;
    }
    if (public_assistance || is_late_elderly(insurer, c.kind) || c.branch == branch)
      exact.push_back(c);
    else if (c.branch.empty() && !branch.empty())
      missing_branch.push_back(c);
    // A different known branch is another person on the same card (a dependent, a twin).
  }
  const LinkedBy by = public_assistance ? LinkedBy::public_expense : LinkedBy::insurance;
  // The numbers name a card; the person on it must be the patient (a dependent, a twin or a
  // stranger on the same numbers is not). Disagreeing holders are listed for staff.
  std::vector<long long> other_person;
  auto keep_agreeing = [&](std::vector<Coverage>& holders) {
    std::vector<Coverage> agree, same_birthday_other;
    for (Coverage& c : holders) {
      if (same_person_on_card(r, c)) {
        agree.push_back(std::move(c));
      } else {
        other_person.push_back(c.patient.ptid);
        if (r.Birthdate && trimmed(c.patient.birthday) == *r.Birthdate)
          same_birthday_other.push_back(c);
      }
    }
    // Twins: another holder of the card shares the birthdate and differs only by name. Names
    // never decide between them: all wait for staff.
    if (!agree.empty() && !same_birthday_other.empty())
      agree.insert(agree.end(), same_birthday_other.begin(), same_birthday_other.end());
    holders = std::move(agree);
  };
  keep_agreeing(exact);
  keep_agreeing(missing_branch);
  if (std::vector<long long> ids = distinct_ptids(exact); ids.size() == 1) {
    accept(exact.front().patient, by, exact.front().id);
    return link;
  } else if (ids.size() > 1) {
    link.state = LinkState::candidates;
    link.candidates = ids;
    return link;
  }
  // The host does not know the branch number: only holders the person agrees with are left
  // (birthdate, class, names); twins with the same name key stay ambiguous.
  if (std::vector<long long> ids = distinct_ptids(missing_branch); ids.size() == 1) {
    accept(missing_branch.front().patient, by, missing_branch.front().id);
    if (link.state == LinkState::linked) {
      link.fill_branch = branch;
      if (link.host_status.empty()) link.host_status = "branch_missing";
    }
    return link;
  } else if (ids.size() > 1) {
    link.state = LinkState::candidates;
    link.candidates = ids;
    link.host_status = "branch_missing";
    return link;
  }
  if (!other_person.empty()) {
    // The card is registered for someone else (the insured person, a twin): staff decide, or
    // register this person as a new patient.
    std::set<long long> ids(other_person.begin(), other_person.end());
    link.state = LinkState::candidates;
    link.candidates.assign(ids.begin(), ids.end());
    link.host_status = "person_differs";
    return link;
  }
  if (!test_only.empty()) {
    link.state = LinkState::test_patient;
    link.candidates = distinct_ptids(test_only);
    return link;
  }
  // 4. No match: list same-name patients (kana + birthdate + sex) for staff; never link.
  if (r.NameKana && r.Birthdate && r.Sex1) {
    for (const Patient& p :
         source.same_person(text::name_match_key(*r.NameKana), *r.Birthdate, *r.Sex1))
      if (!p.test_patient) link.candidates.push_back(p.ptid);
  }
  link.state = link.candidates.empty() ? LinkState::no_patient : LinkState::candidates;
  return link;
}

}  // namespace

const char* link_state_name(LinkState s) {
  switch (s) {
    case LinkState::linked:
      return "linked";
    case LinkState::candidates:
      return "candidates";
    case LinkState::no_patient:
      return "no_patient";
    case LinkState::test_patient:
      return "test_patient";
    case LinkState::conflict:
      return "conflict";
  }
  return "?";
}

const char* linked_by_name(LinkedBy b) {
  switch (b) {
    case LinkedBy::none:
      return "none";
    case LinkedBy::reference_number:
      return "reference_number";
    case LinkedBy::request:
      return "request";
    case LinkedBy::insurance:
      return "insurance";
    case LinkedBy::public_expense:
      return "public_expense";
    case LinkedBy::name_birthdate:
      return "name_birthdate";
  }
  return "?";
}

bool is_late_elderly(const std::string& insurer_number, const std::string& hknnum) {
  std::string_view ins = text::strip_insurer_padding(insurer_number);
  return hknnum == "039" || (ins.size() == 8 && ins.substr(0, 2) == "39");
}

std::vector<ResultLink> link_results(
    const std::vector<model::ResultOfQualificationConfirmation>& results,
    std::optional<long long> request_ptid, PatientSource& source) {
  std::vector<ResultLink> links;
  links.reserve(results.size());
  std::size_t insurance_results = 0;
  for (const auto& r : results)
    if (model::text_or_empty(r.InsuredCardClassification) != "A1") ++insurance_results;
  // Several health-insurance results: several people matched (twins without branch number).
  // The request's own patient does not decide between them.
  const bool several_people = insurance_results > 1;
  for (const auto& r : results) {
    ResultLink link = link_one(r, several_people ? std::nullopt : request_ptid, source);
    if (several_people && model::text_or_empty(r.InsuredCardClassification) != "A1" &&
        link.state == LinkState::linked) {
      link.state = LinkState::candidates;
      link.candidates = {link.ptid};
      link.ptid = 0;
      link.fill_branch.reset();
    }
    links.push_back(std::move(link));
  }
  // Insurance and public assistance for one person must agree on the patient.
  std::set<long long> linked;
  for (const ResultLink& l : links)
    if (l.state == LinkState::linked) linked.insert(l.ptid);
  if (!several_people && linked.size() > 1) {
    for (ResultLink& l : links) {
      if (l.state != LinkState::linked) continue;
      l.candidates.assign(linked.begin(), linked.end());
      l.state = LinkState::conflict;
      l.ptid = 0;
      l.fill_branch.reset();
    }
  }
  return links;
}

ResultLink link_claim(const ClaimPerson& claim, PatientSource& source,
                      const std::function<bool(const Coverage&)>& billed_in_month) {
  ResultLink link;
  const std::string insurer(text::strip_insurer_padding(claim.insurer));
  const std::string birth = trimmed(claim.birthdate);
  // 1. The card billed, valid in the claim month, held by someone born that day.
  std::vector<Coverage> agree;
  std::set<long long> other_person;
  if (!insurer.empty() && !claim.number.empty()) {
    for (Coverage& c : source.by_card(insurer, claim.symbol, claim.number)) {
      if (c.patient.test_patient || !billed_in_month(c)) continue;
      const bool branch_ok = is_late_elderly(insurer, c.kind) || c.branch.empty() ||
                             claim.branch.empty() || c.branch == claim.branch;
      if (!branch_ok) continue;  // another person on the same card
      if (trimmed(c.patient.birthday) == birth)
        agree.push_back(std::move(c));
      else
        other_person.insert(c.patient.ptid);
    }
  }
  if (std::vector<long long> ids = distinct_ptids(agree); ids.size() == 1) {
    link.state = LinkState::linked;
    link.by = LinkedBy::insurance;
    link.ptid = ids.front();
    link.coverage_id = agree.front().id;
    return link;
  } else if (ids.size() > 1) {
    link.state = LinkState::candidates;  // twins on one card: names never decide
    link.candidates = ids;
    return link;
  }
  if (!other_person.empty()) {
    link.state = LinkState::candidates;
    link.candidates.assign(other_person.begin(), other_person.end());
    link.host_status = "person_differs";
    return link;
  }
  // 2. Kana name, birthdate and sex (the kanji name too when both sides know it).
  if (!claim.kana.empty() && !birth.empty() && !claim.sex.empty()) {
    std::vector<Patient> same;
    for (Patient& p : source.same_person(text::name_match_key(claim.kana), birth, claim.sex))
      if (!p.test_patient) same.push_back(std::move(p));
    if (same.size() == 1) {
      const Patient& p = same.front();
      const bool kanji_differs = !claim.name.empty() && !trimmed(p.name).empty() &&
                                 !text::has_unrepresentable_mark(claim.name) &&
                                 text::name_match_key(claim.name) != text::name_match_key(p.name);
      if (kanji_differs) {
        link.state = LinkState::candidates;
        link.candidates = {p.ptid};
        link.host_status = "suspect";
        return link;
      }
      link.state = LinkState::linked;
      link.by = LinkedBy::name_birthdate;
      link.ptid = p.ptid;
      return link;
    }
    for (const Patient& p : same) link.candidates.push_back(p.ptid);
  }
  link.state = link.candidates.empty() ? LinkState::no_patient : LinkState::candidates;
  return link;
}

}  // namespace onshi::match
