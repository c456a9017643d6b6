// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "text/normalize.h"

#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

#include "text/host_encoding.h"

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
  CPPUNIT_TEST(testCardKey);
  CPPUNIT_TEST(testToFullwidth);
  CPPUNIT_TEST(testHostCodecEucJp);
  CPPUNIT_TEST(testHostCodecUtf8IsIdentity);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testHalfwidthToFullwidth() {
    CPPUNIT_ASSERT_EQUAL(std::string("テスト タロウ"),
                         text::halfwidth_kana_to_fullwidth("ﾃｽﾄ ﾀﾛｳ"));
    CPPUNIT_ASSERT_EQUAL(std::string("ァィゥェォャュョッー"),
                         text::halfwidth_kana_to_fullwidth("ｧｨｩｪｫｬｭｮｯｰ"));
    CPPUNIT_ASSERT_EQUAL(std::string("。「」、・ヲン"),
                         text::halfwidth_kana_to_fullwidth("｡｢｣､･ｦﾝ"));
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
    CPPUNIT_ASSERT_EQUAL(std::string("ケンショウ　ゴロウ"),
                         text::kana_name_for_host(" ｹﾝｼｮｳ   ｺﾞﾛｳ "));
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
    CPPUNIT_ASSERT_EQUAL(std::string("138999"),
                         std::string(text::strip_insurer_padding("  138999")));
    CPPUNIT_ASSERT_EQUAL(std::string("06139999"),
                         std::string(text::strip_insurer_padding("06139999")));
  }

  void testCardKey() {
    // The host's full-width value and the terminal's half-width value meet in one key.
    CPPUNIT_ASSERT_EQUAL(std::string("40110203"), text::card_key("４０１１０２０３"));
    CPPUNIT_ASSERT_EQUAL(text::card_key("1234"), text::card_key("１２３４"));
    CPPUNIT_ASSERT_EQUAL(std::string("AB-12"), text::card_key("ＡＢ－１２"));
    CPPUNIT_ASSERT_EQUAL(std::string("ab12"), text::card_key(" ａｂ　1 2 "));
    // Kana and kanji symbols are kept as they are; only spaces go.
    CPPUNIT_ASSERT_EQUAL(std::string("あいう12"), text::card_key("あいう　１２"));
    CPPUNIT_ASSERT(text::card_key("１２３４") != text::card_key("１２３５"));
    CPPUNIT_ASSERT_EQUAL(std::string(""), text::card_key("　 "));
  }

  void testToFullwidth() {
    CPPUNIT_ASSERT_EQUAL(std::string("４０１１０２０３"), text::to_fullwidth("40110203"));
    CPPUNIT_ASSERT_EQUAL(std::string("ＡＢ－１２"), text::to_fullwidth("AB-12"));
    CPPUNIT_ASSERT_EQUAL(std::string("東京都架空区　１－２"),
                         text::to_fullwidth("東京都架空区 1-2"));
    CPPUNIT_ASSERT_EQUAL(std::string("テスト　タロウ"), text::to_fullwidth("ﾃｽﾄ ﾀﾛｳ"));
    // Round trip of the comparison key.
    CPPUNIT_ASSERT_EQUAL(std::string("12AB"), text::card_key(text::to_fullwidth("12AB")));
  }

  void testHostCodecEucJp() {
    text::HostCodec c("EUC_JP");
    CPPUNIT_ASSERT(!c.identity());
    CPPUNIT_ASSERT_EQUAL(std::string("EUC_JP"), c.client_encoding());
    // JIS X 0208 round trip: 吉 is 0xB5C8 in EUC-JP.
    std::string host = c.to_host("吉田　四郎");
    CPPUNIT_ASSERT_EQUAL(std::string("\xB5\xC8"), host.substr(0, 2));
    CPPUNIT_ASSERT_EQUAL(std::string("吉田　四郎"), c.from_host(host));
    CPPUNIT_ASSERT(c.representable("吉田　四郎"));
    // U+20BB7 (JIS X 0213 only) cannot be held: it becomes U+3013, and it is counted.
    std::size_t n = 0;
    std::string sub = c.to_host("\U00020BB7田　四郎", &n);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), n);
    CPPUNIT_ASSERT_EQUAL(std::string("\u3013田　四郎"), c.from_host(sub));
    CPPUNIT_ASSERT(!c.representable("\U00020BB7田"));
    // ASCII passes unchanged.
    CPPUNIT_ASSERT_EQUAL(std::string("SELECT 1"), c.to_host("SELECT 1"));
  }

  void testHostCodecUtf8IsIdentity() {
    text::HostCodec c("UTF8");
    CPPUNIT_ASSERT(c.identity());
    CPPUNIT_ASSERT(c.representable("\U00020BB7田"));
    CPPUNIT_ASSERT_EQUAL(std::string("\U00020BB7田"), c.to_host("\U00020BB7田"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(NormalizeTest);

}  // namespace onshi::test
