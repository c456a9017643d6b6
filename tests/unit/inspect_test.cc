// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// `onshi-admin inspect`: every line it prints is valid UTF-8 JSON, whatever the file holds.
#include "admin/inspect.h"

#include <cppunit/extensions/HelperMacros.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>

#include "common/error.h"
#include "json/document_json.h"
#include "json/json.h"
#include "model/kind.h"
#include "sim/responder.h"
#include "sim/scenario.h"
#include "support/fixtures.h"
#include "text/encoding.h"
#include "xml/reader.h"
#include "xml/writer.h"

namespace onshi::test {

namespace {

const char* const kFaceName =
    "OQSsiquc01res_face_1312345678aaaaaaaaaaaaaaaaaaaa_20250612091503.xml";

/// Runs inspect over `files`; returns the stdout lines (and the stderr text in `err_text`).
std::vector<std::string> inspect_lines(const std::vector<std::string>& files,
                                       std::string* err_text = nullptr) {
  std::ostringstream out, err;
  admin::run_inspect(files, out, err);
  if (err_text) *err_text = err.str();
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// inspect's line for `file` as it was made before the output was streamed: the whole document
/// read, its whole JSON view built and dumped at once (or the refusal).
std::string whole_document_line(const std::string& file) {
  const model::MessageKind kind = model::classify_file_name(model::base_name(file)).kind;
  try {
    const json::Value v = json::document_to_json(xml::read_file(file));
    json::Object line{{"file", file}, {"accepted", true}};
    for (const auto& member : v.as_object()) line.push_back(member);
    return json::dump(line);
  } catch (const RefusedError& e) {
    json::Object error{{"reason", refusal_kind_name(e.kind())},
                       {"detail", admin::detail_for_output(e.detail())}};
    if (e.offset() != RefusedError::npos)
      error.emplace_back("offset", static_cast<std::int64_t>(e.offset()));
    return json::dump(json::Object{
        {"file", file}, {"kind", model::kind_name(kind)}, {"accepted", false}, {"error", error}});
  }
}

/// Asserts that inspect prints, for each file, the line whole_document_line() makes.
void assert_same_as_whole_document(const std::vector<std::string>& files) {
  const std::vector<std::string> lines = inspect_lines(files);
  CPPUNIT_ASSERT_EQUAL(files.size(), lines.size());
  for (std::size_t i = 0; i < files.size(); ++i)
    CPPUNIT_ASSERT_EQUAL_MESSAGE(files[i], whole_document_line(files[i]), lines[i]);
}

/// The terminal simulator's final bulk pre-check answer about `persons` entries (the demo
/// scenario's people in turn): its file name and bytes.
std::pair<std::string, std::string> simulated_bulk_answer(std::size_t persons,
                                                          model::Encoding encoding) {
  const char* src = std::getenv("ONSHI_SRCDIR");
  std::string path = "tests/sim/scenario-demo.json";
  for (std::string dir :
       {std::string(src && *src ? src : ".."), std::string(".."), std::string(".")})
    if (std::filesystem::exists(dir + "/" + path)) {
      path = dir + "/" + path;
      break;
    }
  sim::Scenario scenario = sim::load_scenario(path);
  scenario.settings.still_processing = 0;
  scenario.settings.encoding = encoding;
  sim::Responder responder(scenario);
  model::Document up = model::Document::make(model::MessageKind::OQSmuquc01req);
  up.header.MedicalInstitutionCode = scenario.institution_code;
  up.header.QualificationConfirmationDate = "20250613";
  auto& infos = up.as<model::BulkQualificationRequestBody>().QualificationConfirmSearchInfo;
  std::vector<const sim::Person*> people;  // those answered with a result, not a fault
  for (const sim::Person& p : scenario.people)
    if (p.fault == sim::Fault::none) people.push_back(&p);
  for (std::size_t i = 0; i < persons; ++i) {
    const model::ResultOfQualificationConfirmation& card = people[i % people.size()]->card;
    model::QualificationConfirmSearchInfo& s = infos.emplace_back();
    s.InsurerNumber = card.InsurerNumber;
    s.InsuredCardSymbol = card.InsuredCardSymbol;
    s.InsuredIdentificationNumber = card.InsuredIdentificationNumber;
    s.InsuredBranchNumber = card.InsuredBranchNumber;
    s.Birthdate = card.Birthdate;
    s.LimitApplicationCertificateRelatedConsFlg = "1";
    s.ArbitraryIdentifier = std::to_string(1000 + i) + "_1";
  }
  const sim::Reply accepted =
      responder.respond(model::request_file_name(model::MessageKind::OQSmuquc01req, "202506120001"),
                        xml::write_document(up, model::Encoding::utf8));
  model::Document down = model::Document::make(model::MessageKind::OQSmuquc02req);
  down.header.MedicalInstitutionCode = scenario.institution_code;
  down.as<model::ReceptionBody>().ReceptionNumber =
      accepted.document->as<model::ReceptionBody>().ReceptionNumber;
  sim::Reply final_answer =
      responder.respond(model::request_file_name(model::MessageKind::OQSmuquc02req, "202506120002"),
                        xml::write_document(down, model::Encoding::utf8));
  CPPUNIT_ASSERT(final_answer.action == sim::Reply::Action::answer);
  return {final_answer.file_name, std::move(final_answer.bytes)};
}

/// `bytes` with the `n`-th (from 0) occurrence of `from` replaced by `to`.
std::string replace_nth(std::string bytes, const std::string& from, const std::string& to,
                        std::size_t n) {
  std::size_t at = bytes.find(from);
  for (std::size_t i = 0; i < n && at != std::string::npos; ++i) at = bytes.find(from, at + 1);
  CPPUNIT_ASSERT(at != std::string::npos);
  return bytes.replace(at, from.size(), to);
}

}  // namespace

class InspectTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(InspectTest);
  CPPUNIT_TEST(testDetailEscapesBytesAndCutsOnCharacterBoundary);
  CPPUNIT_TEST(testLinesAreValidUtf8Json);
  CPPUNIT_TEST(testLongDetailCutOnCharacterBoundary);
  CPPUNIT_TEST(testStreamedOutputEqualsWholeDocumentOnFixtures);
  CPPUNIT_TEST(testStreamedOutputEqualsWholeDocumentOnLargeBulkAnswers);
  CPPUNIT_TEST(testStreamedRefusalsEqualWholeDocument);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testDetailEscapesBytesAndCutsOnCharacterBoundary() {
    CPPUNIT_ASSERT_EQUAL(std::string("テスト ok"), admin::detail_for_output("テスト ok"));
    // Bytes that are not UTF-8 (a cut character, a lone byte) are shown, never passed on.
    CPPUNIT_ASSERT_EQUAL(std::string("label \"EUC-\\xE3\\x81\" \\xFF"),
                         admin::detail_for_output("label \"EUC-\xE3\x81\" \xFF"));
    // A cut lands before a whole character, for every position of the limit inside one.
    for (std::size_t lead = 0; lead < 3; ++lead) {
      const std::string long_detail = std::string(lead, 'a') + [] {
        std::string s;
        for (std::size_t i = 0; i < admin::kMaxDetailBytes; ++i) s += "あ";
        return s;
      }();
      const std::string d = admin::detail_for_output(long_detail);
      CPPUNIT_ASSERT_EQUAL(std::string::npos, text::find_invalid_utf8(d));
      CPPUNIT_ASSERT(d.size() <= admin::kMaxDetailBytes + 3);
      CPPUNIT_ASSERT(d.size() > admin::kMaxDetailBytes - 3);
      CPPUNIT_ASSERT_EQUAL(std::string("..."), d.substr(d.size() - 3));
      CPPUNIT_ASSERT_EQUAL(0, long_detail.compare(0, d.size() - 3, d, 0, d.size() - 3));
    }
  }

  void testLinesAreValidUtf8Json() {
    TempDir dir;
    // Invalid bytes in the declared encoding label, and in the folder's name.
    const std::string bad_label = dir.write(
        kFaceName,
        "<?xml version=\"1.0\" encoding=\"EUC-\xE3\x81\"?><XmlMsg><MessageHeader/></XmlMsg>");
    const std::string odd_dir = dir.path() + "/\xFF\xFE";
    CPPUNIT_ASSERT_EQUAL(0, ::mkdir(odd_dir.c_str(), 0700));
    const std::string in_odd_dir = odd_dir + "/" + kFaceName;
    std::FILE* f = std::fopen(in_odd_dir.c_str(), "wb");
    CPPUNIT_ASSERT(f);
    std::fputs("<?xml version=\"1.0\"?><Other/>", f);
    std::fclose(f);
    const std::string odd_name = odd_dir + "/result\xC3.xml";
    std::string err;
    const std::vector<std::string> lines = inspect_lines({bad_label, in_odd_dir, odd_name}, &err);
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, lines.size());
    CPPUNIT_ASSERT_EQUAL_MESSAGE(err, std::string::npos, text::find_invalid_utf8(err));
    for (const std::string& line : lines) {
      CPPUNIT_ASSERT_EQUAL_MESSAGE(line, std::string::npos, text::find_invalid_utf8(line));
      json::Value v = json::parse(line);
      CPPUNIT_ASSERT(!v.find("accepted")->as_bool());
      CPPUNIT_ASSERT_EQUAL(std::string::npos,
                           text::find_invalid_utf8(v.find("error")->find("detail")->as_string()));
      CPPUNIT_ASSERT_EQUAL(std::string::npos, text::find_invalid_utf8(v.find("file")->as_string()));
    }
    CPPUNIT_ASSERT_EQUAL(bad_label, json::parse(lines[0]).find("file")->as_string());
    CPPUNIT_ASSERT_EQUAL(std::string("encoding"),
                         json::parse(lines[0]).find("error")->find("reason")->as_string());
    CPPUNIT_ASSERT_EQUAL(std::string("structure"),
                         json::parse(lines[1]).find("error")->find("reason")->as_string());
    CPPUNIT_ASSERT_EQUAL(std::string("unknown_kind"),
                         json::parse(lines[2]).find("error")->find("reason")->as_string());
  }

  void testLongDetailCutOnCharacterBoundary() {
    // libxml2 names the mismatched tags: a long Japanese element name makes a long detail.
    std::string name;
    for (int i = 0; i < 1500; ++i) name += "名";
    TempDir dir;
    const std::string file =
        dir.write(kFaceName, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<XmlMsg><" + name +
                                 "></X></XmlMsg>\n");
    const std::vector<std::string> lines = inspect_lines({file});
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, lines.size());
    CPPUNIT_ASSERT_EQUAL(std::string::npos, text::find_invalid_utf8(lines[0]));
    const json::Value v = json::parse(lines[0]);
    const std::string& detail = v.find("error")->find("detail")->as_string();
    CPPUNIT_ASSERT_EQUAL(std::string("malformed"), v.find("error")->find("reason")->as_string());
    CPPUNIT_ASSERT(detail.size() <= admin::kMaxDetailBytes + 3);
    CPPUNIT_ASSERT_EQUAL(std::string("..."), detail.substr(detail.size() - 3));
    CPPUNIT_ASSERT(detail.find("名名名") != std::string::npos);
  }

  // The output is written unit by unit from a second read (README, "Big files"): line for
  // line it is what the whole document's view was, for every fixture, accepted or refused.
  void testStreamedOutputEqualsWholeDocumentOnFixtures() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(fixtures_dir()))
      if (entry.is_regular_file() && entry.path().extension() != ".json" &&
          entry.path().extension() != ".md")
        files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    CPPUNIT_ASSERT(files.size() >= 50);
    assert_same_as_whole_document(files);
  }

  // Many units, in both encodings; the CP932 one is large enough (over 1 MiB) to be converted
  // piece by piece while it is read.
  void testStreamedOutputEqualsWholeDocumentOnLargeBulkAnswers() {
    std::vector<std::unique_ptr<TempDir>> dirs;
    std::vector<std::string> files;
    for (const auto encoding : {model::Encoding::utf8, model::Encoding::cp932}) {
      const auto [name, bytes] = simulated_bulk_answer(700, encoding);
      CPPUNIT_ASSERT(bytes.size() > (std::size_t{1} << 20));
      dirs.push_back(std::make_unique<TempDir>());
      files.push_back(dirs.back()->write(name, bytes));
    }
    assert_same_as_whole_document(files);
  }

  // A refusal found after some units were checked and dropped is the one the whole read found:
  // which unit, which check (element or per-kind rule), and what a later malformed or an
  // earlier header problem overrules.
  void testStreamedRefusalsEqualWholeDocument() {
    const auto [name, bytes] = simulated_bulk_answer(40, model::Encoding::utf8);
    const std::string bad_code = "<QualificationValidity>9</QualificationValidity>";
    const std::string good_code = "<QualificationValidity>1</QualificationValidity>";
    const std::string status = "<ProcessingResultStatus>1</ProcessingResultStatus>";
    const std::string no_status = "<ProcessingResultStatus></ProcessingResultStatus>";
    const std::string mic = "<MedicalInstitutionCode>1312345678</MedicalInstitutionCode>";
    const std::vector<std::string> variants = {
        bytes,
        replace_nth(bytes, good_code, bad_code, 7),
        replace_nth(replace_nth(bytes, good_code, bad_code, 12), good_code, bad_code, 7),
        replace_nth(bytes, status, no_status, 3),
        replace_nth(replace_nth(bytes, status, no_status, 3), good_code, bad_code, 9),
        replace_nth(replace_nth(bytes, status, no_status, 3), mic, "", 0),
        replace_nth(bytes, good_code, bad_code, 7).substr(0, bytes.size() - 40),
        bytes.substr(0, bytes.size() / 2),
    };
    std::vector<std::unique_ptr<TempDir>> dirs;
    std::vector<std::string> files;
    for (const std::string& v : variants) {
      dirs.push_back(std::make_unique<TempDir>());
      files.push_back(dirs.back()->write(name, v));
    }
    assert_same_as_whole_document(files);
    const std::vector<std::string> lines = inspect_lines(files);
    CPPUNIT_ASSERT(lines[0].find("\"accepted\":true") != std::string::npos);
    for (std::size_t i = 1; i < lines.size(); ++i)
      CPPUNIT_ASSERT_MESSAGE(lines[i], lines[i].find("\"accepted\":false") != std::string::npos);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(InspectTest);

}  // namespace onshi::test
