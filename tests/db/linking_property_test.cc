// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Property test of the linker: generated households on a real PostgreSQL host
// with ORCA 5.2's shape x every card and insurance-number result of each member -> no result is
// ever linked to a patient who is not that member ("a wrong link is worse than no link",
// spec/orca-host.md). The seed is printed; ONSHI_PROPERTY_SEED replays one.
#include <cppunit/extensions/HelperMacros.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "db/connection.h"
#include "db/pg_test_support.h"
#include "db/transaction.h"
#include "host/host_seed.h"
#include "host/patients.h"
#include "match/linker.h"
#include "model/messages.h"
#include "text/normalize.h"

namespace onshi::test {
namespace {

using Rng = SeedRng;

constexpr int kHospnum = 3;  ///< a facility of its own: the migrated template's seed is 1 and 2
constexpr int kHouseholds = 2000;
const char* const kIdeographicSpace = "\xE3\x80\x80";
const char* const kMark = "\xE2\x97\x8F";  ///< the national system's stand-in character

/// One person of a household as the national system knows them, and how the host knows them.
struct Member {
  SeedName name;
  char sex = '1';
  std::string birthday;
  bool public_assistance = false;
  std::string hknnum;  ///< kind of the card ("039" late-elderly); "012" public assistance
  std::string insurer, symbol, number, branch;  ///< the card's true values
  std::string family = "1";                     ///< PersonalFamilyClassification
  // Host side.
  bool registered = false;
  long long ptid = 0;  ///< 0 = not a patient of the host
  std::string ptnum;
  std::string host_branch;  ///< edaban as the host holds it ("" = old row)
  char host_family = ' ';   ///< honkzkkbn as the host holds it
  bool reference = false;   ///< the national system returns our reference number for him
  std::string household;    ///< description for failure messages
};

struct Household {
  std::string kind;
  bool old_host = false;
  std::vector<Member> members;
  long long test_patient_ptid = 0;  ///< a test patient on the head's card, when one
};

/// The OQS's check digit of an insurer-number body (weights 2, 1, 2, ... from the right).
char check_digit(const std::string& body) {
  int sum = 0, weight = 2;
  for (auto it = body.rbegin(); it != body.rend(); ++it) {
    int p = (*it - '0') * weight;
    sum += p / 10 + p % 10;
    weight = weight == 2 ? 1 : 2;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

std::string date(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
  return buf;
}

std::string random_birthday(Rng& rng, int from_year, int to_year) {
  return date(from_year + rng.below(to_year - from_year + 1), 1 + rng.below(12), 1 + rng.below(28));
}

class Generator {
 public:
  Generator(std::uint64_t seed, SeedNames names) : rng_(seed), names_(std::move(names)) {}

  std::vector<Household> households(int n) {
    std::vector<Household> out;
    for (int i = 0; i < n; ++i) {
      Household h = household(out);
      h.old_host = rng_.percent(40);
      for (Member& m : h.members) finish(m, h);
      out.push_back(std::move(h));
    }
    return out;
  }

 private:
  SeedName given(char sex, const std::vector<Member>& taken) {
    const auto& pool = sex == '1' ? names_.male : names_.female;
    for (;;) {
      const SeedName& g = pool[rng_.below(static_cast<int>(pool.size()))];
      bool used = false;
      const std::string suffix = kIdeographicSpace + g.kana;
      for (const Member& m : taken)
        used = used || (m.name.kana.size() >= suffix.size() &&
                        m.name.kana.compare(m.name.kana.size() - suffix.size(), suffix.size(),
                                            suffix) == 0);
      if (!used) return g;
    }
  }
  static SeedName full(const SeedName& family, const SeedName& g) {
    return {family.kanji + kIdeographicSpace + g.kanji, family.kana + kIdeographicSpace + g.kana};
  }
  Member person(const SeedName& family, char sex, const std::string& birthday,
                const std::vector<Member>& taken) {
    Member m;
    m.sex = sex;
    m.name = full(family, given(sex, taken));
    m.birthday = birthday;
    return m;
  }
  char random_sex() { return rng_.percent(50) ? '1' : '2'; }
  const SeedName& random_family() {
    return names_.family[rng_.below(static_cast<int>(names_.family.size()))];
  }

  /// An employees' (01/06/31-34) or national (060, 6-digit insurer) card.
  void card(Member& m, bool national) {
    if (national) {
      std::string body = two(1 + rng_.below(47)) + rng_.digits(3);
      m.hknnum = "060";
      m.insurer = body + check_digit(body);
      m.symbol = rng_.percent(50) ? rng_.digits(2) : "";
      m.number = std::to_string(100 + rng_.below(900000));
    } else {
      const int kind = rng_.below(10);
      std::string law = kind < 5 ? "01" : kind < 8 ? "06" : "3" + std::to_string(1 + rng_.below(4));
      std::string body = law + two(1 + rng_.below(47)) + rng_.digits(3);
      m.hknnum = "0" + law;
      m.insurer = body + check_digit(body);
      m.symbol = kind < 5 ? rng_.digits(8) : rng_.digits(1 + rng_.below(4));
      m.number = std::to_string(1 + rng_.below(99999));
    }
  }

  Household household(const std::vector<Household>& before) {
    Household h;
    const int roll = rng_.below(100);
    const SeedName& family = random_family();
    if (roll < 45) {
      // Employees' or national insurance: the insured person, a spouse, children, twins, all on
      // one card with branch numbers 00, 01, ...
      const bool national = roll < 12;
      h.kind = national ? "national" : "employee";
      Member head = person(family, random_sex(), random_birthday(rng_, 1950, 2000), {});
      card(head, national);
      h.members.push_back(head);
      if (rng_.percent(60)) {
        Member spouse = person(family, head.sex == '1' ? '2' : '1',
                               random_birthday(rng_, 1950, 2000), h.members);
        h.members.push_back(spouse);
      }
      int children = rng_.percent(60) ? rng_.below(4) : 0;
      const bool twins = rng_.percent(30);
      if (twins) {
        h.kind += "+twins";
        std::string b = random_birthday(rng_, 2005, 2024);
        for (int i = 0; i < 2; ++i) h.members.push_back(person(family, random_sex(), b, h.members));
      }
      for (int i = 0; i < children; ++i)
        h.members.push_back(
            person(family, random_sex(), random_birthday(rng_, 2000, 2024), h.members));
      if (rng_.percent(12)) {
        // A child named after the insured person: the same reading (kana), other characters.
        // Only the birthdate (and the class, where recorded) tells them apart.
        h.kind += "+same_reading";
        Member child = person(family, head.sex, random_birthday(rng_, 2001, 2024), h.members);
        const std::size_t k = head.name.kana.find(kIdeographicSpace);
        child.name.kana = family.kana + head.name.kana.substr(k);
        if (child.birthday != head.birthday) h.members.push_back(child);
      }
      for (std::size_t i = 0; i < h.members.size(); ++i) {
        Member& m = h.members[i];
        if (i > 0) {
          m.hknnum = head.hknnum;
          m.insurer = head.insurer;
          m.symbol = head.symbol;
          m.number = head.number;
        }
        m.branch = two(static_cast<int>(i));
        // National insurance: every member is insured; employees': the family are dependents.
        m.family = national || i == 0 ? "1" : "2";
      }
      if (rng_.percent(4)) h.test_patient_ptid = -1;  // a test patient on the same card
    } else if (roll < 65) {
      // Late-elderly: one card per person, no branch number (a couple, sometimes).
      h.kind = "late_elderly";
      const int people = rng_.percent(30) ? 2 : 1;
      const std::string b = random_birthday(rng_, 1925, 1949);
      for (int i = 0; i < people; ++i) {
        Member m = person(family, i == 0 ? random_sex() : (h.members[0].sex == '1' ? '2' : '1'),
                          i == 0 ? b : random_birthday(rng_, 1925, 1949), h.members);
        std::string body = "39" + two(1 + rng_.below(47)) + rng_.digits(3);
        m.hknnum = "039";
        m.insurer = body + check_digit(body);
        m.number = two(rng_.below(100)) + rng_.digits(6);
        h.members.push_back(m);
      }
    } else if (roll < 78) {
      // Public assistance only: a recipient number per person, no health insurance.
      h.kind = "public_assistance";
      const int people = rng_.percent(25) ? 2 : 1;
      std::string body = "12" + two(1 + rng_.below(47)) + rng_.digits(3);
      for (int i = 0; i < people; ++i) {
        Member m =
            person(family, random_sex(),
                   i == 0 ? random_birthday(rng_, 1940, 2000) : random_birthday(rng_, 2005, 2024),
                   h.members);
        m.public_assistance = true;
        m.hknnum = "012";
        m.insurer = body + check_digit(body);
        m.number = rng_.digits(7);
        h.members.push_back(m);
      }
    } else {
      // A same-name stranger: kana name, kanji name, birthdate and sex of someone generated
      // before, on a card of his own.
      h.kind = "same_name_stranger";
      Member m;
      const Member* twin_of = nullptr;
      for (int tries = 0; tries < 5 && !before.empty() && !twin_of; ++tries) {
        const Household& other = before[rng_.below(static_cast<int>(before.size()))];
        if (!other.members.empty())
          twin_of = &other.members[rng_.below(static_cast<int>(other.members.size()))];
      }
      if (twin_of) {
        m.name = twin_of->name;
        m.sex = twin_of->sex;
        m.birthday = twin_of->birthday;
        // Sometimes the very same card kind and insurer as the namesake (a big employer).
        if (!twin_of->public_assistance && twin_of->hknnum != "039" && rng_.percent(30)) {
          m.hknnum = twin_of->hknnum;
          m.insurer = twin_of->insurer;
          m.symbol = twin_of->symbol;
          m.number = std::to_string(1 + rng_.below(99999));
          if (m.number == twin_of->number) m.number += "0";
        } else {
          card(m, rng_.percent(30));
        }
      } else {
        m = person(family, random_sex(), random_birthday(rng_, 1950, 2000), {});
        card(m, false);
      }
      m.branch = "00";
      m.family = "1";
      h.members.push_back(m);
    }
    return h;
  }

  /// Who the host knows, and how (old rows: no branch, sometimes no insured/dependent class).
  void finish(Member& m, Household& h) {
    m.household = h.kind + (h.old_host ? " (old host)" : " (new host)");
    if (m.hknnum == "039") m.branch = "";
    const bool member_old = h.old_host ? !rng_.percent(15) : rng_.percent(5);
    m.host_branch = member_old ? "" : m.branch;
    m.host_family = m.public_assistance ? ' ' : member_old && rng_.percent(50) ? ' ' : m.family[0];
    m.registered = rng_.percent(75);
    m.reference = m.registered && rng_.percent(50);
  }

  Rng rng_;
  SeedNames names_;
};

/// Writes the registered members (and the test patients) into the host in one transaction.
void write_host(db::Connection& conn, std::vector<Household>& households, Rng& rng) {
  HostRowWriter rows;
  long long next_ptid = 1;
  db::Transaction tx(conn);
  int pending = 0;
  auto flush = [&] {
    conn.exec(rows.take_sql());
    pending = 0;
  };
  for (Household& h : households) {
    const Member& head = h.members.front();
    for (Member& m : h.members) {
      if (!m.registered) continue;
      m.ptid = next_ptid++;
      m.ptnum = std::to_string(100000 + m.ptid);
      const bool full = rng.percent(50);
      if (m.public_assistance) {
        rows.public_expense(kHospnum, m.ptid, 1, "012", m.insurer, m.number, "20240401");
      } else {
        rows.insurance(kHospnum, m.ptid, 1, m.hknnum, m.insurer, m.symbol, m.number, m.host_branch,
                       m.host_family, head.name.kanji, "20240401", full);
      }
      rows.patient(kHospnum, m.ptid, m.ptnum, m.name, m.sex, m.birthday);
      ++pending;
    }
    if (h.test_patient_ptid) {
      h.test_patient_ptid = next_ptid++;
      rows.insurance(kHospnum, h.test_patient_ptid, 1, head.hknnum, head.insurer, head.symbol,
                     head.number, h.old_host ? "" : "00", '1', head.name.kanji, "20240401", false);
      // ORCA's test patients carry the head's data (a card test with the patient's card).
      rows.patient(kHospnum, h.test_patient_ptid, std::to_string(100000 + h.test_patient_ptid),
                   head.name, head.sex, head.birthday, true);
    }
    if (pending >= 400) flush();
  }
  flush();
  tx.commit();
}

/// The result the national system returns for a member, its names as the terminal sends them.
model::ResultOfQualificationConfirmation result_for(const Member& m, Rng& rng) {
  model::ResultOfQualificationConfirmation r;
  if (m.public_assistance) {
    r.InsuredCardClassification = "A1";
    r.InsurerNumber = m.insurer;
    r.InsuredIdentificationNumber = m.number;
  } else {
    r.InsuredCardClassification = "01";
    r.InsurerNumber = text::pad_insurer_number(m.insurer);
    if (!m.symbol.empty()) r.InsuredCardSymbol = m.symbol;
    r.InsuredIdentificationNumber = m.number;
    if (!m.branch.empty()) r.InsuredBranchNumber = m.branch;
    r.PersonalFamilyClassification = m.family;
  }
  std::string kanji = m.name.kanji;
  if (rng.percent(10)) kanji.replace(0, 3, kMark);  // the family name's first kanji
  r.Name = kanji;
  std::string kana = m.name.kana;
  if (rng.percent(50)) kana.replace(kana.find(kIdeographicSpace), 3, " ");
  r.NameKana = kana;
  r.Sex1 = std::string(1, m.sex);
  r.Birthdate = m.birthday;
  if (m.reference) r.ReferenceNumber = m.ptnum;
  return r;
}

struct Tally {
  long results = 0, wrong = 0, linked = 0, waiting = 0, no_patient = 0, test_patient = 0,
       conflict = 0;
  std::map<std::string, long> by;
  std::vector<std::string> examples;
};

void count(Tally& t, const Member& m, const model::ResultOfQualificationConfirmation& r,
           const match::ResultLink& l, const std::string& how) {
  ++t.results;
  switch (l.state) {
    case match::LinkState::linked:
      ++t.linked;
      break;
    case match::LinkState::candidates:
      ++t.waiting;
      break;
    case match::LinkState::no_patient:
      ++t.no_patient;
      break;
    case match::LinkState::test_patient:
      ++t.test_patient;
      break;
    case match::LinkState::conflict:
      ++t.conflict;
      break;
  }
  if (l.state == match::LinkState::linked) ++t.by[match::linked_by_name(l.by)];
  if (l.state != match::LinkState::linked || l.ptid == m.ptid) return;
  ++t.wrong;
  if (t.examples.size() >= 10) return;
  std::ostringstream s;
  s << how << ": " << m.household << " member born " << m.birthday << " family " << m.family
    << " branch '" << m.branch << "' own ptid " << m.ptid << " (host branch '" << m.host_branch
    << "', honkzkkbn '" << m.host_family << "') name '" << model::text_or_empty(r.Name)
    << "' kana '" << model::text_or_empty(r.NameKana) << "' ref '"
    << model::text_or_empty(r.ReferenceNumber) << "' -> linked to " << l.ptid << " by "
    << match::linked_by_name(l.by);
  t.examples.push_back(s.str());
}

std::uint64_t property_seed() {
  const char* env = std::getenv("ONSHI_PROPERTY_SEED");
  if (env && *env) return std::strtoull(env, nullptr, 10);
  return 20260613;
}

}  // namespace

class LinkingPropertyTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(LinkingPropertyTest);
  CPPUNIT_TEST(testNoWrongLinks);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testNoWrongLinks() {
    const std::uint64_t seed = property_seed();
    TestDatabase tdb(HostSchema::migrated);
    auto conn = tdb.connect();
    Rng rng(seed ^ 0x5DEECE66DULL);
    std::vector<Household> households =
        Generator(seed, load_seed_names(source_file("tests/host"))).households(kHouseholds);
    write_host(*conn, households, rng);

    host::PgPatientSource source(*conn, kHospnum);
    Tally t;
    long members = 0, registered = 0;
    auto one = [&](const Member& m, const model::ResultOfQualificationConfirmation& r,
                   std::optional<long long> request, const std::string& how) {
      auto links = match::link_results({r}, request, source);
      count(t, m, r, links.at(0), how);
    };
    for (const Household& h : households) {
      for (const Member& m : h.members) {
        ++members;
        if (m.registered) ++registered;
        // Card check-in at the face-recognition terminal: no request of ours.
        one(m, result_for(m, rng), std::nullopt, "card");
        // Insurance-number check asked by another station or a bulk check: no request patient.
        one(m, result_for(m, rng), std::nullopt, "number");
        // Our own request about the registered patient.
        if (m.registered) one(m, result_for(m, rng), m.ptid, "number, our request");
      }
      // An insurance-number check without the branch number on a card with twins: the system
      // returns everyone with that birthdate (validity 5), one file with several results.
      for (std::size_t i = 0; i + 1 < h.members.size(); ++i) {
        const Member& a = h.members[i];
        const Member& b = h.members[i + 1];
        if (a.public_assistance || a.birthday != b.birthday || a.number != b.number) continue;
        std::vector<model::ResultOfQualificationConfirmation> both = {result_for(a, rng),
                                                                      result_for(b, rng)};
        std::optional<long long> request;
        if (a.registered)
          request = a.ptid;
        else if (b.registered)
          request = b.ptid;
        auto links = match::link_results(both, request, source);
        count(t, a, both[0], links.at(0), "twins in one file");
        count(t, b, both[1], links.at(1), "twins in one file");
      }
    }
    std::cout << "\nlinking property: seed " << seed << ", " << households.size() << " households, "
              << members << " members (" << registered << " registered), " << t.results
              << " results, " << t.wrong << " wrong links, " << t.linked << " linked (";
    bool first = true;
    for (const auto& [by, n] : t.by) {
      std::cout << (first ? "" : ", ") << by << " " << n;
      first = false;
    }
    std::cout << "), " << t.waiting << " waiting, " << t.no_patient << " no patient, "
              << t.test_patient << " test patient, " << t.conflict << " conflict\n";
    for (const std::string& e : t.examples) std::cout << "  wrong link: " << e << "\n";
    CPPUNIT_ASSERT(t.results >= 10000);
    CPPUNIT_ASSERT_EQUAL(0L, t.wrong);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LinkingPropertyTest);

}  // namespace onshi::test
