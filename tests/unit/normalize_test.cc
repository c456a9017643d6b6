// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

#include "text/normalize.h"

namespace onshi::test {

class NormalizeTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(NormalizeTest);
  CPPUNIT_TEST(testHalfwidthToFullwidth);
  CPPUNIT_TEST(testVoicedMarks);
  CPPUNIT_TEST(testKanaNameForHost);
  CPPUNIT_TEST(testFoldSpaces);
  CPPUNIT_TEST(testNameMatchKey);
  CPPUNIT_TEST(testUnrepresentableMark);
  CPPUNIT_TEST(testInsurerPadding);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testHalfwidthToFullwidth() {
    CPPUNIT_ASSERT_EQUAL(std::string("テスト タロウ"), text::halfwidth_kana_to_fullwidth("ﾃｽﾄ ﾀﾛｳ"));
    CPPUNIT_ASSERT_EQUAL(std::string("ァィゥェォャュョッー"),
                         text::halfwidth_kana_to_fullwidth("ｧｨｩｪｫｬｭｮｯｰ"));
    CPPUNIT_ASSERT_EQUAL(std::string("。「」、・ヲン"), text::halfwidth_kana_to_fullwidth("｡｢｣､･ｦﾝ"));
    // Everything else is untouched, including full-width text and ASCII.
    CPPUNIT_ASSERT_EQUAL(std::string("架空 ABC 123 カナ"),
                         text::halfwidth_kana_to_fullwidth("架空 ABC 123 カナ"));
  }

  void testVoicedMarks() {
    CPPUNIT_ASSERT_EQUAL(std::string("ガギグゲゴザジズゼゾダヂヅデド"),
                         text::halfwidth_kana_to_fullwidth("ｶﾞｷﾞｸﾞｹﾞｺﾞｻﾞｼﾞｽﾞｾﾞｿﾞﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞ"));
    CPPUNIT_ASSERT_EQUAL(std::string("バビブベボパピプペポ"),
                         text::halfwidth_kana_to_fullwidth("ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ"));
    CPPUNIT_ASSERT_EQUAL(std::string("ヴ"), text::halfwidth_kana_to_fullwidth("ｳﾞ"));
    CPPUNIT_ASSERT_EQUAL(std::string("カジロウ"), text::halfwidth_kana_to_fullwidth("ｶｼﾞﾛｳ"));
    // A mark that cannot combine stays as a separate full-width mark.
    CPPUNIT_ASSERT_EQUAL(std::string("ア゛サ゜"), text::halfwidth_kana_to_fullwidth("ｱﾞｻﾟ"));
    CPPUNIT_ASSERT_EQUAL(std::string("゛"), text::halfwidth_kana_to_fullwidth("ﾞ"));
  }

  void testKanaNameForHost() {
    CPPUNIT_ASSERT_EQUAL(std::string("テスト　タロウ"), text::kana_name_for_host("ﾃｽﾄ ﾀﾛｳ"));
    CPPUNIT_ASSERT_EQUAL(std::string("ケンショウ　ゴロウ"), text::kana_name_for_host(" ｹﾝｼｮｳ   ｺﾞﾛｳ "));
    CPPUNIT_ASSERT_EQUAL(std::string("カクウ　ジロウ"), text::kana_name_for_host("カクウ　ジロウ"));
  }

  void testFoldSpaces() {
    CPPUNIT_ASSERT_EQUAL(std::string("a b c"), text::fold_spaces("  a \t b　　c "));
    CPPUNIT_ASSERT_EQUAL(std::string(""), text::fold_spaces("　 "));
  }

  void testNameMatchKey() {
    CPPUNIT_ASSERT_EQUAL(text::name_match_key("テスト　タロウ"), text::name_match_key("ﾃｽﾄ ﾀﾛｳ"));
    CPPUNIT_ASSERT(text::name_match_key("テスト　タロウ") != text::name_match_key("ﾃｽﾄ ｼﾞﾛｳ"));
  }

  void testUnrepresentableMark() {
    CPPUNIT_ASSERT(text::has_unrepresentable_mark("●田　四郎"));
    CPPUNIT_ASSERT(!text::has_unrepresentable_mark("吉田　四郎"));
    CPPUNIT_ASSERT(!text::has_unrepresentable_mark("○田"));  // U+25CB is a different character
  }

  void testInsurerPadding() {
    CPPUNIT_ASSERT_EQUAL(std::string("  138999"), text::pad_insurer_number("138999"));
    CPPUNIT_ASSERT_EQUAL(std::string("  138999"), text::pad_insurer_number("  138999"));
    CPPUNIT_ASSERT_EQUAL(std::string("06139999"), text::pad_insurer_number("06139999"));
    CPPUNIT_ASSERT_THROW(text::pad_insurer_number("1389990"), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(text::pad_insurer_number("13899A"), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(text::pad_insurer_number(""), std::invalid_argument);
    CPPUNIT_ASSERT_EQUAL(std::string("138999"), std::string(text::strip_insurer_padding("  138999")));
    CPPUNIT_ASSERT_EQUAL(std::string("06139999"), std::string(text::strip_insurer_padding("06139999")));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(NormalizeTest);

}  // namespace onshi::test
