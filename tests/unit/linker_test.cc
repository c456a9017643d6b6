// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Linking rules of spec/orca-host.md against an in-memory host.
#include "match/linker.h"

#include <cppunit/extensions/HelperMacros.h>

#include "text/normalize.h"

namespace onshi::test {

using match::Coverage;
using match::LinkedBy;
using match::LinkState;
using match::Patient;

namespace {

class FakeHost : public match::PatientSource {
 public:
  Patient& add_patient(long long ptid, std::string ptnum, std::string name, std::string kana,
                       std::string birthday, std::string sex, bool test = false) {
    patients_.push_back({ptid, std::move(ptnum), test, std::move(name), std::move(kana),
                         std::move(birthday), std::move(sex)});
    return patients_.back();
  }
  void add_card(long long ptid, int hknid, std::string kind, std::string insurer,
                std::string symbol, std::string number, std::string branch,
                std::string family = "") {
    cards_.push_back({ptid, hknid, std::move(kind), std::move(insurer), std::move(symbol),
                      std::move(number), std::move(branch), std::move(family)});
  }
  void add_public(long long ptid, int kohid, std::string payer, std::string recipient) {
    publics_.push_back({ptid, kohid, std::move(payer), std::move(recipient)});
  }

  std::optional<Patient> by_ptnum(const std::string& ptnum) override {
    for (const Patient& p : patients_)
      if (p.ptnum == ptnum) return p;
    return std::nullopt;
  }
  std::optional<Patient> by_ptid(long long ptid) override {
    for (const Patient& p : patients_)
      if (p.ptid == ptid) return p;
    return std::nullopt;
  }
  std::vector<Coverage> by_card(const std::string& insurer, const std::string& symbol,
                                const std::string& number) override {
    std::vector<Coverage> out;
    for (const Card& c : cards_)
      if (c.insurer == insurer && c.symbol == symbol && c.number == number)
        out.push_back({*by_ptid(c.ptid), c.hknid, c.kind, c.branch, c.family});
    return out;
  }
  std::vector<Coverage> by_public_expense(const std::string& payer,
                                          const std::string& recipient) override {
    std::vector<Coverage> out;
    for (const Public& c : publics_)
      if (c.payer == payer && c.recipient == recipient)
        out.push_back({*by_ptid(c.ptid), c.kohid, "012", "", ""});
    return out;
  }
  std::vector<Patient> same_person(const std::string& kana_key, const std::string& birthday,
                                   const std::string& sex) override {
    std::vector<Patient> out;
    for (const Patient& p : patients_)
      if (text::name_match_key(p.kananame) == kana_key && p.birthday == birthday && p.sex == sex)
        out.push_back(p);
    return out;
  }

 private:
  struct Card {
    long long ptid;
    int hknid;
    std::string kind, insurer, symbol, number, branch, family;
  };
  struct Public {
    long long ptid;
    int kohid;
    std::string payer, recipient;
  };
  std::vector<Patient> patients_;
  std::vector<Card> cards_;
  std::vector<Public> publics_;
};

model::ResultOfQualificationConfirmation result(const char* insurer, const char* symbol,
                                                const char* number, const char* branch,
                                                const char* name = "テスト　太郎",
                                                const char* kana = "ﾃｽﾄ ﾀﾛｳ") {
  model::ResultOfQualificationConfirmation r;
  r.InsuredCardClassification = "01";
  r.InsurerNumber = insurer;
  if (symbol) r.InsuredCardSymbol = symbol;
  r.InsuredIdentificationNumber = number;
  if (branch) r.InsuredBranchNumber = branch;
  r.Name = name;
  r.NameKana = kana;
  r.Sex1 = "1";
  r.Birthdate = "19800415";
  return r;
}

match::ResultLink link1(FakeHost& host, const model::ResultOfQualificationConfirmation& r,
                        std::optional<long long> request = std::nullopt) {
  auto links = match::link_results({r}, request, host);
  CPPUNIT_ASSERT_EQUAL(std::size_t{1}, links.size());
  return links[0];
}

}  // namespace

class LinkerTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(LinkerTest);
  CPPUNIT_TEST(testReferenceNumberFirst);
  CPPUNIT_TEST(testRequestCorrelation);
  CPPUNIT_TEST(testExactBranchAndPadding);
  CPPUNIT_TEST(testLateElderlyHasNoBranch);
  CPPUNIT_TEST(testFillsEmptyBranchOnlyForOneCandidate);
  CPPUNIT_TEST(testOtherKnownBranchIsAnotherPerson);
  CPPUNIT_TEST(testTwinsWaitForStaff);
  CPPUNIT_TEST(testNeverLinksTestPatients);
  CPPUNIT_TEST(testNoMatchListsSameNamePatients);
  CPPUNIT_TEST(testNamesNeverLinkButDifferencesShow);
  CPPUNIT_TEST(testInsuranceAndPublicAssistanceMustAgree);
  CPPUNIT_TEST(testDependentOnTheInsuredPersonsCardWaits);
  CPPUNIT_TEST(testUnknownTwinOnTheRegisteredTwinsCardWaits);
  CPPUNIT_TEST(testMarkedNameNeedsTheKanaToAgree);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testReferenceNumberFirst() {
    FakeHost host;
    host.add_patient(123, "000123", "検証　五郎", "ケンショウ　ゴロウ", "19800415", "1");
    host.add_patient(9, "000009", "テスト　太郎", "テスト　タロウ", "19800415", "1");
    host.add_card(9, 1, "060", "138999", "千架", "101", "01");  // the card points elsewhere
    auto r = result("  138999", "千架", "202", "01", "検証　五郎", "ｹﾝｼｮｳ ｺﾞﾛｳ");
    r.ReferenceNumber = "000123";
    match::ResultLink l = link1(host, r);  // a card the host does not know yet: the number decides
    CPPUNIT_ASSERT(l.state == LinkState::linked);
    CPPUNIT_ASSERT(l.by == LinkedBy::reference_number);
    CPPUNIT_ASSERT_EQUAL(123LL, l.ptid);
    // The returned card is registered on another patient: staff decide, both listed.
    r = result("  138999", "千架", "101", "01", "検証　五郎", "ｹﾝｼｮｳ ｺﾞﾛｳ");
    r.ReferenceNumber = "000123";
    l = link1(host, r);
    CPPUNIT_ASSERT(l.state == LinkState::candidates);
    CPPUNIT_ASSERT_EQUAL(std::string("reference_conflict"), l.host_status);
    CPPUNIT_ASSERT_EQUAL(0LL, l.ptid);
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, l.candidates.size());
    // ... and links when the patient holds it too.
    host.add_card(123, 1, "060", "138999", "千架", "101", "00");
    l = link1(host, r);
    CPPUNIT_ASSERT(l.state == LinkState::linked && l.by == LinkedBy::reference_number);
    CPPUNIT_ASSERT_EQUAL(123LL, l.ptid);
    // An unknown reference number falls through to the card, whose holder is someone else
    // (both names differ): staff decide.
    r.ReferenceNumber = "999999";
    l = link1(host, r);
    CPPUNIT_ASSERT(l.state == LinkState::candidates);
    CPPUNIT_ASSERT_EQUAL(std::string("person_differs"), l.host_status);
    CPPUNIT_ASSERT_EQUAL(0LL, l.ptid);
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, l.candidates.size());
  }

  void testRequestCorrelation() {
    FakeHost host;
    host.add_patient(5, "000005", "テスト　太郎", "テスト　タロウ", "19800415", "1");
    match::ResultLink l = link1(host, result("06139999", "1234", "56789", "00"), 5);
    CPPUNIT_ASSERT(l.state == LinkState::linked && l.by == LinkedBy::request);
    CPPUNIT_ASSERT_EQUAL(5LL, l.ptid);
  }

  void testExactBranchAndPadding() {
    FakeHost host;
    host.add_patient(1, "1", "架空　次郎", "カクウ　ジロウ", "19800415", "1");
    host.add_card(1, 3, "060", "138999", "千架", "101", "00");
    match::ResultLink l =
        link1(host, result("  138999", "千架", "101", "00", "架空　次郎", "ｶｸｳ ｼﾞﾛｳ"));
    CPPUNIT_ASSERT(l.state == LinkState::linked && l.by == LinkedBy::insurance);
    CPPUNIT_ASSERT_EQUAL(3, l.coverage_id);
    CPPUNIT_ASSERT(!l.fill_branch);
    CPPUNIT_ASSERT(!l.name_differs && !l.kana_differs);
  }

  void testLateElderlyHasNoBranch() {
    FakeHost host;
    host.add_patient(2, "2", "試験　松子", "シケン　マツコ", "19440310", "2");
    host.add_card(2, 1, "039", "39139999", "", "00123456", "");
    auto r = result("39139999", nullptr, "00123456", nullptr, "試験　松子", "ｼｹﾝ ﾏﾂｺ");
    r.Birthdate = "19440310";
    match::ResultLink l = link1(host, r);
    CPPUNIT_ASSERT(l.state == LinkState::linked);
    CPPUNIT_ASSERT(!l.fill_branch);
    CPPUNIT_ASSERT(match::is_late_elderly("39139999", ""));
    CPPUNIT_ASSERT(!match::is_late_elderly("  138999", "060"));
  }

  void testFillsEmptyBranchOnlyForOneCandidate() {
    FakeHost host;
    host.add_patient(1, "1", "テスト　太郎", "テスト　タロウ", "19800415", "1");
    host.add_card(1, 1, "001", "06139999", "1234", "56789", "");
    match::ResultLink l = link1(host, result("06139999", "1234", "56789", "00"));
    CPPUNIT_ASSERT(l.state == LinkState::linked);
    CPPUNIT_ASSERT_EQUAL(std::string("00"), l.fill_branch.value_or("none"));
    CPPUNIT_ASSERT_EQUAL(std::string("branch_missing"), l.host_status);
    host.add_patient(4, "4", "テスト　花子", "テスト　ハナコ", "19800415", "2");  // a twin
    host.add_card(4, 1, "001", "06139999", "1234", "56789", "");
    l = link1(host, result("06139999", "1234", "56789", "00"));
    CPPUNIT_ASSERT(l.state == LinkState::candidates);
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, l.candidates.size());
    CPPUNIT_ASSERT(!l.fill_branch);
    // A parent and a child on one card without branch numbers: the birthdate separates them.
    host.add_patient(5, "5", "テスト　次子", "テスト　ツギコ", "20100101", "2");
    host.add_card(5, 1, "001", "06139999", "1234", "56789", "");
    auto child = result("06139999", "1234", "56789", "02", "テスト　次子", "ﾃｽﾄ ﾂｷﾞｺ");
    child.Birthdate = "20100101";
    l = link1(host, child);
    CPPUNIT_ASSERT(l.state == LinkState::linked);
    CPPUNIT_ASSERT_EQUAL(5LL, l.ptid);
    CPPUNIT_ASSERT_EQUAL(std::string("02"), l.fill_branch.value_or(""));
  }

  void testOtherKnownBranchIsAnotherPerson() {
    FakeHost host;
    host.add_patient(1, "1", "架空　一郎", "カクウ　イチロウ", "19700101", "1");
    host.add_card(1, 1, "001", "01130012", "40110203", "9999", "00");
    match::ResultLink l =
        link1(host, result("01130012", "40110203", "9999", "01", "架空　花子", "ｶｸｳ ﾊﾅｺ"));
    CPPUNIT_ASSERT(l.state == LinkState::no_patient);
    CPPUNIT_ASSERT(l.candidates.empty());
  }

  void testTwinsWaitForStaff() {
    FakeHost host;
    host.add_patient(10, "10", "テスト　一子", "テスト　イチコ", "20150505", "2");
    host.add_patient(11, "11", "テスト　二郎", "テスト　ジロウ", "20150505", "1");
    host.add_card(10, 1, "001", "06139999", "77", "3030", "01");
    host.add_card(11, 1, "001", "06139999", "77", "3030", "02");
    auto a = result("06139999", "77", "3030", "01", "テスト　一子", "ﾃｽﾄ ｲﾁｺ");
    auto b = result("06139999", "77", "3030", "02", "テスト　二郎", "ﾃｽﾄ ｼﾞﾛｳ");
    auto links = match::link_results({a, b}, 10, host);
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, links.size());
    for (const auto& l : links) {
      CPPUNIT_ASSERT(l.state == LinkState::candidates);
      CPPUNIT_ASSERT_EQUAL(std::size_t{1}, l.candidates.size());
      CPPUNIT_ASSERT_EQUAL(0LL, l.ptid);
    }
    CPPUNIT_ASSERT_EQUAL(10LL, links[0].candidates[0]);
    CPPUNIT_ASSERT_EQUAL(11LL, links[1].candidates[0]);
  }

  void testNeverLinksTestPatients() {
    FakeHost host;
    host.add_patient(99, "99", "テスト　太郎", "テスト　タロウ", "19800415", "1", true);
    host.add_card(99, 1, "001", "06139999", "1234", "56789", "00");
    match::ResultLink l = link1(host, result("06139999", "1234", "56789", "00"));
    CPPUNIT_ASSERT(l.state == LinkState::test_patient);
    CPPUNIT_ASSERT_EQUAL(0LL, l.ptid);
    auto r = result("06139999", "1234", "56789", "00");
    r.ReferenceNumber = "99";
    CPPUNIT_ASSERT(link1(host, r).state == LinkState::test_patient);
    // Same-name listing leaves test patients out too.
    CPPUNIT_ASSERT(link1(host, result("06139999", "1", "2", "00")).state == LinkState::no_patient);
  }

  void testNoMatchListsSameNamePatients() {
    FakeHost host;
    host.add_patient(20, "20", "テスト　太郎", "テスト　タロウ", "19800415", "1");
    host.add_patient(21, "21", "手巣戸　太郎", "テスト　タロウ", "19800415", "1");
    host.add_patient(22, "22", "テスト　太郎", "テスト　タロウ", "19800416", "1");
    match::ResultLink l = link1(host, result("06139999", "1234", "56789", "00"));
    CPPUNIT_ASSERT(l.state == LinkState::candidates);
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, l.candidates.size());
    CPPUNIT_ASSERT_EQUAL(0LL, l.ptid);
  }

  void testNamesNeverLinkButDifferencesShow() {
    FakeHost host;
    host.add_patient(1, "1", "吉田　四郎", "ヨシダ　シロウ", "19701225", "1");
    host.add_card(1, 1, "001", "06139999", "1", "2233", "00");
    auto r = result("06139999", "1", "2233", "00", "●田　四郎", "ﾖｼﾀﾞ ｼﾛｳ");
    r.Birthdate = "19701225";
    match::ResultLink l = link1(host, r);
    CPPUNIT_ASSERT(l.state == LinkState::linked);
    CPPUNIT_ASSERT(l.name_unrepresentable);
    CPPUNIT_ASSERT(l.name_differs && !l.kana_differs);
    CPPUNIT_ASSERT(l.host_status.empty());
    // Same card and birthdate, both names different: another person on that card.
    r = result("06139999", "1", "2233", "00", "別人　花子", "ﾍﾞﾂｼﾞﾝ ﾊﾅｺ");
    r.Birthdate = "19701225";
    l = link1(host, r);
    CPPUNIT_ASSERT(l.state == LinkState::candidates);
    CPPUNIT_ASSERT_EQUAL(std::string("person_differs"), l.host_status);
    CPPUNIT_ASSERT_EQUAL(0LL, l.ptid);
    // By reference number both names different is suspect: never linked, staff decide.
    r.ReferenceNumber = "1";
    l = link1(host, r);
    CPPUNIT_ASSERT(l.state == LinkState::candidates);
    CPPUNIT_ASSERT_EQUAL(std::string("suspect"), l.host_status);
    CPPUNIT_ASSERT_EQUAL(1LL, l.candidates.at(0));
    CPPUNIT_ASSERT_EQUAL(0LL, l.ptid);
  }

  void testInsuranceAndPublicAssistanceMustAgree() {
    FakeHost host;
    host.add_patient(1, "1", "架空　六郎", "カクウ　ロクロウ", "19800415", "1");
    host.add_patient(2, "2", "架空　六郎", "カクウ　ロクロウ", "19800415",
                     "1");  // same name, another person
    host.add_card(1, 1, "060", "138999", "千架", "55", "00");
    host.add_public(1, 1, "12139999", "1234567");
    auto ins = result("  138999", "千架", "55", "00", "架空　六郎", "ｶｸｳ ﾛｸﾛｳ");
    auto pub = result("12139999", nullptr, "1234567", nullptr, "架空　六郎", "ｶｸｳ ﾛｸﾛｳ");
    pub.InsuredCardClassification = "A1";
    auto links = match::link_results({ins, pub}, std::nullopt, host);
    CPPUNIT_ASSERT(links[0].state == LinkState::linked && links[1].state == LinkState::linked);
    CPPUNIT_ASSERT(links[1].by == LinkedBy::public_expense);
    host.add_public(2, 1, "12139999", "7654321");
    pub.InsuredIdentificationNumber = "7654321";
    links = match::link_results({ins, pub}, std::nullopt, host);
    CPPUNIT_ASSERT(links[0].state == LinkState::conflict && links[1].state == LinkState::conflict);
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, links[0].candidates.size());
  }

  /// Only the insured person is registered (class 1, no branch number, as every patient after the
  /// upgrade); his dependent checks in on the same card: never linked to him, no branch filled.
  void testDependentOnTheInsuredPersonsCardWaits() {
    FakeHost host;
    host.add_patient(30, "30", "架空　一郎", "カクウ　イチロウ", "19700101", "1");
    host.add_card(30, 1, "001", "01130012", "40110203", "1122", "", "1");
    auto r = result("01130012", "40110203", "1122", "02", "架空　花子", "ｶｸｳ ﾊﾅｺ");
    r.PersonalFamilyClassification = "2";
    r.Sex1 = "2";
    r.Birthdate = "19750505";
    match::ResultLink l = link1(host, r);
    CPPUNIT_ASSERT(l.state == LinkState::candidates);
    CPPUNIT_ASSERT_EQUAL(std::string("person_differs"), l.host_status);
    CPPUNIT_ASSERT_EQUAL(0LL, l.ptid);
    CPPUNIT_ASSERT(!l.fill_branch);
    CPPUNIT_ASSERT_EQUAL(30LL, l.candidates.at(0));
    // Same birthdate and names but the other class: still not him.
    r = result("01130012", "40110203", "1122", "02", "架空　一郎", "ｶｸｳ ｲﾁﾛｳ");
    r.Birthdate = "19700101";
    r.PersonalFamilyClassification = "2";
    CPPUNIT_ASSERT(link1(host, r).state == LinkState::candidates);
    // He himself links, and his branch number is filled.
    r.PersonalFamilyClassification = "1";
    r.InsuredBranchNumber = "00";
    l = link1(host, r);
    CPPUNIT_ASSERT(l.state == LinkState::linked);
    CPPUNIT_ASSERT_EQUAL(30LL, l.ptid);
    CPPUNIT_ASSERT_EQUAL(std::string("00"), l.fill_branch.value_or(""));
  }

  /// A twin the clinic does not know checks in on the registered twin's card (same numbers,
  /// same birthdate, no branch numbers on the host): the different name makes it wait.
  void testUnknownTwinOnTheRegisteredTwinsCardWaits() {
    FakeHost host;
    host.add_patient(40, "40", "テスト　一子", "テスト　イチコ", "20150505", "2");
    host.add_card(40, 1, "006", "06139999", "77", "3030", "", "2");
    auto r = result("06139999", "77", "3030", "02", "テスト　二郎", "ﾃｽﾄ ｼﾞﾛｳ");
    r.Birthdate = "20150505";
    r.PersonalFamilyClassification = "2";
    match::ResultLink l = link1(host, r);
    CPPUNIT_ASSERT(l.state == LinkState::candidates);
    CPPUNIT_ASSERT_EQUAL(0LL, l.ptid);
    CPPUNIT_ASSERT(!l.fill_branch);
    // The registered twin herself links.
    r = result("06139999", "77", "3030", "01", "テスト　一子", "ﾃｽﾄ ｲﾁｺ");
    r.Birthdate = "20150505";
    r.PersonalFamilyClassification = "2";
    r.Sex1 = "2";
    l = link1(host, r);
    CPPUNIT_ASSERT(l.state == LinkState::linked);
    CPPUNIT_ASSERT_EQUAL(40LL, l.ptid);
  }

  /// Found by the linking property test (tests/db/linking_property_test.cc, seed 20260613): on a
  /// host row from before 5.2 (no branch number, no insured/dependent class) the unknown twin's
  /// kanji name came back with the mark, so only the kana could be compared, and it differed; the
  /// result was linked to the registered twin. A name that cannot be compared does not agree.
  void testMarkedNameNeedsTheKanaToAgree() {
    FakeHost host;
    host.add_patient(41, "41", "吉田　一子", "ヨシダ　イチコ", "20150505", "2");
    host.add_card(41, 1, "006", "06139999", "77", "3030", "", "");
    auto r = result("06139999", "77", "3030", "02", "●田　二郎", "ﾖｼﾀﾞ ｼﾞﾛｳ");
    r.Birthdate = "20150505";
    r.PersonalFamilyClassification = "2";
    match::ResultLink l = link1(host, r);
    CPPUNIT_ASSERT(l.state == LinkState::candidates);
    CPPUNIT_ASSERT_EQUAL(std::string("person_differs"), l.host_status);
    CPPUNIT_ASSERT_EQUAL(0LL, l.ptid);
    CPPUNIT_ASSERT(!l.fill_branch);
    // No kanji name at all: the same.
    r.Name.reset();
    l = link1(host, r);
    CPPUNIT_ASSERT(l.state == LinkState::candidates);
    CPPUNIT_ASSERT_EQUAL(0LL, l.ptid);
    // The registered twin herself with a marked name: the kana agrees, she links and the
    // branch number is filled.
    r = result("06139999", "77", "3030", "01", "●田　一子", "ﾖｼﾀﾞ ｲﾁｺ");
    r.Birthdate = "20150505";
    r.PersonalFamilyClassification = "2";
    r.Sex1 = "2";
    l = link1(host, r);
    CPPUNIT_ASSERT(l.state == LinkState::linked);
    CPPUNIT_ASSERT_EQUAL(41LL, l.ptid);
    CPPUNIT_ASSERT(l.fill_branch && *l.fill_branch == "01");
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LinkerTest);

}  // namespace onshi::test
