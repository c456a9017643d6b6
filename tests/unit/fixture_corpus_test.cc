// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Every file of ../shared/fixtures/oqs comes out as expected.json says, through the same JSON
// view `onshi-admin inspect` prints; every bad file is refused for the documented reason.
#include <cppunit/extensions/HelperMacros.h>

#include <filesystem>
#include <map>
#include <set>

#include "common/error.h"
#include "json/document_json.h"
#include "support/fixtures.h"
#include "xml/reader.h"

namespace onshi::test {

class FixtureCorpusTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(FixtureCorpusTest);
  CPPUNIT_TEST(testEveryExpectation);
  CPPUNIT_TEST(testEveryFixtureIsListed);
  CPPUNIT_TEST(testBadFilesRefusedForTheRightReason);
  CPPUNIT_TEST(testShiftJisFaceEqualsUtf8Face);
  CPPUNIT_TEST(testDiagnosisFixtures);
  CPPUNIT_TEST(testHomeVisitFixtures);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testEveryExpectation() {
    const std::string dir = fixtures_dir();
    std::vector<Expectation> all = load_expectations();
    CPPUNIT_ASSERT(all.size() >= 57);
    int checked_fields = 0;
    for (const Expectation& e : all) {
      const std::string path = dir + "/" + e.file;
      if (!e.accept) {
        CPPUNIT_ASSERT_THROW_MESSAGE(e.file, xml::read_file(path), RefusedError);
        continue;
      }
      model::Document doc;
      try {
        doc = xml::read_file(path);
      } catch (const std::exception& ex) {
        CPPUNIT_FAIL(e.file + " refused: " + ex.what());
      }
      json::Value view = json::document_to_json(doc);
      for (const auto& [field, expected] : e.fields) {
        const json::Value* got = resolve_path(view, field);
        CPPUNIT_ASSERT_MESSAGE(e.file + ": " + field + " missing", got != nullptr);
        CPPUNIT_ASSERT_MESSAGE(e.file + ": " + field + " not a string", got->is_string());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(e.file + ": " + field, expected, got->as_string());
        ++checked_fields;
      }
    }
    CPPUNIT_ASSERT(checked_fields > 200);
  }

  void testEveryFixtureIsListed() {
    std::set<std::string> listed;
    for (const Expectation& e : load_expectations()) listed.insert(e.file);
    const std::filesystem::path dir = fixtures_dir();
    int files = 0;
    for (const char* sub : {"face", "req", "res", "bad"})
      for (const auto& entry : std::filesystem::directory_iterator(dir / sub)) {
        std::string rel = std::string(sub) + "/" + entry.path().filename().string();
        CPPUNIT_ASSERT_MESSAGE(rel + " has no expectation", listed.count(rel) == 1);
        ++files;
      }
    CPPUNIT_ASSERT_EQUAL(static_cast<int>(listed.size()), files);
  }

  void testBadFilesRefusedForTheRightReason() {
    const std::string dir = fixtures_dir() + "/bad/";
    const std::map<int, RefusalKind> expected = {
        {1, RefusalKind::malformed}, {2, RefusalKind::malformed}, {3, RefusalKind::forbidden},
        {4, RefusalKind::forbidden}, {5, RefusalKind::encoding},  {6, RefusalKind::inconsistent},
        {7, RefusalKind::invalid},   {8, RefusalKind::limit},     {9, RefusalKind::empty},
    };
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      std::string name = entry.path().filename().string();
      int serial =
          std::stoi(name.substr(std::string("OQSsiquc01res_face_1312345678bad").size(), 17));
      auto it = expected.find(serial);
      if (it == expected.end()) {
        CPPUNIT_ASSERT_NO_THROW_MESSAGE(name, xml::read_file(entry.path().string()));
        continue;
      }
      try {
        xml::read_file(entry.path().string());
        CPPUNIT_FAIL(name + " was accepted");
      } catch (const RefusedError& e) {
        CPPUNIT_ASSERT_EQUAL_MESSAGE(name + ": " + e.what(),
                                     std::string(refusal_kind_name(it->second)),
                                     std::string(refusal_kind_name(e.kind())));
        CPPUNIT_ASSERT_MESSAGE("the message names the file",
                               std::string(e.what()).find(name) != std::string::npos);
        if (serial == 5)
          CPPUNIT_ASSERT_MESSAGE("encoding error has a byte offset",
                                 e.offset() != RefusedError::npos);
        if (serial == 7)
          CPPUNIT_ASSERT_MESSAGE(e.what(), e.detail().find("Birthdate") != std::string::npos);
      }
    }
  }

  /// tests/fixtures/homevisit (README there): requests and answers accepted, each bad file
  /// refused for its own reason, and no file of the folder left out.
  void testHomeVisitFixtures() {
    const std::string dir = repository_fixtures_dir("homevisit");
    const std::map<std::string, std::string> bad{
        {"bad/OQSmuhvq01req_202506140006.xml", "ExaminationDateFrom: not a criterion"},
        {"bad/OQSmuonq01req_202506140007.xml", "ConsentDateFrom: after ConsentDateTo"},
        {"bad/OQSsihvd01req_202506140008.xml", "QualificationConfirmSearchInfo.Birthdate"},
        {"bad/OQSmuonq02res_202506140009.xml", "BulkConfirmUnit[0].ProcessingResultStatus"},
        {"bad/OQSsihvq01req_202506140012.xml", "MedicalTreatmentFlag: must be 2 for this kind"},
        {"bad/OQSsionq01req_202506140013.xml", "MedicalTreatmentFlag: must be 3 for this kind"}};
    int accepted = 0, refused = 0;
    for (const char* sub : {"req", "res", "bad"})
      for (const auto& entry : std::filesystem::directory_iterator(dir + "/" + sub)) {
        const std::string rel = std::string(sub) + "/" + entry.path().filename().string();
        const auto it = bad.find(rel);
        try {
          const model::Document d = xml::read_file(entry.path().string());
          CPPUNIT_ASSERT_MESSAGE(rel + " was accepted", it == bad.end());
          if (d.kind == model::MessageKind::OQSmuhvq02res)
            CPPUNIT_ASSERT_EQUAL(std::size_t(2),
                                 d.as<model::BulkConfirmBody>().BulkConfirmUnit.size());
          ++accepted;
        } catch (const RefusedError& x) {
          CPPUNIT_ASSERT_MESSAGE(rel + ": " + x.what(), it != bad.end());
          CPPUNIT_ASSERT_MESSAGE(rel + ": " + x.detail(),
                                 x.detail().find(it->second) != std::string::npos);
          ++refused;
        }
      }
    CPPUNIT_ASSERT_EQUAL(11, accepted);
    CPPUNIT_ASSERT_EQUAL(6, refused);
    // expected.json: every file listed once, its values as inspect shows them.
    int listed = 0, fields = 0;
    for (const Expectation& e : load_expectations(dir)) {
      ++listed;
      CPPUNIT_ASSERT_MESSAGE(e.file, e.accept == (bad.count(e.file) == 0));
      if (!e.accept) continue;
      const json::Value view = json::document_to_json(xml::read_file(dir + "/" + e.file));
      for (const auto& [field, expected] : e.fields) {
        const json::Value* got = resolve_path(view, field);
        CPPUNIT_ASSERT_MESSAGE(e.file + ": " + field + " missing", got && got->is_string());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(e.file + ": " + field, expected, got->as_string());
        ++fields;
      }
    }
    CPPUNIT_ASSERT_EQUAL(accepted + refused, listed);
    CPPUNIT_ASSERT_EQUAL(21, fields);
  }

  /// tests/fixtures/diagnosis (FileCategory 3/4 requests, results with MeTrInfs; two results
  /// with treatment records out of place): every expectation, and every file listed.
  void testDiagnosisFixtures() {
    const std::string dir = repository_fixtures_dir("diagnosis");
    std::set<std::string> listed;
    int refused = 0, fields = 0;
    for (const Expectation& e : load_expectations(dir)) {
      listed.insert(e.file);
      const std::string path = dir + "/" + e.file;
      if (!e.accept) {
        try {
          xml::read_file(path);
          CPPUNIT_FAIL(e.file + " was accepted");
        } catch (const RefusedError& x) {
          CPPUNIT_ASSERT_MESSAGE(x.what(), x.detail().find("out of place") != std::string::npos);
          ++refused;
        }
        continue;
      }
      const json::Value view = json::document_to_json(xml::read_file(path));
      for (const auto& [field, expected] : e.fields) {
        const json::Value* got = resolve_path(view, field);
        CPPUNIT_ASSERT_MESSAGE(e.file + ": " + field + " missing", got && got->is_string());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(e.file + ": " + field, expected, got->as_string());
        ++fields;
      }
    }
    CPPUNIT_ASSERT_EQUAL(2, refused);
    CPPUNIT_ASSERT(fields >= 10);
    int files = 0;
    for (const char* sub : {"req", "res", "bad"})
      for (const auto& entry : std::filesystem::directory_iterator(dir + "/" + sub)) {
        const std::string rel = std::string(sub) + "/" + entry.path().filename().string();
        CPPUNIT_ASSERT_MESSAGE(rel + " has no expectation", listed.count(rel) == 1);
        ++files;
      }
    CPPUNIT_ASSERT_EQUAL(static_cast<int>(listed.size()), files);
  }

  void testShiftJisFaceEqualsUtf8Face() {
    const std::string dir = fixtures_dir() + "/face/";
    model::Document utf8 = xml::read_file(
        dir + "OQSsiquc01res_face_131234567858c208ba06ff3c483df0_20250612091503.xml");
    model::Document sjis = xml::read_file(
        dir + "OQSsiquc01res_face_1312345678ed7fd543724c32604819_20250612091847.xml");
    CPPUNIT_ASSERT(utf8.encoding == model::Encoding::utf8);
    CPPUNIT_ASSERT(sjis.encoding == model::Encoding::cp932);
    json::Value a = json::document_to_json(utf8), b = json::document_to_json(sjis);
    CPPUNIT_ASSERT_EQUAL(json::dump(*a.find("Results")), json::dump(*b.find("Results")));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FixtureCorpusTest);

}  // namespace onshi::test
