// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// seed_host: prints the reference host seed as SQL (pipe it into psql). Test/demo data only.
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "host/host_seed.h"
#include "json/json.h"

namespace {

using onshi::json::Value;

/// Full-width katakana (and the ideographic space) as the terminal returns kana: half-width.
std::string halfwidth(const std::string& utf8) {
  static std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> tr(
        icu::Transliterator::createInstance("Fullwidth-Halfwidth", UTRANS_FORWARD, status));
    if (U_FAILURE(status))
      throw std::runtime_error("ICU has no Fullwidth-Halfwidth transliterator");
    return tr;
  }();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  t->transliterate(u);
  std::string out;
  return u.toUTF8String(out);
}

/// `yyyymmdd` moved by `days`.
std::string add_days(const std::string& yyyymmdd, int days) {
  std::tm tm{};
  tm.tm_year = std::stoi(yyyymmdd.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(yyyymmdd.substr(4, 2)) - 1;
  tm.tm_mday = std::stoi(yyyymmdd.substr(6, 2)) + days;
  tm.tm_hour = 12;
  std::mktime(&tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d", &tm);
  return buf;
}

/// The simulator's population (README "Terminal simulator"): the generated patients of one
/// facility as the national system knows them. Most cards are as registered; about 3 in 100 were
/// replaced since (validity 3: the card the host has is no longer valid, a newer qualification
/// exists), about 2 in 100 lost their qualification (validity 2), every deceased patient too;
/// public assistance comes back as card class A1 with this month's medical ticket (validity 6).
/// Deterministic for a seed, and independent of the SQL (its own random stream).
Value population(const std::vector<onshi::test::SeedPerson>& people, int hospnum,
                 const std::string& institution_code, std::uint64_t seed, const std::string& today,
                 int* changed, int* lost) {
  onshi::test::SeedRng rng(seed ^ 0x5EED5EED5EEDULL);
  onshi::json::Array out;
  for (const onshi::test::SeedPerson& p : people) {
    if (p.hospnum != hospnum) continue;
    const int roll = rng.below(100);
    const std::string::size_type cut = p.kana.find("\u3000");
    const std::string kana = cut == std::string::npos ? halfwidth(p.kana)
                                                      : halfwidth(p.kana.substr(0, cut)) + " " +
                                                            halfwidth(p.kana.substr(cut + 3));
    onshi::json::Object card{
        {"InsuredCardClassification", p.card_class},
        {"InsurerNumber", p.insurer},
        {"InsuredIdentificationNumber", p.number},
        {"Name", p.name},
        {"NameKana", kana},
        {"Sex1", std::string(1, p.sex)},
        {"Birthdate", p.birthday},
        {"QualificationDate", p.since},
        {"InsurerName", p.card_class == "A1" ? "generated welfare office" : "generated insurer"}};
    if (!p.symbol.empty()) card.emplace_back("InsuredCardSymbol", Value(p.symbol));
    if (!p.branch.empty()) card.emplace_back("InsuredBranchNumber", Value(p.branch));
    onshi::json::Object person{
        {"id", "seed-" + std::to_string(p.hospnum) + "-" + std::to_string(p.ptid)},
        {"note", "generated patient " + std::to_string(p.ptid)}};
    int validity = 1;
    if (p.card_class == "A1") {
      validity = 6;
      const std::string month = today.substr(0, 6);
      onshi::json::Object ticket{{"TicketType", "01"},
                                 {"MedicalTicketValidDate", month + "01"},
                                 {"MedicalTicketExpirationDate",
                                  add_days(add_days(month + "01", 31).substr(0, 6) + "01", -1)},
                                 {"IssueNumber", rng.digits(7)},
                                 {"MedicalTreatmentMonth", month},
                                 {"DesignatedMedicalInstitutionCode", institution_code},
                                 {"DesignatedMedicalInstitutionFlag", "0"},
                                 {"MedicalTreatmentType", "02"},
                                 {"SelfPayAmount", "0"},
                                 {"SingleOrCombinedUse", "01"},
                                 {"StatusOfSocialInsurance", "02"},
                                 {"StatusOfInfecton", "02"},
                                 {"StatusOfElderlyMedicalCare", "02"},
                                 {"StatusOfPrefecturalExpenses", "02"}};
      card.emplace_back("PublicExpenseResultList",
                        Value(onshi::json::Object{
                            {"MedicalTicketInfo", onshi::json::Array{Value(std::move(ticket))}}}));
    } else {
      card.emplace_back("PersonalFamilyClassification", Value(std::string(1, p.family)));
      card.emplace_back("InsuredCardValidDate", Value(p.since));
      if (p.family == '2') card.emplace_back("InsuredName", Value(p.insured_name));
      if (p.dead || roll < 2) {
        validity = 2;
        ++*lost;
      } else if (roll < 5) {
        validity = 3;
        ++*changed;
      }
      if (validity != 1) {
        std::string end = add_days(today, -(1 + rng.below(60)));
        if (end < p.since) end = p.since;
        card.emplace_back("DisqualificationDate", Value(end));
        card.emplace_back("ReasonOfLoss", Value("99"));
      }
    }
    person.emplace_back("card", Value(std::move(card)));
    person.emplace_back("validity", Value(validity));
    out.push_back(Value(std::move(person)));
  }
  return onshi::json::Object{
      {"_comment",
       "Generated by tests/host/seed_host --population (seed " + std::to_string(seed) +
           "): the host's generated patients as the simulated national system knows them."},
      {"people", Value(std::move(out))}};
}

}  // namespace

int main(int argc, char** argv) {
  onshi::test::SeedOptions o;
  const char* usage =
      "usage: seed_host [--seed S] [--patients N] [--today YYYYMMDD] [--data-dir DIR]\n"
      "                 [--population FILE [--population-hospnum N]]\n"
      "Prints SQL filling the reference host schema (tests/host/reference_host_schema.sql).\n"
      "--population writes the generated patients of facility N (default 1) as the terminal\n"
      "simulator's population (onshi-terminal-sim run --population FILE).\n";
  std::string population_file;
  int population_hospnum = 1;
  try {
    for (int i = 1; i < argc; ++i) {
      std::string a = argv[i];
      auto value = [&]() -> std::string {
        if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
        return argv[++i];
      };
      if (a == "--seed")
        o.seed = std::stoull(value());
      else if (a == "--patients")
        o.patients = std::stoi(value());
      else if (a == "--today")
        o.today = value();
      else if (a == "--data-dir")
        o.data_dir = value();
      else if (a == "--population")
        population_file = value();
      else if (a == "--population-hospnum")
        population_hospnum = std::stoi(value());
      else if (a == "--help" || a == "-h") {
        std::cout << usage;
        return 0;
      } else
        throw std::runtime_error("unknown argument " + a);
    }
    if (o.patients < 0) throw std::runtime_error("--patients must be >= 0");
    onshi::test::SeedStats st;
    // The SQL is UTF-8; psql must be told so whatever the database's encoding.
    std::vector<onshi::test::SeedPerson> people;
    std::cout << "SET client_encoding = 'UTF8';\n"
              << onshi::test::generate_seed_sql(o, &st,
                                                population_file.empty() ? nullptr : &people);
    if (!population_file.empty()) {
      int changed = 0, lost = 0;
      const Value pop = population(
          people, population_hospnum, onshi::test::seed_institution_code(population_hospnum),
          o.seed, o.today.empty() ? onshi::test::today_yyyymmdd() : o.today, &changed, &lost);
      std::ofstream f(population_file, std::ios::binary | std::ios::trunc);
      f << onshi::json::dump(pop) << '\n';
      if (!f.flush()) throw std::runtime_error("cannot write " + population_file);
      std::cerr << "seed_host: population of facility " << population_hospnum << ": "
                << pop.find("people")->as_array().size() << " people (" << changed
                << " with a replaced card, " << lost << " without qualification) in "
                << population_file << '\n';
    }
    std::cerr << "seed_host: " << st.patients << " generated patients (" << st.employee
              << " employees' insurance incl. " << st.dependents << " dependents, " << st.national
              << " national, " << st.late_elderly << " late-elderly, " << st.public_assistance
              << " public assistance, " << st.test_patients << " test), " << st.twin_pairs
              << " twin pairs, " << st.same_name_pairs << " same-name pairs, " << st.reservations
              << " reservations tomorrow, " << st.receptions << " receptions today\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "seed_host: " << e.what() << '\n' << usage;
    return 64;
  }
}
