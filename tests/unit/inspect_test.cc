// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// `onshi-admin inspect`: every line it prints is valid UTF-8 JSON, whatever the file holds.
#include "admin/inspect.h"

#include <cppunit/extensions/HelperMacros.h>
#include <sys/stat.h>

#include <cstdio>
#include <sstream>

#include "json/json.h"
#include "support/fixtures.h"
#include "text/encoding.h"

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

}  // namespace

class InspectTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(InspectTest);
  CPPUNIT_TEST(testDetailEscapesBytesAndCutsOnCharacterBoundary);
  CPPUNIT_TEST(testLinesAreValidUtf8Json);
  CPPUNIT_TEST(testLongDetailCutOnCharacterBoundary);
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
};

CPPUNIT_TEST_SUITE_REGISTRATION(InspectTest);

}  // namespace onshi::test
