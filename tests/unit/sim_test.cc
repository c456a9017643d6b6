// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The terminal simulator: every request kind answered from the demo scenario and read back with
// the hardened reader; check-in files; the folder loop over copies of the fixture requests; faults.
#include <cppunit/extensions/HelperMacros.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/error.h"
#include "sim/responder.h"
#include "sim/scenario.h"
#include "sim/terminal.h"
#include "support/fixtures.h"
#include "text/normalize.h"
#include "xml/reader.h"
#include "xml/writer.h"

namespace onshi::test {

using model::Document;
using model::MessageKind;
using sim::Reply;

namespace {

namespace fs = std::filesystem;

std::string demo_path() {
  const char* src = std::getenv("ONSHI_SRCDIR");
  for (std::string dir :
       {std::string(src && *src ? src : ".."), std::string("."), std::string("..")})
    if (fs::exists(dir + "/tests/sim/scenario-demo.json"))
      return dir + "/tests/sim/scenario-demo.json";
  throw std::runtime_error("tests/sim/scenario-demo.json not found (set ONSHI_SRCDIR)");
}

/// A file of tests/fixtures/refnum/ (reference-number update and delete; README there).
std::string refnum_fixture(const std::string& name) {
  const std::string demo = demo_path();
  return read_all(demo.substr(0, demo.size() - std::string("tests/sim/scenario-demo.json").size()) +
                  "tests/fixtures/refnum/" + name);
}

/// A file of tests/fixtures/pubassist/ (public assistance, OQSmutic; README there).
std::string pubassist_fixture(const std::string& name) {
  const std::string demo = demo_path();
  return read_all(demo.substr(0, demo.size() - std::string("tests/sim/scenario-demo.json").size()) +
                  "tests/fixtures/pubassist/" + name);
}

sim::Scenario demo() {
  return sim::load_scenario(demo_path());
}

sim::Clock::time_point at(const char* stamp) {
  sim::Clock::time_point t;
  if (!sim::parse_stamp14(stamp, t)) throw std::runtime_error("bad stamp");
  return t;
}

sim::Responder::Now fixed(const char* stamp) {
  sim::Clock::time_point t = at(stamp);
  return [t] { return t; };
}

std::string req(const std::string& name) {
  return read_all(fixtures_dir() + "/req/" + name);
}

/// The answer's bytes read back by the hardened reader (kind from the answer's file name).
Document read_back(const Reply& r) {
  CPPUNIT_ASSERT(r.action == Reply::Action::answer);
  model::FileName fn = model::classify_file_name(r.file_name);
  CPPUNIT_ASSERT(fn.kind != MessageKind::unknown);
  return xml::read_document(r.bytes, fn.kind, r.file_name);
}

std::string v(const model::Text& t) {
  return t ? *t : std::string("<absent>");
}

std::string write_request(const Document& d) {
  return xml::write_document(d, model::Encoding::utf8);
}

Document download_request(MessageKind kind, const std::string& reception) {
  Document d = Document::make(kind);
  d.header.MedicalInstitutionCode = "1312345678";
  d.as<model::ReceptionBody>().ReceptionNumber = reception;
  return d;
}

bool is_reception_number(const std::string& s) {
  if (s.size() != 22 || s[17] != '_') return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (i != 17 && (s[i] < '0' || s[i] > '9')) return false;
  return true;
}

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

class SimTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(SimTest);
  CPPUNIT_TEST(testDemoScenarioLoads);
  CPPUNIT_TEST(testScenarioErrorsNamePath);
  CPPUNIT_TEST(testPopulation);
  CPPUNIT_TEST(testQualificationValid);
  CPPUNIT_TEST(testQualificationInvalidAndNewer);
  CPPUNIT_TEST(testQualificationNoMatch);
  CPPUNIT_TEST(testQualificationTwins);
  CPPUNIT_TEST(testQualificationUnknownInsurer);
  CPPUNIT_TEST(testQualificationCp932);
  CPPUNIT_TEST(testRegistrationSuccessAndRefusal);
  CPPUNIT_TEST(testReferenceNumberUpdateAndDelete);
  CPPUNIT_TEST(testEntrustedRetrievalAndFixtures);
  CPPUNIT_TEST(testBulkInquiry);
  CPPUNIT_TEST(testBulkUnknownReception);
  CPPUNIT_TEST(testBulkRegistration);
  CPPUNIT_TEST(testDrugXml);
  CPPUNIT_TEST(testDiagnosisXmlAndPdf);
  CPPUNIT_TEST(testDrugNoConsent);
  CPPUNIT_TEST(testDrugPdf);
  CPPUNIT_TEST(testCheckupXml);
  CPPUNIT_TEST(testCheckIn);
  CPPUNIT_TEST(testCheckInSpecialPeople);
  CPPUNIT_TEST(testMakePdf);
  CPPUNIT_TEST(testFolderOnceWithFixtures);
  CPPUNIT_TEST(testFaultErrEvery);
  CPPUNIT_TEST(testFaultPersonErr);
  CPPUNIT_TEST(testFaultMalformed);
  CPPUNIT_TEST(testFaultSilent);
  CPPUNIT_TEST(testUnreadableRequest);
  CPPUNIT_TEST(testRunLoopAnswersAndStops);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testDemoScenarioLoads() {
    sim::Scenario s = demo();
    CPPUNIT_ASSERT_EQUAL(std::string("1312345678"), s.institution_code);
    CPPUNIT_ASSERT(s.people.size() >= 15);
    CPPUNIT_ASSERT(s.find("taro") && s.find("mutsuko") && s.find("shiro") && s.find("towa"));
    CPPUNIT_ASSERT(text::has_unrepresentable_mark(*s.find("shiro")->card.Name));
    CPPUNIT_ASSERT_EQUAL(std::string("6"), s.find("mutsuko")->validity);
    CPPUNIT_ASSERT(s.knows_insurer("138999"));
    CPPUNIT_ASSERT(!s.knows_insurer("  138990"));
    CPPUNIT_ASSERT(s.find("faulty")->fault == sim::Fault::err);
  }

  /// A population adds people the scenario does not have (their insurers become known, requests
  /// about them are answered); a duplicate id or an unknown key adds nothing and names the path.
  void testPopulation() {
    sim::Scenario s = demo();
    const std::size_t before = s.people.size();
    const std::string person =
        R"({"id": "seed-1-1001", "card": {"InsuredCardClassification": "01",
            "InsurerNumber": "01268531", "InsuredCardSymbol": "07042695",
            "InsuredIdentificationNumber": "9048", "InsuredBranchNumber": "00",
            "Name": "X", "Sex1": "2", "Birthdate": "19870126", "InsurerName": "Y"}})";
    CPPUNIT_ASSERT(!s.knows_insurer("01268531"));
    sim::add_population(s, json::parse(R"({"_comment": "c", "people": [)" + person + "]}"));
    CPPUNIT_ASSERT_EQUAL(before + 1, s.people.size());
    CPPUNIT_ASSERT(s.find("seed-1-1001") && s.find("taro"));
    CPPUNIT_ASSERT(s.knows_insurer("01268531"));
    auto error_of = [&s](const std::string& text) -> std::string {
      try {
        sim::add_population(s, json::parse(text));
      } catch (const Error& e) {
        return e.what();
      }
      return "";
    };
    const std::string taro = R"({"id": "taro", )" + person.substr(person.find("\"card\""));
    const std::string other = R"({"id": "seed-1-1002", )" + person.substr(person.find("\"card\""));
    CPPUNIT_ASSERT(error_of(R"({"people": [)" + other + ", " + taro + "]}")
                       .find("people[1].id: duplicate id \"taro\"") != std::string::npos);
    CPPUNIT_ASSERT(error_of(R"({"people": [], "settings": {}})").find("settings: unknown key") !=
                   std::string::npos);
    CPPUNIT_ASSERT(error_of(R"({"persons": []})").find("persons: unknown key") !=
                   std::string::npos);
    CPPUNIT_ASSERT(error_of("{}").find("people: required") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(before + 1, s.people.size());  // nothing of a refused population
    CPPUNIT_ASSERT(!s.find("seed-1-1002"));
  }

  void testScenarioErrorsNamePath() {
    auto error_of = [](const std::string& text) -> std::string {
      try {
        sim::scenario_from_json(json::parse(text));
      } catch (const Error& e) {
        return e.what();
      }
      return "";
    };
    const std::string card =
        R"("card": {"InsuredCardClassification": "01", "InsurerNumber": "06139999",
            "InsuredIdentificationNumber": "1", "Name": "X", "Sex1": "1",
            "Birthdate": "19800231", "InsurerName": "Y"})";
    std::string good_card = card;
    good_card.replace(good_card.find("19800231"), 8, "19800131");
    std::string e =
        error_of(R"({"institution_code": "1312345678", "people": [{"id": "a", )" + card + "}]}");
    CPPUNIT_ASSERT_MESSAGE(e, e.find("people[0].card.Birthdate") != std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(e, e.find("calendar") != std::string::npos);
    e = error_of(R"({"institution_code": "1312345678", "people": [{"id": "a", "colour": "red"}]})");
    CPPUNIT_ASSERT_MESSAGE(e, e.find("people[0].colour: unknown key") != std::string::npos);
    e = error_of(R"({"institution_code": "131234567", "people": []})");
    CPPUNIT_ASSERT_MESSAGE(e, e.find("institution_code") != std::string::npos);
    e = error_of(R"({"institution_code": "1312345678", "settings": {"encoding": "latin1"},
                     "people": []})");
    CPPUNIT_ASSERT_MESSAGE(e, e.find("settings.encoding") != std::string::npos);
    e = error_of(R"({"institution_code": "1312345678", "people": [{"id": "a", "card":
                     {"PharmacistsInfoConsFlg": "1"}}]})");
    CPPUNIT_ASSERT_MESSAGE(e, e.find("people[0].card.PharmacistsInfoConsFlg") != std::string::npos);
    e = error_of(R"({"institution_code": "1312345678", "people": [{"id": "a", "validity": 2, )" +
                 card.substr(0, card.find("19800231")) + R"(19800131", "InsurerName": "Y"}}]})");
    CPPUNIT_ASSERT_MESSAGE(e, e.find("DisqualificationDate") != std::string::npos);
    e = error_of(R"({"institution_code": "1312345678", "people": [{"id": "a", "consents":
                     {"telepathy": true}, )" +
                 good_card + "}]}");
    CPPUNIT_ASSERT_MESSAGE(e, e.find("people[0].consents.telepathy") != std::string::npos);
  }

  void testQualificationValid() {
    sim::Responder r(demo(), fixed("20250612100105"));
    Reply rep = r.respond("OQSsiquc01req_202506120001.xml", req("OQSsiquc01req_202506120001.xml"));
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsiquc01res_202506120001.xml"), rep.file_name);
    Document d = read_back(rep);
    CPPUNIT_ASSERT(d.kind == MessageKind::OQSsiquc01res);
    CPPUNIT_ASSERT_EQUAL(std::string("2"), v(d.header.ReferenceClassification));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(d.header.SegmentOfResult));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), v(d.header.CharacterCodeIdentifier));
    CPPUNIT_ASSERT_EQUAL(std::string("20250612100105"), v(d.header.ProcessExecutionTime));
    CPPUNIT_ASSERT_EQUAL(std::string("202506120001"), v(d.header.ArbitraryFileIdentifier));
    CPPUNIT_ASSERT_EQUAL(std::string("20250612"), v(d.header.QualificationConfirmationDate));
    const auto& b = d.as<model::QualificationResultBody>();
    CPPUNIT_ASSERT_EQUAL(std::string("000124"),
                         v(b.QualificationConfirmSearchInfo->ArbitraryIdentifier));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(b.ProcessingResultStatus));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(b.QualificationValidity));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), b.Results.size());
    CPPUNIT_ASSERT_EQUAL(v(demo().find("kenichi")->card.Name), v(b.Results[0].Name));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         v(b.Results[0].LimitApplicationCertificateRelatedConsFlg));
    CPPUNIT_ASSERT_EQUAL(std::string("20250612100104"),
                         v(b.Results[0].LimitApplicationCertificateRelatedConsTime));
    CPPUNIT_ASSERT_EQUAL(std::string("A04"),
                         v(b.Results[0]
                               .LimitApplicationCertificateRelatedInfo
                               ->LimitApplicationCertificateClassificationFlag));
    CPPUNIT_ASSERT_EQUAL(std::string("000124"), v(b.Results[0].ReferenceNumber));
    CPPUNIT_ASSERT(!b.Results[0].PharmacistsInfoConsFlg);  // no reader consents on this route
  }

  void testQualificationInvalidAndNewer() {
    sim::Responder r(demo(), fixed("20250612100312"));
    Document d = read_back(
        r.respond("OQSsiquc01req_202506120002.xml", req("OQSsiquc01req_202506120002.xml")));
    auto& b = d.as<model::QualificationResultBody>();
    CPPUNIT_ASSERT_EQUAL(std::string("2"), v(b.QualificationValidity));
    CPPUNIT_ASSERT_EQUAL(std::string("20250331"), v(b.Results.at(0).DisqualificationDate));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         v(b.Results.at(0).LimitApplicationCertificateRelatedConsFlg));
    CPPUNIT_ASSERT(!b.Results.at(0).LimitApplicationCertificateRelatedInfo);
    CPPUNIT_ASSERT(!b.Results.at(0).InsuredBranchNumber);
    d = read_back(
        r.respond("OQSsiquc01req_202506120003.xml", req("OQSsiquc01req_202506120003.xml")));
    auto& b3 = d.as<model::QualificationResultBody>();
    CPPUNIT_ASSERT_EQUAL(std::string("3"), v(b3.QualificationValidity));
    CPPUNIT_ASSERT_EQUAL(std::string("20250430"), v(b3.Results.at(0).DisqualificationDate));
  }

  void testQualificationNoMatch() {
    sim::Responder r(demo(), fixed("20250612100530"));
    Document d = read_back(
        r.respond("OQSsiquc01req_202506120004.xml", req("OQSsiquc01req_202506120004.xml")));
    auto& b = d.as<model::QualificationResultBody>();
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(b.ProcessingResultStatus));
    CPPUNIT_ASSERT_EQUAL(std::string("4"), v(b.QualificationValidity));
    CPPUNIT_ASSERT(b.Results.empty());
    CPPUNIT_ASSERT_EQUAL(std::string("  138999"),
                         v(b.QualificationConfirmSearchInfo->InsurerNumber));
    CPPUNIT_ASSERT(rep_has_no_result_list(r));
  }

  bool rep_has_no_result_list(sim::Responder& r) {
    Reply rep = r.respond("OQSsiquc01req_202506120004.xml", req("OQSsiquc01req_202506120004.xml"));
    return rep.bytes.find("ResultList") == std::string::npos;
  }

  void testQualificationTwins() {
    sim::Responder r(demo(), fixed("20250612100640"));
    Document d = read_back(
        r.respond("OQSsiquc01req_202506120005.xml", req("OQSsiquc01req_202506120005.xml")));
    auto& b = d.as<model::QualificationResultBody>();
    CPPUNIT_ASSERT_EQUAL(std::string("5"), v(b.QualificationValidity));
    CPPUNIT_ASSERT_EQUAL(std::string(""), v(b.QualificationConfirmSearchInfo->InsuredBranchNumber));
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), b.Results.size());
    CPPUNIT_ASSERT_EQUAL(std::string("01"), v(b.Results[0].InsuredBranchNumber));
    CPPUNIT_ASSERT_EQUAL(std::string("02"), v(b.Results[1].InsuredBranchNumber));
    CPPUNIT_ASSERT_EQUAL(v(demo().find("jiro_twin")->card.Name), v(b.Results[1].Name));

    // With the branch number the same card yields one person.
    Document q =
        xml::read_document(req("OQSsiquc01req_202506120005.xml"), MessageKind::OQSsiquc01req, "q");
    q.as<model::QualificationRequestBody>().QualificationConfirmSearchInfo->InsuredBranchNumber =
        "02";
    Document one = read_back(r.respond("OQSsiquc01req_202506129001.xml", write_request(q)));
    auto& b1 = one.as<model::QualificationResultBody>();
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(b1.QualificationValidity));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), b1.Results.size());
    CPPUNIT_ASSERT_EQUAL(std::string("02"), v(b1.Results[0].InsuredBranchNumber));
  }

  void testQualificationUnknownInsurer() {
    sim::Responder r(demo(), fixed("20250612100750"));
    std::string bytes = req("OQSsiquc01req_202506120006.xml");  // Shift_JIS request
    Reply rep = r.respond("OQSsiquc01req_202506120006.xml", bytes);
    Document d = read_back(rep);
    CPPUNIT_ASSERT(d.encoding == model::Encoding::utf8);  // answered in the configured encoding
    auto& b = d.as<model::QualificationResultBody>();
    CPPUNIT_ASSERT_EQUAL(std::string("2"), v(b.ProcessingResultStatus));
    CPPUNIT_ASSERT_EQUAL(std::string("EOQS2001"), v(b.ProcessingResultCode));
    CPPUNIT_ASSERT_EQUAL(demo().messages.unknown_insurer.text, v(b.ProcessingResultMessage));
    CPPUNIT_ASSERT(!b.QualificationValidity);
    CPPUNIT_ASSERT(b.Results.empty());
    CPPUNIT_ASSERT_EQUAL(std::string("  138990"),
                         v(b.QualificationConfirmSearchInfo->InsurerNumber));
  }

  void testQualificationCp932() {
    sim::Scenario s = demo();
    s.settings.encoding = model::Encoding::cp932;
    sim::Responder r(s, fixed("20250612100105"));
    Reply rep = r.respond("OQSsiquc01req_202506120004.xml", req("OQSsiquc01req_202506120004.xml"));
    CPPUNIT_ASSERT(rep.bytes.find("encoding=\"Shift_JIS\"") != std::string::npos);
    Document d = read_back(rep);
    CPPUNIT_ASSERT(d.encoding == model::Encoding::cp932);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(d.header.CharacterCodeIdentifier));
    Document u =
        xml::read_document(req("OQSsiquc01req_202506120004.xml"), MessageKind::OQSsiquc01req, "u");
    CPPUNIT_ASSERT_EQUAL(v(u.as<model::QualificationRequestBody>()
                               .QualificationConfirmSearchInfo->InsuredCardSymbol),
                         v(d.as<model::QualificationResultBody>()
                               .QualificationConfirmSearchInfo->InsuredCardSymbol));
    // The twins' names survive CP932.
    Document t = read_back(
        r.respond("OQSsiquc01req_202506120005.xml", req("OQSsiquc01req_202506120005.xml")));
    CPPUNIT_ASSERT_EQUAL(v(s.find("ichiko")->card.Name),
                         v(t.as<model::QualificationResultBody>().Results.at(0).Name));
  }

  // 委託先資格情報の一括取得 (OQSmutic): the fixtures' requests are answered with the tickets of
  // the asked month; the fixtures are accepted or refused as their README says.
  void testEntrustedRetrievalAndFixtures() {
    sim::Scenario sc = demo();
    sc.settings.still_processing = 0;
    sim::Responder r(sc, fixed("20250630180102"));
    const std::string up = pubassist_fixture("req/OQSmutic01req_202506300001.xml");
    Reply a = r.respond("OQSmutic01req_202506300001.xml", up);
    CPPUNIT_ASSERT(a.action == Reply::Action::answer);
    CPPUNIT_ASSERT_EQUAL(std::string("OQSmutic01res_202506300001.xml"), a.file_name);
    model::Document ans = xml::read_document(a.bytes, MessageKind::OQSmutic01res, a.file_name);
    const std::string rn = *ans.as<model::ReceptionBody>().ReceptionNumber;
    model::Document down = model::Document::make(MessageKind::OQSmutic02req);
    down.header.MedicalInstitutionCode = "1312345678";
    down.as<model::ReceptionBody>().ReceptionNumber = rn;
    Reply f = r.respond("OQSmutic02req_202506300002.xml",
                        xml::write_document(down, model::Encoding::utf8));
    model::Document fin = xml::read_document(f.bytes, MessageKind::OQSmutic02res, f.file_name);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), *fin.header.SegmentOfResult);
    const auto& units = fin.as<model::BulkConfirmBody>().BulkConfirmUnit;
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), units.size());  // mutsuko's ticket of 202506
    CPPUNIT_ASSERT_EQUAL(
        std::string("0012345"),
        *units[0].Results[0].PublicExpenseResultList->MedicalTicketInfo[0].IssueNumber);
    CPPUNIT_ASSERT(!units[0].QualificationConfirmSearchInfo);
    for (const char* name :
         {"req/OQSmutic02req_202506300002.xml", "res/OQSmutic01res_202506300001.xml",
          "res/OQSmutic02res_202506300002.xml",
          "face/OQSsiquc01res_face_13123456780a1b2c3d4e5f60718293_20250612140000.xml"}) {
      const std::string base = std::string(name).substr(std::string(name).find('/') + 1);
      const model::FileName fn = model::classify_file_name(base);
      CPPUNIT_ASSERT_NO_THROW_MESSAGE(name,
                                      xml::read_document(pubassist_fixture(name), fn.kind, base));
    }
    for (const char* name :
         {"bad/OQSmutic01req_202506300003.xml", "bad/OQSmutic01req_202506300004.xml",
          "bad/OQSmutic02res_202506300005.xml"}) {
      const std::string base = std::string(name).substr(4);
      const model::FileName fn = model::classify_file_name(base);
      CPPUNIT_ASSERT_THROW_MESSAGE(name, xml::read_document(pubassist_fixture(name), fn.kind, base),
                                   RefusedError);
    }
  }

  void testReferenceNumberUpdateAndDelete() {
    sim::Responder r(demo(), fixed("20250613100901"));
    CPPUNIT_ASSERT_EQUAL(std::string("000124"), *r.reference_number("kenichi"));
    // Update: a new number for the same card replaces the registered one.
    Document up = read_back(r.respond("OQSsiimm01req_202506130001.xml",
                                      refnum_fixture("req/OQSsiimm01req_202506130001.xml")));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         v(up.as<model::ReferenceRegistrationResultBody>().ProcessingResultStatus));
    CPPUNIT_ASSERT_EQUAL(std::string("A00124"), *r.reference_number("kenichi"));
    // Delete: an empty number; the echo carries it empty; a second delete is refused.
    Document del = read_back(r.respond("OQSsiimm01req_202506130002.xml",
                                       refnum_fixture("req/OQSsiimm01req_202506130002.xml")));
    const auto& d = del.as<model::ReferenceRegistrationResultBody>();
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(d.ProcessingResultStatus));
    CPPUNIT_ASSERT_EQUAL(std::string(""), v(d.ReferenceNumberRegistrationInfo->ReferenceNumber));
    CPPUNIT_ASSERT(!r.reference_number("kenichi"));
    Document again = read_back(r.respond("OQSsiimm01req_202506130009.xml",
                                         refnum_fixture("req/OQSsiimm01req_202506130002.xml")));
    CPPUNIT_ASSERT_EQUAL(
        std::string("2"),
        v(again.as<model::ReferenceRegistrationResultBody>().ProcessingResultStatus));
    // The fixtures' answers read as documented; a bulk upload with an empty number is refused.
    for (const char* f :
         {"res/OQSsiimm01res_202506130001.xml", "res/OQSsiimm01res_202506130002.xml",
          "res/OQSsiimm01res_202506130003.xml", "bad/OQSsiimm01res_202506130004.xml",
          "bad/OQSsiimm01res_202506130005.xml"})
      xml::read_document(refnum_fixture(f), MessageKind::OQSsiimm01res, f);
    bool refused = false;
    try {
      xml::read_document(refnum_fixture("bad/OQSmuimm01req_202506130006.xml"),
                         MessageKind::OQSmuimm01req, "OQSmuimm01req_202506130006.xml");
    } catch (const std::exception& e) {
      refused = std::string(e.what()).find("ReferenceNumber") != std::string::npos;
    }
    CPPUNIT_ASSERT(refused);
  }

  void testRegistrationSuccessAndRefusal() {
    sim::Responder r(demo(), fixed("20250612100901"));
    Document ok = read_back(
        r.respond("OQSsiimm01req_202506120007.xml", req("OQSsiimm01req_202506120007.xml")));
    auto& b = ok.as<model::ReferenceRegistrationResultBody>();
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(b.ProcessingResultStatus));
    CPPUNIT_ASSERT(!b.ProcessingResultCode);
    CPPUNIT_ASSERT_EQUAL(std::string("000124"),
                         v(b.ReferenceNumberRegistrationInfo->ReferenceNumber));
    CPPUNIT_ASSERT_EQUAL(std::string("202506120007"), v(ok.header.ArbitraryFileIdentifier));

    Document no = read_back(
        r.respond("OQSsiimm01req_202506120008.xml", req("OQSsiimm01req_202506120008.xml")));
    auto& n = no.as<model::ReferenceRegistrationResultBody>();
    CPPUNIT_ASSERT_EQUAL(std::string("2"), v(n.ProcessingResultStatus));
    CPPUNIT_ASSERT_EQUAL(std::string("EOQS3001"), v(n.ProcessingResultCode));
    CPPUNIT_ASSERT_EQUAL(demo().messages.registration_refused.text, v(n.ProcessingResultMessage));

    // A registration made during the run shows in later check-ins of the same simulator.
    Document reg = Document::make(MessageKind::OQSsiimm01req);
    reg.header.MedicalInstitutionCode = "1312345678";
    auto& info =
        reg.as<model::ReferenceRegistrationRequestBody>().ReferenceNumberRegistrationInfo.emplace();
    info.ReferenceNumber = "T-900";
    info.InsurerNumber = "01130012";
    info.InsuredCardSymbol = "40110203";
    info.InsuredIdentificationNumber = "7788";
    info.InsuredBranchNumber = "00";
    CPPUNIT_ASSERT(!sim::Responder(demo())
                        .check_in("towa")
                        .document.as<model::QualificationResultBody>()
                        .Results[0]
                        .ReferenceNumber);
    Document done = read_back(r.respond("OQSsiimm01req_202506129002.xml", write_request(reg)));
    CPPUNIT_ASSERT_EQUAL(
        std::string("1"),
        v(done.as<model::ReferenceRegistrationResultBody>().ProcessingResultStatus));
    CPPUNIT_ASSERT_EQUAL(std::string("T-900"), *r.reference_number("towa"));
    sim::CheckIn c = r.check_in("towa");
    Document face = xml::read_document(c.bytes, MessageKind::OQSsiquc01res_face, c.file_name);
    CPPUNIT_ASSERT_EQUAL(
        std::string("T-900"),
        v(face.as<model::QualificationResultBody>().Results.at(0).ReferenceNumber));
    // Twins without a branch number cannot be registered.
    info.InsuredCardSymbol = "1234";
    info.InsurerNumber = "06139999";
    info.InsuredIdentificationNumber = "99001";
    info.InsuredBranchNumber.reset();
    Document twin = read_back(r.respond("OQSsiimm01req_202506129003.xml", write_request(reg)));
    CPPUNIT_ASSERT_EQUAL(
        std::string("2"),
        v(twin.as<model::ReferenceRegistrationResultBody>().ProcessingResultStatus));
  }

  void testBulkInquiry() {
    sim::Scenario s = demo();
    s.settings.still_processing = 2;
    sim::Responder r(s, fixed("20250612103015"));
    Document up = read_back(
        r.respond("OQSmuquc01req_202506120009.xml", req("OQSmuquc01req_202506120009.xml")));
    CPPUNIT_ASSERT(up.kind == MessageKind::OQSmuquc01res);
    const std::string rn = v(up.as<model::ReceptionBody>().ReceptionNumber);
    CPPUNIT_ASSERT_MESSAGE(rn, is_reception_number(rn));
    CPPUNIT_ASSERT_EQUAL(std::string("20250612103015000_7021"), rn);
    CPPUNIT_ASSERT_EQUAL(std::string("20250612103015"),
                         v(up.as<model::ReceptionBody>().ReceptionDateTime));
    CPPUNIT_ASSERT_EQUAL(std::string("202506120009"), v(up.header.ArbitraryFileIdentifier));

    const std::string down = write_request(download_request(MessageKind::OQSmuquc02req, rn));
    for (int i = 0; i < 2; ++i) {
      Document busy =
          read_back(r.respond("OQSmuquc02req_20250612001" + std::to_string(i) + ".xml", down));
      CPPUNIT_ASSERT_EQUAL(std::string("2"), v(busy.header.SegmentOfResult));
      CPPUNIT_ASSERT_EQUAL(rn, v(busy.header.ReceptionNumber));
      CPPUNIT_ASSERT_EQUAL(std::string("EOQS1002"), v(busy.header.ErrorCode));
      CPPUNIT_ASSERT(busy.as<model::BulkConfirmBody>().BulkConfirmUnit.empty());
    }
    Reply fin = r.respond("OQSmuquc02req_202506120012.xml", down);
    CPPUNIT_ASSERT_EQUAL(std::string("OQSmuquc02res_202506120012.xml"), fin.file_name);
    Document d = read_back(fin);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(d.header.SegmentOfResult));
    CPPUNIT_ASSERT_EQUAL(rn, v(d.header.ReceptionNumber));
    CPPUNIT_ASSERT_EQUAL(std::string("20250613"), v(d.header.QualificationConfirmationDate));
    CPPUNIT_ASSERT_EQUAL(std::string("202506120009"), v(d.header.ArbitraryFileIdentifier));
    CPPUNIT_ASSERT_EQUAL(std::string("3"), v(d.header.NumberOfProcessingResult));
    CPPUNIT_ASSERT_EQUAL(std::string("2"), v(d.header.NumberOfNormalProcessing));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(d.header.NumberOfError));
    const auto& units = d.as<model::BulkConfirmBody>().BulkConfirmUnit;
    CPPUNIT_ASSERT_EQUAL(std::size_t(3), units.size());
    CPPUNIT_ASSERT_EQUAL(std::string("000124_1"),
                         v(units[0].QualificationConfirmSearchInfo->ArbitraryIdentifier));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(units[0].QualificationValidity));
    CPPUNIT_ASSERT_EQUAL(std::string("000124"), v(units[0].ReferenceNumber));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), units[0].Results.size());
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         v(units[0].Results[0].LimitApplicationCertificateChanged));
    CPPUNIT_ASSERT_EQUAL(std::string("000124_1"), v(units[0].Results[0].ArbitraryIdentifier));
    CPPUNIT_ASSERT(!units[0].Results[0].ReferenceNumber);
    CPPUNIT_ASSERT(units[0].Results[0].LimitApplicationCertificateRelatedInfo);
    CPPUNIT_ASSERT_EQUAL(std::string("2"), v(units[1].QualificationValidity));
    CPPUNIT_ASSERT_EQUAL(std::string("20250531"), v(units[1].Results.at(0).DisqualificationDate));
    CPPUNIT_ASSERT_EQUAL(std::string("2"), v(units[2].ProcessingResultStatus));
    CPPUNIT_ASSERT_EQUAL(std::string("EOQS2002"), v(units[2].ProcessingResultCode));
    CPPUNIT_ASSERT_EQUAL(std::string("000127_1"),
                         v(units[2].QualificationConfirmSearchInfo->ArbitraryIdentifier));
    CPPUNIT_ASSERT(units[2].Results.empty());
    // The unit results sit directly under BulkConfirmUnit (no ResultList), like the fixture.
    CPPUNIT_ASSERT(fin.bytes.find("<ResultList>") == std::string::npos);

    // A second upload gets another reception number even within the same millisecond.
    Document up2 = read_back(
        r.respond("OQSmuquc01req_202506120013.xml", req("OQSmuquc01req_202506120009.xml")));
    CPPUNIT_ASSERT(v(up2.as<model::ReceptionBody>().ReceptionNumber) != rn);

    // bulk_no_match "validity4": the unknown card is a normal unit with validity 4.
    s.settings.bulk_no_match_error = false;
    s.settings.still_processing = 0;
    sim::Responder r4(s, fixed("20250612103015"));
    Document up4 = read_back(
        r4.respond("OQSmuquc01req_202506120009.xml", req("OQSmuquc01req_202506120009.xml")));
    Document d4 = read_back(r4.respond(
        "OQSmuquc02req_202506120010.xml",
        write_request(download_request(MessageKind::OQSmuquc02req,
                                       v(up4.as<model::ReceptionBody>().ReceptionNumber)))));
    CPPUNIT_ASSERT_EQUAL(
        std::string("4"),
        v(d4.as<model::BulkConfirmBody>().BulkConfirmUnit.at(2).QualificationValidity));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), v(d4.header.NumberOfError));
  }

  void testBulkUnknownReception() {
    sim::Responder r(demo(), fixed("20250612103140"));
    Reply rep = r.respond("OQSmuquc02req_202506120010.xml", req("OQSmuquc02req_202506120010.xml"));
    Document d = read_back(rep);
    CPPUNIT_ASSERT_EQUAL(std::string("9"), v(d.header.SegmentOfResult));
    CPPUNIT_ASSERT_EQUAL(std::string("EOQS1003"), v(d.header.ErrorCode));
    CPPUNIT_ASSERT_EQUAL(std::string("20250612103015123_7021"), v(d.header.ReceptionNumber));
    // A registration reception number is not an inquiry reception number.
    Document up = read_back(
        r.respond("OQSmuimm01req_202506120012.xml", req("OQSmuimm01req_202506120012.xml")));
    Document wrong = read_back(r.respond(
        "OQSmuquc02req_202506120099.xml",
        write_request(download_request(MessageKind::OQSmuquc02req,
                                       v(up.as<model::ReceptionBody>().ReceptionNumber)))));
    CPPUNIT_ASSERT_EQUAL(std::string("9"), v(wrong.header.SegmentOfResult));
  }

  void testBulkRegistration() {
    sim::Responder r(demo(), fixed("20250612110502"));
    CPPUNIT_ASSERT(!r.reference_number("shiro"));
    Document up = read_back(
        r.respond("OQSmuimm01req_202506120012.xml", req("OQSmuimm01req_202506120012.xml")));
    CPPUNIT_ASSERT(up.kind == MessageKind::OQSmuimm01res);
    const std::string rn = v(up.as<model::ReceptionBody>().ReceptionNumber);
    CPPUNIT_ASSERT(is_reception_number(rn));
    const std::string down = write_request(download_request(MessageKind::OQSmuimm02req, rn));
    Document busy = read_back(r.respond("OQSmuimm02req_202506120013.xml", down));
    CPPUNIT_ASSERT_EQUAL(std::string("2"), v(busy.header.SegmentOfResult));
    Document d = read_back(r.respond("OQSmuimm02req_202506120014.xml", down));
    CPPUNIT_ASSERT(d.kind == MessageKind::OQSmuimm02res);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(d.header.SegmentOfResult));
    CPPUNIT_ASSERT_EQUAL(rn, v(d.header.ReceptionNumber));
    const auto& units = d.as<model::BulkRegistrationBody>().BulkRegistrationUnit;
    CPPUNIT_ASSERT_EQUAL(std::size_t(3), units.size());
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(units[0].ProcessingResultStatus));
    CPPUNIT_ASSERT_EQUAL(std::string("000128"),
                         v(units[0].ReferenceNumberRegistrationInfo->ReferenceNumber));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(units[1].ProcessingResultStatus));
    CPPUNIT_ASSERT_EQUAL(std::string("  138999"),
                         v(units[1].ReferenceNumberRegistrationInfo->InsurerNumber));
    CPPUNIT_ASSERT_EQUAL(std::string("2"), v(units[2].ProcessingResultStatus));
    CPPUNIT_ASSERT_EQUAL(std::string("EOQS3001"), v(units[2].ProcessingResultCode));
    CPPUNIT_ASSERT_EQUAL(std::string("000128"), *r.reference_number("shiro"));
    CPPUNIT_ASSERT_EQUAL(std::string("000129"), *r.reference_number("jiro"));
    sim::CheckIn c = r.check_in("jiro");
    Document face = xml::read_document(c.bytes, MessageKind::OQSsiquc01res_face, c.file_name);
    CPPUNIT_ASSERT_EQUAL(
        std::string("000129"),
        v(face.as<model::QualificationResultBody>().Results.at(0).ReferenceNumber));
  }

  void testDrugXml() {
    sim::Responder r(demo(), fixed("20250612103000"));
    Reply rep =
        r.respond("YZKsiquc01req_022506121030101.xml", req("YZKsiquc01req_022506121030101.xml"));
    CPPUNIT_ASSERT_EQUAL(std::string("YZKsiquc01res_022506121030101.xml"), rep.file_name);
    Document d = read_back(rep);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(d.header.ResultCode));
    CPPUNIT_ASSERT_EQUAL(std::string("101"), v(d.header.ArbitraryFileIdentifier));
    CPPUNIT_ASSERT_EQUAL(std::string("19800415"), v(d.header.QuaInf->Birth));
    CPPUNIT_ASSERT_EQUAL(v(demo().find("taro")->card.NameKana), v(d.header.QuaInf->KanaName));
    const auto& months = d.as<model::DrugInfoBody>().MeTrMonthInf;
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), months.size());
    CPPUNIT_ASSERT_EQUAL(std::string("202504"), v(months[0].MeTrMonth));
    CPPUNIT_ASSERT_EQUAL(std::string("699900202"),
                         v(months[0].DiDateInfs->DiDateInf.at(0).DrugInfs->DrugInf.at(1).DrugC));
    CPPUNIT_ASSERT_EQUAL(std::string("2"), v(months[1].PrIsOrg));
    CPPUNIT_ASSERT_EQUAL(std::string("14"),
                         v(months[1].DiDateInfs->DiDateInf.at(0).DrugInfs->DrugInf.at(2).Qua1));
    // The requested period limits the months.
    Document q = xml::read_document(req("YZKsiquc01req_022506121030101.xml"),
                                    MessageKind::YZKsiquc01req, "q");
    q.as<model::MedicalInfoRequestBody>().StartDate = "202505";
    Document narrow = read_back(r.respond("YZKsiquc01req_022506121030199.xml", write_request(q)));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), narrow.as<model::DrugInfoBody>().MeTrMonthInf.size());
  }

  /// FileCategory 3/4 (tests/fixtures/diagnosis): treatment records under the diagnosis consent,
  /// surgery records (MeTrIdCl 50) only under the operation consent; refused without the former.
  void testDiagnosisXmlAndPdf() {
    const sim::Scenario scenario = demo();
    sim::Responder r(scenario, fixed("20250612105000"));
    const std::string dir = repository_fixtures_dir("diagnosis");
    const std::string name = "YZKsiquc01req_042506121050105.xml";
    Document q = xml::read_file(dir + "/req/" + name);
    q.as<model::MedicalInfoRequestBody>().StartDate = "202401";
    Document d = read_back(r.respond(name, write_request(q)));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(d.header.ResultCode));
    const auto& day = d.as<model::DrugInfoBody>().MeTrMonthInf.at(0).DiDateInfs->DiDateInf.at(0);
    CPPUNIT_ASSERT_EQUAL(std::size_t(3),
                         day.MeTrInfs->MeTrInf.size());  // saburo: operation consent
    CPPUNIT_ASSERT_EQUAL(std::string("50"), v(day.MeTrInfs->MeTrInf.at(1).MeTrIdCl));
    CPPUNIT_ASSERT_EQUAL(std::string("699900606"), v(day.DrugInfs->DrugInf.at(0).DrugC));
    // FileCategory 2: the same person's drugs without treatment records.
    q.as<model::MedicalInfoRequestBody>().FileCategory = "2";
    Document plain = read_back(r.respond("YZKsiquc01req_022506121050106.xml", write_request(q)));
    CPPUNIT_ASSERT(
        !plain.as<model::DrugInfoBody>().MeTrMonthInf.at(0).DiDateInfs->DiDateInf.at(0).MeTrInfs);
    // Matsuko: diagnosis consent without operation consent: no surgery record.
    const sim::Person& m = *scenario.find("matsuko");
    q.header.InsurerNumber = m.card.InsurerNumber;
    q.header.InsuranceCardSymbol.reset();
    q.header.InsuredPersonIdentificationNumber = m.card.InsuredIdentificationNumber;
    q.header.BranchNumber.reset();
    q.as<model::MedicalInfoRequestBody>().FileCategory = "4";
    Document ms = read_back(r.respond("YZKsiquc01req_042506121050104.xml", write_request(q)));
    const auto& mt =
        ms.as<model::DrugInfoBody>().MeTrMonthInf.at(0).DiDateInfs->DiDateInf.at(0).MeTrInfs;
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), mt->MeTrInf.size());
    CPPUNIT_ASSERT_EQUAL(std::string("12"), v(mt->MeTrInf.at(0).MeTrIdCl));
    // Taro: drug consent only: FileCategory 4 is refused, 2 still answered.
    const sim::Person& t = *scenario.find("taro");
    q.header.InsurerNumber = t.card.InsurerNumber;
    q.header.InsuranceCardSymbol = t.card.InsuredCardSymbol;
    q.header.InsuredPersonIdentificationNumber = t.card.InsuredIdentificationNumber;
    q.header.BranchNumber = t.card.InsuredBranchNumber;
    Document refused = read_back(r.respond("YZKsiquc01req_042506121050101.xml", write_request(q)));
    CPPUNIT_ASSERT_EQUAL(std::string("2"), v(refused.header.ResultCode));
    CPPUNIT_ASSERT_EQUAL(scenario.messages.no_consent_diagnosis.text,
                         v(refused.header.MessageContents));
    // FileCategory 3: a PDF.
    Document pdfq = xml::read_file(dir + "/req/YZKsiquc01req_032506121055105.xml");
    Reply pdf = r.respond("YZKsiquc01req_032506121055105.xml", write_request(pdfq));
    CPPUNIT_ASSERT_EQUAL(std::string("YZKsiquc01res_032506121055105.pdf"), pdf.file_name);
    CPPUNIT_ASSERT_EQUAL(std::string("%PDF-"), pdf.bytes.substr(0, 5));
  }

  void testDrugNoConsent() {
    sim::Responder r(demo(), fixed("20250612103500"));
    Document d = read_back(
        r.respond("YZKsiquc01req_022506121035102.xml", req("YZKsiquc01req_022506121035102.xml")));
    CPPUNIT_ASSERT_EQUAL(std::string("2"), v(d.header.ResultCode));
    CPPUNIT_ASSERT_EQUAL(demo().messages.no_consent_drug.text, v(d.header.MessageContents));
    CPPUNIT_ASSERT(d.as<model::DrugInfoBody>().MeTrMonthInf.empty());
    CPPUNIT_ASSERT(!d.header.QuaInf);
    // No consent for checkup information either (PDF asked: the refusal is still XML).
    Document q = xml::read_document(req("TKKsiquc01req_022506121045101.xml"),
                                    MessageKind::TKKsiquc01req, "q");
    q.header.InsurerNumber = "01130012";
    q.header.InsuranceCardSymbol = "40110203";
    q.header.InsuredPersonIdentificationNumber = "1122";
    q.header.BranchNumber = "01";
    q.as<model::MedicalInfoRequestBody>().FileCategory = "1";
    Reply rep = r.respond("TKKsiquc01req_012506121045102.xml", write_request(q));
    CPPUNIT_ASSERT_EQUAL(std::string("TKKsiquc01res_012506121045102.xml"), rep.file_name);
    Document t = read_back(rep);
    CPPUNIT_ASSERT_EQUAL(std::string("2"), v(t.header.ResultCode));
    CPPUNIT_ASSERT_EQUAL(demo().messages.no_consent_checkup.text, v(t.header.MessageContents));
    // Nobody with that card.
    q.header.InsuredPersonIdentificationNumber = "0000";
    Document none = read_back(r.respond("TKKsiquc01req_012506121045103.xml", write_request(q)));
    CPPUNIT_ASSERT_EQUAL(demo().messages.no_person.text, v(none.header.MessageContents));
  }

  void testDrugPdf() {
    sim::Responder r(demo(), fixed("20250612104000"));
    Reply rep =
        r.respond("YZKsiquc01req_012506121040101.xml", req("YZKsiquc01req_012506121040101.xml"));
    CPPUNIT_ASSERT_EQUAL(std::string("YZKsiquc01res_012506121040101.pdf"), rep.file_name);
    CPPUNIT_ASSERT_EQUAL(std::string("%PDF-1.4"), rep.bytes.substr(0, 8));
    Document d = read_back(rep);
    CPPUNIT_ASSERT(d.is_pdf);
    CPPUNIT_ASSERT_EQUAL(rep.bytes, d.pdf);
  }

  void testCheckupXml() {
    sim::Responder r(demo(), fixed("20250612104500"));
    Reply rep =
        r.respond("TKKsiquc01req_022506121045101.xml", req("TKKsiquc01req_022506121045101.xml"));
    Document d = read_back(rep);
    CPPUNIT_ASSERT(d.kind == MessageKind::TKKsiquc01res);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(d.header.ResultCode));
    CPPUNIT_ASSERT_EQUAL(std::string("19800415"), v(d.header.QualificationsInfo->Birthday));
    CPPUNIT_ASSERT_EQUAL(v(demo().find("taro")->card.NameKana),
                         v(d.header.QualificationsInfo->KanasName));
    const auto& infos = d.as<model::CheckupInfoBody>().SpecificHealthCheckupInfo;
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), infos.size());
    CPPUNIT_ASSERT_EQUAL(std::string("20241015"), v(infos[0].EffectiveTime));
    const auto& items =
        infos[0].HealthCheckupResultAndQuestionInfos->HealthCheckupResultAndQuestionInfo;
    CPPUNIT_ASSERT_EQUAL(std::size_t(9), items.size());
    CPPUNIT_ASSERT_EQUAL(std::string("25.0"), v(items[2].DataValue));
    CPPUNIT_ASSERT_EQUAL(std::string("%"), v(items[6].Unit));
  }

  void testCheckIn() {
    sim::Responder r(demo());
    sim::CheckIn c = r.check_in("taro", at("20250612091503"));
    const std::string prefix = "OQSsiquc01res_face_1312345678";
    CPPUNIT_ASSERT_EQUAL(prefix, c.file_name.substr(0, prefix.size()));
    CPPUNIT_ASSERT_EQUAL(std::string("_20250612091503.xml"),
                         c.file_name.substr(prefix.size() + 20));
    for (char ch : c.file_name.substr(prefix.size(), 20))
      CPPUNIT_ASSERT((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'));
    CPPUNIT_ASSERT(model::classify_file_name(c.file_name).kind == MessageKind::OQSsiquc01res_face);
    Document d = xml::read_document(c.bytes, MessageKind::OQSsiquc01res_face, c.file_name);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(d.header.ReferenceClassification));
    CPPUNIT_ASSERT_EQUAL(std::string("20250612091503"), v(d.header.ProcessExecutionTime));
    CPPUNIT_ASSERT_EQUAL(std::string("20250612"), v(d.header.QualificationConfirmationDate));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), v(d.header.CharacterCodeIdentifier));
    const std::string afi = v(d.header.ArbitraryFileIdentifier);
    CPPUNIT_ASSERT_EQUAL(std::size_t(16), afi.size());
    CPPUNIT_ASSERT_EQUAL('=', afi.back());
    const auto& b = d.as<model::QualificationResultBody>();
    CPPUNIT_ASSERT(!b.QualificationConfirmSearchInfo);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(b.ProcessingResultStatus));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(b.QualificationValidity));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(b.PrescriptionIssueSelect));
    const auto& res = b.Results.at(0);
    CPPUNIT_ASSERT_EQUAL(std::string("06139999"), v(res.InsurerNumber));
    CPPUNIT_ASSERT_EQUAL(std::string("00"), v(res.InsuredBranchNumber));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(res.PharmacistsInfoConsFlg));
    CPPUNIT_ASSERT_EQUAL(std::string("20250612091450"), v(res.PharmacistsInfoConsTime));
    CPPUNIT_ASSERT_EQUAL(std::string("20250613091450"), v(res.PharmacistsInfoAvailableTime));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(res.SpecificHealthCheckupsInfoConsFlg));
    CPPUNIT_ASSERT_EQUAL(std::string("20250613091450"),
                         v(res.SpecificHealthCheckupsInfoAvailableTime));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), v(res.DiagnosisInfoConsFlg));
    CPPUNIT_ASSERT(!res.DiagnosisInfoConsTime);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), v(res.LimitApplicationCertificateRelatedConsFlg));
    CPPUNIT_ASSERT(!res.ReferenceNumber);
    CPPUNIT_ASSERT_THROW(r.check_in("nobody"), Error);
    // Two check-ins never share a name.
    CPPUNIT_ASSERT(r.check_in("taro", at("20250612091503")).file_name != c.file_name);
  }

  void testCheckInSpecialPeople() {
    sim::Scenario s = demo();
    sim::Responder r(s);
    auto face = [&](const char* id) {
      sim::CheckIn c = r.check_in(id, at("20250612110012"));
      return xml::read_document(c.bytes, MessageKind::OQSsiquc01res_face, c.file_name);
    };
    Document shiro = face("shiro");
    const auto& rs = shiro.as<model::QualificationResultBody>().Results.at(0);
    CPPUNIT_ASSERT(text::has_unrepresentable_mark(v(rs.Name)));
    CPPUNIT_ASSERT_EQUAL(v(s.find("shiro")->card.NameKana), v(rs.NameKana));
    Document mutsuko = face("mutsuko");
    const auto& mb = mutsuko.as<model::QualificationResultBody>();
    CPPUNIT_ASSERT_EQUAL(std::string("6"), v(mb.QualificationValidity));
    CPPUNIT_ASSERT_EQUAL(std::string("A1"), v(mb.Results.at(0).InsuredCardClassification));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1),
                         mb.Results[0].PublicExpenseResultList->MedicalTicketInfo.size());
    CPPUNIT_ASSERT_EQUAL(
        std::string("02"),
        v(mb.Results[0].PublicExpenseResultList->MedicalTicketInfo[0].StatusOfInfecton));
    CPPUNIT_ASSERT(!mb.Results[0].LimitApplicationCertificateRelatedConsFlg);
    Document goro = face("goro");
    CPPUNIT_ASSERT_EQUAL(
        std::string("000123"),
        v(goro.as<model::QualificationResultBody>().Results.at(0).ReferenceNumber));
    CPPUNIT_ASSERT_EQUAL(std::string("  138999"),
                         v(goro.as<model::QualificationResultBody>().Results.at(0).InsurerNumber));
    Document hanako = face("hanako");  // limit consent: certificate block included
    const auto& hr = hanako.as<model::QualificationResultBody>().Results.at(0);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), v(hr.LimitApplicationCertificateRelatedConsFlg));
    CPPUNIT_ASSERT_EQUAL(std::string("20250612105959"),
                         v(hr.LimitApplicationCertificateRelatedConsTime));
    CPPUNIT_ASSERT_EQUAL(std::string("A03"),
                         v(hr.LimitApplicationCertificateRelatedInfo
                               ->LimitApplicationCertificateClassificationFlag));
    Document saburo = face("saburo");
    const auto& sr = saburo.as<model::QualificationResultBody>().Results.at(0);
    CPPUNIT_ASSERT_EQUAL(
        std::size_t(1), sr.SpecificDiseasesCertificateList->SpecificDiseasesCertificateInfo.size());
    Document umeko = face("umeko");
    CPPUNIT_ASSERT_EQUAL(std::string("2"),
                         v(umeko.as<model::QualificationResultBody>().QualificationValidity));
    Document towa = face("towa");
    CPPUNIT_ASSERT_EQUAL(std::string("2"),
                         v(towa.as<model::QualificationResultBody>().PrescriptionIssueSelect));
  }

  void testMakePdf() {
    std::string pdf = sim::make_pdf({"a (b) \\ c", "second line"});
    CPPUNIT_ASSERT_EQUAL(std::string("%PDF-1.4"), pdf.substr(0, 8));
    CPPUNIT_ASSERT_EQUAL(std::string("%%EOF\n"), pdf.substr(pdf.size() - 6));
    // startxref points at the xref table; every xref entry at its object.
    std::size_t sx = pdf.rfind("startxref\n");
    std::size_t xref = std::stoul(pdf.substr(sx + 10));
    CPPUNIT_ASSERT_EQUAL(std::string("xref"), pdf.substr(xref, 4));
    for (int obj = 1; obj <= 5; ++obj) {
      std::size_t entry =
          xref + std::string("xref\n0 6\n").size() + 20 * static_cast<std::size_t>(obj);
      std::size_t off = std::stoul(pdf.substr(entry, 10));
      CPPUNIT_ASSERT_EQUAL(std::to_string(obj) + " 0 obj",
                           pdf.substr(off, std::to_string(obj).size() + 6));
    }
    CPPUNIT_ASSERT(pdf.find("(a \\(b\\) \\\\ c)") != std::string::npos);
  }

  void testFolderOnceWithFixtures() {
    TempDir share;
    fs::create_directories(share.path() + "/req");
    std::vector<std::string> requests;
    for (const auto& e : fs::directory_iterator(fixtures_dir() + "/req")) {
      requests.push_back(e.path().filename().string());
      fs::copy_file(e.path(), share.path() + "/req/" + requests.back());
    }
    std::sort(requests.begin(), requests.end());
    CPPUNIT_ASSERT_EQUAL(std::size_t(17), requests.size());
    sim::Responder r(demo());
    std::ostringstream log;
    sim::Terminal t(r, {share.path(), 50, 20}, log);
    auto start = std::chrono::steady_clock::now();
    CPPUNIT_ASSERT_EQUAL(std::size_t(17), t.run_once());
    CPPUNIT_ASSERT(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(50));
    CPPUNIT_ASSERT(names_in(share.path() + "/req").empty());
    std::vector<std::string> expected;
    for (const std::string& q : requests)
      expected.push_back(model::result_file_name(q, q == "YZKsiquc01req_012506121040101.xml"));
    std::sort(expected.begin(), expected.end());
    CPPUNIT_ASSERT(expected == names_in(share.path() + "/res"));
    for (const std::string& name : expected) {
      Document d = xml::read_file(share.path() + "/res/" + name);  // throws when refused
      if (name.rfind("OQSmuquc02res_", 0) == 0)  // fixture reception numbers are not ours
        CPPUNIT_ASSERT_EQUAL(std::string("9"), v(d.header.SegmentOfResult));
    }
    // No temporary files left behind in the share root.
    for (const std::string& n : names_in(share.path()))
      CPPUNIT_ASSERT_MESSAGE(n, n == "req" || n == "res" || n == "face");
    // One log line per request, file names only.
    std::string text = log.str();
    CPPUNIT_ASSERT_EQUAL(std::ptrdiff_t(17), std::count(text.begin(), text.end(), '\n'));
    CPPUNIT_ASSERT(
        text.find("req/OQSsiquc01req_202506120001.xml -> res/OQSsiquc01res_202506120001.xml") !=
        std::string::npos);
    CPPUNIT_ASSERT(text.find("19780808") == std::string::npos);  // no personal data

    // A check-in lands in face/ and is accepted.
    std::string face = t.write_check_in(r.check_in("taro"));
    CPPUNIT_ASSERT(xml::read_file(face).kind == MessageKind::OQSsiquc01res_face);
  }

  void testFaultErrEvery() {
    sim::Scenario s = demo();
    s.settings.err_every = 2;
    sim::Responder r(s, fixed("20250612100000"));
    Reply first =
        r.respond("OQSsiquc01req_202506120001.xml", req("OQSsiquc01req_202506120001.xml"));
    CPPUNIT_ASSERT(first.action == Reply::Action::answer);
    Reply second =
        r.respond("OQSsiquc01req_202506120002.xml", req("OQSsiquc01req_202506120002.xml"));
    CPPUNIT_ASSERT(second.action == Reply::Action::error_file);
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsiquc01req_202506120002.err"), second.file_name);
    CPPUNIT_ASSERT(second.bytes.find("EOQS0901") == 0);

    TempDir share;
    fs::create_directories(share.path() + "/req");
    fs::copy_file(fixtures_dir() + "/req/OQSmuquc01req_202506120009.xml",
                  share.path() + "/req/OQSmuquc01req_202506120009.xml");
    s.settings.err_every = 1;
    sim::Responder r1(s);
    std::ostringstream log;
    sim::Terminal t(r1, {share.path(), 0, 20}, log);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), t.run_once());
    CPPUNIT_ASSERT(names_in(share.path() + "/req") ==
                   std::vector<std::string>{"OQSmuquc01req_202506120009.err"});
    CPPUNIT_ASSERT(names_in(share.path() + "/res").empty());
    CPPUNIT_ASSERT(
        read_all(share.path() + "/req/OQSmuquc01req_202506120009.err").find("EOQS0901") == 0);
    // The .err file is not taken for a request on the next run.
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), t.run_once());
  }

  void testFaultPersonErr() {
    sim::Responder r(demo(), fixed("20250612100000"));
    Document q =
        xml::read_document(req("OQSsiquc01req_202506120001.xml"), MessageKind::OQSsiquc01req, "q");
    auto& s = *q.as<model::QualificationRequestBody>().QualificationConfirmSearchInfo;
    s.InsuredCardSymbol = "4321";
    s.InsuredIdentificationNumber = "66001";
    s.InsuredBranchNumber = "00";
    s.Birthdate = "19770707";
    Reply rep = r.respond("OQSsiquc01req_202506129010.xml", write_request(q));
    CPPUNIT_ASSERT(rep.action == Reply::Action::error_file);
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsiquc01req_202506129010.err"), rep.file_name);
  }

  void testFaultMalformed() {
    sim::Scenario s = demo();
    for (sim::Person& p : s.people)
      if (p.id == "kenichi") p.fault = sim::Fault::malformed;
    sim::Responder r(s);
    TempDir share;
    fs::create_directories(share.path() + "/req");
    for (const char* n : {"OQSsiquc01req_202506120001.xml", "OQSsiquc01req_202506120002.xml"})
      fs::copy_file(fixtures_dir() + "/req/" + n, share.path() + "/req/" + n);
    std::ostringstream log;
    sim::Terminal t(r, {share.path(), 0, 20}, log);
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), t.run_once());
    CPPUNIT_ASSERT_THROW(xml::read_file(share.path() + "/res/OQSsiquc01res_202506120001.xml"),
                         RefusedError);
    try {
      xml::read_file(share.path() + "/res/OQSsiquc01res_202506120001.xml");
    } catch (const RefusedError& e) {
      CPPUNIT_ASSERT(e.kind() == RefusalKind::malformed);
    }
    xml::read_file(share.path() + "/res/OQSsiquc01res_202506120002.xml");  // others unaffected
    // A truncated PDF is refused as well.
    s.settings.malformed_every = 1;
    sim::Responder rp(s);
    Reply pdf =
        rp.respond("YZKsiquc01req_012506121040101.xml", req("YZKsiquc01req_012506121040101.xml"));
    CPPUNIT_ASSERT(pdf.malformed);
    CPPUNIT_ASSERT_THROW(xml::read_document(pdf.bytes, MessageKind::YZKsiquc01res, pdf.file_name),
                         RefusedError);
  }

  void testFaultSilent() {
    sim::Scenario s = demo();
    s.settings.silent_every = 1;
    sim::Responder r(s);
    TempDir share;
    fs::create_directories(share.path() + "/req");
    fs::copy_file(fixtures_dir() + "/req/OQSsiimm01req_202506120007.xml",
                  share.path() + "/req/OQSsiimm01req_202506120007.xml");
    std::ostringstream log;
    sim::Terminal t(r, {share.path(), 0, 20}, log);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), t.run_once());
    CPPUNIT_ASSERT(names_in(share.path() + "/req").empty());
    CPPUNIT_ASSERT(names_in(share.path() + "/res").empty());
    CPPUNIT_ASSERT(log.str().find("(no answer)") != std::string::npos);
  }

  void testUnreadableRequest() {
    sim::Responder r(demo());
    Reply garbage = r.respond("OQSsiquc01req_202506129999.xml", "this is not xml");
    CPPUNIT_ASSERT(garbage.action == Reply::Action::error_file);
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsiquc01req_202506129999.err"), garbage.file_name);
    CPPUNIT_ASSERT(garbage.bytes.find("EOQS0902") == 0);
    Reply empty = r.respond("OQSmuquc02req_202506129999.xml", "");
    CPPUNIT_ASSERT(empty.action == Reply::Action::error_file);
    Reply dtd = r.respond("OQSsiimm01req_202506129999.xml",
                          "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><XmlMsg/>");
    CPPUNIT_ASSERT(dtd.action == Reply::Action::error_file);
    // A request that parses but lacks required content is unreadable too.
    Reply invalid = r.respond("OQSmuquc02req_202506129998.xml",
                              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><XmlMsg><MessageHeader>"
                              "<MedicalInstitutionCode>1312345678</MedicalInstitutionCode>"
                              "</MessageHeader><MessageBody/></XmlMsg>");
    CPPUNIT_ASSERT(invalid.action == Reply::Action::error_file);
    Reply other = r.respond("notes.txt", "x");
    CPPUNIT_ASSERT(other.action == Reply::Action::ignore);
    // A request for another institution gets a file-level error answer.
    std::string bytes = req("OQSsiquc01req_202506120001.xml");
    bytes.replace(bytes.find("1312345678"), 10, "1399999999");
    Document d = read_back(r.respond("OQSsiquc01req_202506129997.xml", bytes));
    CPPUNIT_ASSERT_EQUAL(std::string("9"), v(d.header.SegmentOfResult));
    CPPUNIT_ASSERT_EQUAL(std::string("EOQS0903"), v(d.header.ErrorCode));
  }

  void testRunLoopAnswersAndStops() {
    TempDir share;
    sim::Responder r(demo());
    std::ostringstream log;
    sim::Terminal t(r, {share.path(), 50, 20}, log);
    // Everything that can throw happens before the thread starts (a joinable thread must not
    // be destroyed by an exception).
    const std::string name = "OQSsiquc01req_202506120001.xml";
    const std::string request = req(name);
    std::atomic<bool> stop{false};
    std::thread loop([&] { t.run([&] { return stop.load(); }); });
    struct Joiner {
      std::atomic<bool>& stop;
      std::thread& thread;
      ~Joiner() {
        stop = true;
        if (thread.joinable()) thread.join();
      }
    } joiner{stop, loop};
    // Written like the engine does: temporary name outside req/, then rename.
    { std::ofstream(share.path() + "/.tmp-request", std::ios::binary) << request; }
    fs::rename(share.path() + "/.tmp-request", share.path() + "/req/" + name);
    // And a check-in command for the running simulator.
    { std::ofstream(share.path() + "/.tmp-cmd") << "goro 20250612110012\n"; }
    fs::rename(share.path() + "/.tmp-cmd", share.path() + "/" + sim::kCheckInCommandPrefix + "1");
    const std::string res = share.path() + "/res/OQSsiquc01res_202506120001.xml";
    bool answered = false;
    for (int i = 0;
         i < 250 && !(answered = fs::exists(res) && !names_in(share.path() + "/face").empty()); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    stop = true;
    loop.join();
    CPPUNIT_ASSERT_MESSAGE(log.str(), answered);
    CPPUNIT_ASSERT(!fs::exists(share.path() + "/req/" + name));
    CPPUNIT_ASSERT_EQUAL(
        std::string("1"),
        v(xml::read_file(res).as<model::QualificationResultBody>().QualificationValidity));
    std::vector<std::string> faces = names_in(share.path() + "/face");
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), faces.size());
    CPPUNIT_ASSERT(faces[0].find("_20250612110012.xml") != std::string::npos);
    xml::read_file(share.path() + "/face/" + faces[0]);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SimTest);

}  // namespace onshi::test
