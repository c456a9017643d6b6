// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "model/kind.h"

#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

namespace onshi::test {

using model::classify_file_name;
using model::MessageKind;

class KindTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(KindTest);
  CPPUNIT_TEST(testClassifyEveryKind);
  CPPUNIT_TEST(testFaceNameRule);
  CPPUNIT_TEST(testRejectedNames);
  CPPUNIT_TEST(testRequestIdsAndNames);
  CPPUNIT_TEST(testKindNames);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testClassifyEveryKind() {
    const std::pair<const char*, MessageKind> cases[] = {
        {"OQSsiquc01req_202506120001.xml", MessageKind::OQSsiquc01req},
        {"OQSsiquc01res_202506120001.xml", MessageKind::OQSsiquc01res},
        {"OQSsiimm01req_202506120007.xml", MessageKind::OQSsiimm01req},
        {"OQSsiimm01res_202506120007.xml", MessageKind::OQSsiimm01res},
        {"OQSmuquc01req_202506120009.xml", MessageKind::OQSmuquc01req},
        {"OQSmuquc01res_202506120009.xml", MessageKind::OQSmuquc01res},
        {"OQSmuquc02req_202506120010.xml", MessageKind::OQSmuquc02req},
        {"OQSmuquc02res_202506120010.xml", MessageKind::OQSmuquc02res},
        {"OQSmuimm01req_202506120012.xml", MessageKind::OQSmuimm01req},
        {"OQSmuimm01res_202506120012.xml", MessageKind::OQSmuimm01res},
        {"OQSmuimm02req_202506120013.xml", MessageKind::OQSmuimm02req},
        {"OQSmuimm02res_202506120013.xml", MessageKind::OQSmuimm02res},
        {"YZKsiquc01req_022506121030101.xml", MessageKind::YZKsiquc01req},
        {"YZKsiquc01res_022506121030101.xml", MessageKind::YZKsiquc01res},
        {"TKKsiquc01req_022506121045101.xml", MessageKind::TKKsiquc01req},
        {"TKKsiquc01res_022506121045101.xml", MessageKind::TKKsiquc01res},
    };
    for (const auto& [name, kind] : cases) {
      model::FileName f = classify_file_name(name);
      CPPUNIT_ASSERT_MESSAGE(name, f.kind == kind);
      CPPUNIT_ASSERT(!f.pdf);
    }
    model::FileName pdf = classify_file_name("YZKsiquc01res_012506121040101.pdf");
    CPPUNIT_ASSERT(pdf.kind == MessageKind::YZKsiquc01res && pdf.pdf);
    CPPUNIT_ASSERT_EQUAL(std::string("012506121040101"), pdf.id);
  }

  void testFaceNameRule() {
    model::FileName f =
        classify_file_name("OQSsiquc01res_face_13123456784da5260a16de5a3d3ad7_20260929160112.xml");
    CPPUNIT_ASSERT(f.kind == MessageKind::OQSsiquc01res_face);
    // Not hex, wrong lengths, missing timestamp.
    CPPUNIT_ASSERT(
        classify_file_name("OQSsiquc01res_face_1312345678zzzz260a16de5a3d3ad7_20260929160112.xml")
            .kind == MessageKind::unknown);
    CPPUNIT_ASSERT(
        classify_file_name("OQSsiquc01res_face_13123456784da5260a16de5a3d3ad_20260929160112.xml")
            .kind == MessageKind::unknown);
    CPPUNIT_ASSERT(
        classify_file_name("OQSsiquc01res_face_13123456784da5260a16de5a3d3ad7.xml").kind ==
        MessageKind::unknown);
  }

  void testRejectedNames() {
    const char* bad[] = {
        "OQSsiquc01res_.xml",                  // empty id
        "OQSsiquc01res_2025.xml.tmp",          // temporary name
        "OQSsiquc01res_2025.pdf",              // PDF only for YZK/TKK
        "OQSsiquc01res_../../etc/passwd.xml",  // path characters
        "OQSsiquc01res_a b.xml",               // space
        "OQSxxquc01res_202506120001.xml",      // unknown prefix
        "oqssiquc01res_202506120001.xml",      // case matters
        "OQSsiurl01res_202506120001.xml",      // a kind we do not handle
        "OQSsiquc01req_202506120001.err",      // error side channel, not a message
        ".OQSsiquc01res_202506120001.xml",
    };
    for (const char* name : bad)
      CPPUNIT_ASSERT_MESSAGE(name, classify_file_name(name).kind == MessageKind::unknown);
    std::string long_id = "OQSsiquc01res_" + std::string(65, '1') + ".xml";
    CPPUNIT_ASSERT(classify_file_name(long_id).kind == MessageKind::unknown);
  }

  void testRequestIdsAndNames() {
    CPPUNIT_ASSERT_EQUAL(std::string("202506120001"), model::make_request_id("20250612", 1));
    CPPUNIT_ASSERT_EQUAL(std::string("202506129999"), model::make_request_id("20250612", 9999));
    CPPUNIT_ASSERT_THROW(model::make_request_id("20250612", 0), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(model::make_request_id("20250612", 10000), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(model::make_request_id("2025061", 1), std::invalid_argument);
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsiquc01req_202506120001.xml"),
                         model::request_file_name(MessageKind::OQSsiquc01req, "202506120001"));
    CPPUNIT_ASSERT_THROW(model::request_file_name(MessageKind::OQSsiquc01res, "1"),
                         std::invalid_argument);
    CPPUNIT_ASSERT_THROW(model::request_file_name(MessageKind::OQSsiquc01req, "a/b"),
                         std::invalid_argument);
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsiquc01res_202506120001.xml"),
                         model::result_file_name("OQSsiquc01req_202506120001.xml"));
    CPPUNIT_ASSERT_EQUAL(std::string("YZKsiquc01res_012506121040101.pdf"),
                         model::result_file_name("YZKsiquc01req_012506121040101.xml", true));
    CPPUNIT_ASSERT_THROW(model::result_file_name("OQSsiquc01req_1.xml", true),
                         std::invalid_argument);
    CPPUNIT_ASSERT_THROW(model::result_file_name("OQSsiquc01res_1.xml"), std::invalid_argument);
    // The inverse: the request a result answers; none for a check-in, a request, a stray name.
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsiquc01req_202506120001.xml"),
                         *model::request_file_name_for("OQSsiquc01res_202506120001.xml"));
    CPPUNIT_ASSERT_EQUAL(std::string("YZKsiquc01req_012506121040101.xml"),
                         *model::request_file_name_for("YZKsiquc01res_012506121040101.pdf"));
    CPPUNIT_ASSERT_EQUAL(std::string("OQSmuimm02req_202506120013.xml"),
                         *model::request_file_name_for("OQSmuimm02res_202506120013.xml"));
    CPPUNIT_ASSERT(!model::request_file_name_for(
        "OQSsiquc01res_face_131234567858c208ba06ff3c483df0_20250612091503.xml"));
    CPPUNIT_ASSERT(!model::request_file_name_for("OQSsiquc01req_202506120001.xml"));
    CPPUNIT_ASSERT(!model::request_file_name_for("OQSsiquc01res_a\\b.xml"));
  }

  void testKindNames() {
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsiquc01res_face"),
                         std::string(model::kind_name(MessageKind::OQSsiquc01res_face)));
    CPPUNIT_ASSERT(model::kind_from_name("OQSmuquc02res") == MessageKind::OQSmuquc02res);
    CPPUNIT_ASSERT(model::kind_from_name("unknown") == MessageKind::unknown);
    CPPUNIT_ASSERT_EQUAL(model::kBulkMaxBytes,
                         model::kind_info(MessageKind::OQSmuquc02res).max_bytes);
    CPPUNIT_ASSERT_EQUAL(model::kDefaultMaxBytes,
                         model::kind_info(MessageKind::OQSsiquc01res_face).max_bytes);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(KindTest);

}  // namespace onshi::test
