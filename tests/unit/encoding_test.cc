// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "text/encoding.h"

#include <cppunit/extensions/HelperMacros.h>

#include "common/error.h"

namespace onshi::test {

using text::cp932_to_utf8;
using text::decode_xml_bytes;
using text::find_invalid_utf8;
using text::utf8_to_cp932;

class EncodingTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(EncodingTest);
  CPPUNIT_TEST(testValidUtf8);
  CPPUNIT_TEST(testInvalidUtf8Offsets);
  CPPUNIT_TEST(testCp932ToUtf8);
  CPPUNIT_TEST(testCp932WindowsExtensions);
  CPPUNIT_TEST(testCp932InvalidOffset);
  CPPUNIT_TEST(testUtf8ToCp932RoundTrip);
  CPPUNIT_TEST(testUtf8ToCp932RefusesUnmappable);
  CPPUNIT_TEST(testDeclaration);
  CPPUNIT_TEST(testEncodingLabels);
  CPPUNIT_TEST(testDecodeBomAndDeclaration);
  CPPUNIT_TEST(testDecodeRefusals);
  CPPUNIT_TEST(testWideFormsAndNulBytes);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testValidUtf8() {
    CPPUNIT_ASSERT_EQUAL(std::string::npos, find_invalid_utf8(""));
    CPPUNIT_ASSERT_EQUAL(std::string::npos, find_invalid_utf8("plain ASCII text, longer than 8"));
    CPPUNIT_ASSERT_EQUAL(std::string::npos, find_invalid_utf8("テスト　太郎 ﾃｽﾄ ﾀﾛｳ ●"));
    CPPUNIT_ASSERT_EQUAL(std::string::npos, find_invalid_utf8("\xF0\x9F\x98\x80"));  // U+1F600
  }

  void testInvalidUtf8Offsets() {
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, find_invalid_utf8("abc\x80"));        // lone continuation
    CPPUNIT_ASSERT_EQUAL(std::size_t{0}, find_invalid_utf8("\xC0\xAF"));       // overlong '/'
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, find_invalid_utf8("a\xED\xA0\x80"));  // surrogate
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, find_invalid_utf8("ab\xE3\x81"));     // truncated
    CPPUNIT_ASSERT_EQUAL(std::size_t{0}, find_invalid_utf8("\xF4\x90\x80\x80"));  // > U+10FFFF
    CPPUNIT_ASSERT_EQUAL(std::size_t{9}, find_invalid_utf8("123456789\xFF"));     // after fast path
    // CP932 bytes for テスト are not UTF-8.
    CPPUNIT_ASSERT_EQUAL(std::size_t{0}, find_invalid_utf8("\x83\x65\x83\x58\x83\x67"));
  }

  void testCp932ToUtf8() {
    CPPUNIT_ASSERT_EQUAL(std::string("テスト　太郎"),
                         cp932_to_utf8("\x83\x65\x83\x58\x83\x67\x81\x40\x91\xBE\x98\x59", "t"));
    CPPUNIT_ASSERT_EQUAL(std::string("ﾃｽﾄ ﾀﾛｳ"), cp932_to_utf8("\xC3\xBD\xC4 \xC0\xDB\xB3", "t"));
    CPPUNIT_ASSERT_EQUAL(std::string("<a>x</a>"), cp932_to_utf8("<a>x</a>", "t"));
  }

  void testCp932WindowsExtensions() {
    // NEC row 13 and IBM extensions exist in CP932 but not in strict Shift_JIS.
    CPPUNIT_ASSERT_EQUAL(std::string("①"), cp932_to_utf8("\x87\x40", "t"));
    CPPUNIT_ASSERT_EQUAL(std::string("㈱"), cp932_to_utf8("\x87\x8A", "t"));
    CPPUNIT_ASSERT_EQUAL(std::string("髙"), cp932_to_utf8("\xFB\xFC", "t"));
    // The Windows mapping of 0x815F is U+FF3C FULLWIDTH REVERSE SOLIDUS, of 0x8160 U+FF5E.
    CPPUNIT_ASSERT_EQUAL(std::string("＼"), cp932_to_utf8("\x81\x5F", "t"));
    CPPUNIT_ASSERT_EQUAL(std::string("～"), cp932_to_utf8("\x81\x60", "t"));
  }

  void testCp932InvalidOffset() {
    try {
      cp932_to_utf8("abcd\x85\x40xyz", "file.xml");  // 0x8540 is unassigned
      CPPUNIT_FAIL("unassigned CP932 accepted");
    } catch (const RefusedError& e) {
      CPPUNIT_ASSERT(e.kind() == RefusalKind::encoding);
      CPPUNIT_ASSERT_EQUAL(std::size_t{4}, e.offset());
      CPPUNIT_ASSERT(std::string(e.what()).find("file.xml") != std::string::npos);
    }
    try {
      cp932_to_utf8("ab\x83", "t");  // truncated double-byte
      CPPUNIT_FAIL("truncated CP932 accepted");
    } catch (const RefusedError& e) {
      CPPUNIT_ASSERT_EQUAL(std::size_t{2}, e.offset());
    }
  }

  void testUtf8ToCp932RoundTrip() {
    const std::string s = "架空　花子 ｶｸｳ ﾊﾅｺ ① 髙 千架 ●";
    CPPUNIT_ASSERT_EQUAL(s, cp932_to_utf8(utf8_to_cp932(s), "t"));
    CPPUNIT_ASSERT_EQUAL(std::string("\x83\x65\x83\x58\x83\x67"), utf8_to_cp932("テスト"));
  }

  void testUtf8ToCp932RefusesUnmappable() {
    CPPUNIT_ASSERT_THROW(utf8_to_cp932("name \xF0\x9F\x98\x80"), EncodeError);  // emoji
    CPPUNIT_ASSERT_THROW(utf8_to_cp932("𠮷野"), EncodeError);                   // JIS X 0213 only
    CPPUNIT_ASSERT_THROW(utf8_to_cp932("bad \xC0"), EncodeError);
    try {
      utf8_to_cp932("ok 𠮷");
    } catch (const EncodeError& e) {
      CPPUNIT_ASSERT_MESSAGE(e.what(), std::string(e.what()).find("U+20BB7") != std::string::npos);
    }
  }

  void testDeclaration() {
    auto d =
        text::read_declaration("<?xml version=\"1.0\" encoding=\"Shift_JIS\" standalone=\"no\"?>");
    CPPUNIT_ASSERT(d.present);
    CPPUNIT_ASSERT_EQUAL(std::string("Shift_JIS"), d.encoding);
    d = text::read_declaration("<?xml version='1.0' encoding = 'utf-8'?><a/>");
    CPPUNIT_ASSERT_EQUAL(std::string("utf-8"), d.encoding);
    d = text::read_declaration("<?xml version=\"1.0\"?><a/>");
    CPPUNIT_ASSERT(d.present);
    CPPUNIT_ASSERT(d.encoding.empty());
    CPPUNIT_ASSERT(!text::read_declaration("<XmlMsg/>").present);
    CPPUNIT_ASSERT(!text::read_declaration("<?xml-stylesheet href='x'?>").present);
  }

  void testEncodingLabels() {
    model::Encoding e;
    CPPUNIT_ASSERT(text::encoding_from_label("utf-8", e) && e == model::Encoding::utf8);
    CPPUNIT_ASSERT(text::encoding_from_label("SHIFT_JIS", e) && e == model::Encoding::cp932);
    CPPUNIT_ASSERT(text::encoding_from_label("Windows-31J", e) && e == model::Encoding::cp932);
    CPPUNIT_ASSERT(!text::encoding_from_label("EUC-JP", e));
    CPPUNIT_ASSERT(!text::encoding_from_label("UTF-16", e));
  }

  void testDecodeBomAndDeclaration() {
    const std::string_view bom_input =
        "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>é</a>";
    auto d = decode_xml_bytes(bom_input, "t");
    CPPUNIT_ASSERT(d.had_bom);
    CPPUNIT_ASSERT(d.encoding == model::Encoding::utf8);
    CPPUNIT_ASSERT_EQUAL(std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>é</a>"),
                         std::string(d.text(bom_input)));
    d = decode_xml_bytes("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a>\x83\x65</a>", "t");
    CPPUNIT_ASSERT(d.encoding == model::Encoding::cp932);
    CPPUNIT_ASSERT(d.converted.find("<a>テ</a>") != std::string::npos);
    d = decode_xml_bytes("<a>no declaration means UTF-8</a>", "t");
    CPPUNIT_ASSERT(d.encoding == model::Encoding::utf8);
  }

  void testDecodeRefusals() {
    auto kind_of = [](std::string_view bytes) {
      try {
        decode_xml_bytes(bytes, "t");
      } catch (const RefusedError& e) {
        return std::string(refusal_kind_name(e.kind()));
      }
      return std::string("accepted");
    };
    CPPUNIT_ASSERT_EQUAL(std::string("encoding"), kind_of("\xFF\xFE<\0a\0"));
    CPPUNIT_ASSERT_EQUAL(std::string("encoding"),
                         kind_of("<?xml version=\"1.0\" encoding=\"EUC-JP\"?><a/>"));
    CPPUNIT_ASSERT_EQUAL(std::string("inconsistent"),
                         kind_of("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a/>"));
    CPPUNIT_ASSERT_EQUAL(std::string("encoding"),
                         kind_of("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>\x83\x65</a>"));
    try {
      decode_xml_bytes("\xEF\xBB\xBF<a>\xFF</a>", "t");
      CPPUNIT_FAIL("accepted");
    } catch (const RefusedError& e) {
      CPPUNIT_ASSERT_EQUAL(std::size_t{6}, e.offset());  // counted in file bytes, BOM included
    }
  }

  void testWideFormsAndNulBytes() {
    auto refused = [](std::string_view bytes) -> std::pair<std::string, std::string> {
      try {
        decode_xml_bytes(bytes, "t");
      } catch (const RefusedError& e) {
        return {refusal_kind_name(e.kind()), e.detail()};
      }
      return {"accepted", ""};
    };
    using namespace std::string_view_literals;
    // UTF-32 in both byte orders, with and without a byte-order mark; UTF-16 without a declaration.
    const auto le32 = refused("<\0\0\0?\0\0\0x\0\0\0m\0\0\0l\0\0\0 \0\0\0"sv);
    CPPUNIT_ASSERT_EQUAL(std::string("encoding"), le32.first);
    CPPUNIT_ASSERT_MESSAGE(le32.second, le32.second.find("UTF-32LE") != std::string::npos);
    CPPUNIT_ASSERT(refused("\0\0\xFE\xFF\0\0\0<"sv).second.find("UTF-32BE") != std::string::npos);
    CPPUNIT_ASSERT(refused("\xFF\xFE\0\0<\0\0\0"sv).second.find("UTF-32LE") != std::string::npos);
    const auto le16 = refused("<\0a\0/\0>\0"sv);
    CPPUNIT_ASSERT_EQUAL(
        std::string("the bytes are UTF-16LE: only UTF-8 and Shift_JIS are exchanged"), le16.second);
    // A NUL byte: its offset in the file, a BOM counted.
    CPPUNIT_ASSERT_EQUAL(std::string("NUL byte at offset 7"),
                         refused("\xEF\xBB\xBF<a/>\0"sv).second);
    CPPUNIT_ASSERT_EQUAL(std::string("malformed"), refused("<a>\0</a>"sv).first);
    // A label the project does not exchange is named (callers escape what they print).
    CPPUNIT_ASSERT(
        refused("<?xml version=\"1.0\" encoding=\"EUC-JP\"?><a/>").second.find("\"EUC-JP\"") !=
        std::string::npos);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EncodingTest);

}  // namespace onshi::test
