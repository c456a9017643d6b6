// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "json/json.h"

#include <cppunit/extensions/HelperMacros.h>

#include "common/error.h"

namespace onshi::test {

class JsonTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(JsonTest);
  CPPUNIT_TEST(testDumpKeepsUtf8AndEscapesControls);
  CPPUNIT_TEST(testParseRoundTrip);
  CPPUNIT_TEST(testParseErrors);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testDumpKeepsUtf8AndEscapesControls() {
    json::Object o{
        {"name", "テスト　太郎"}, {"q", "a\"b\\c\n\x01"}, {"n", 3}, {"ok", true}, {"x", nullptr}};
    CPPUNIT_ASSERT_EQUAL(
        std::string("{\"name\":\"テスト　太郎\",\"q\":\"a\\\"b\\\\c\\n\\u0001\",\"n\":3,"
                    "\"ok\":true,\"x\":null}"),
        json::dump(o));
  }

  void testParseRoundTrip() {
    std::string text = "{\"a\":[1,2.5,\"\\u30c6\\ud83d\\ude00\",{\"b\":false}],\"c\":\"  138999\"}";
    json::Value v = json::parse(text);
    CPPUNIT_ASSERT_EQUAL(std::string("テ\xF0\x9F\x98\x80"), v.find("a")->as_array()[2].as_string());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, v.find("a")->as_array()[0].as_int());
    CPPUNIT_ASSERT_EQUAL(2.5, v.find("a")->as_array()[1].as_double());
    CPPUNIT_ASSERT_EQUAL(std::string("  138999"), v.find("c")->as_string());
    CPPUNIT_ASSERT_EQUAL(
        std::string("{\"a\":[1,2.5,\"テ\xF0\x9F\x98\x80\",{\"b\":false}],\"c\":\"  138999\"}"),
        json::dump(v));
  }

  void testParseErrors() {
    for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "\"\\x\"", "tru", "1 2", "\"a\nb\""})
      CPPUNIT_ASSERT_THROW_MESSAGE(bad, json::parse(bad), Error);
    std::string deep(500, '[');
    CPPUNIT_ASSERT_THROW(json::parse(deep), Error);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonTest);

}  // namespace onshi::test
