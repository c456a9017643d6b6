// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The one message system (common/i18n.h): the formatter substitutes once, for the programs'
// texts and the screens' messages alike; a screen message is looked up in the language of the
// call, through the built catalogs.
#include <cppunit/extensions/HelperMacros.h>

#include <cstdlib>
#include <string>

#include "common/i18n.h"
#include "common/message_ids.h"

namespace onshi::test {
namespace {

std::string locale_dir() {
  const char* b = std::getenv("ONSHI_BUILDDIR");
  return std::string(b && *b ? b : ONSHI_BUILDDIR) + "/po/locale";
}

// po/ja.po's "{1} ... {2} ..." of ONSHI-I-6013 with 20250612 and "{1}".
const std::string kPrecheckJa =
    "20250612 \xE5\x88\x86\xE3\x81\xAE\xE4\xBA\x8B\xE5\x89\x8D\xE7\xA2\xBA\xE8\xAA\x8D\xEF\xBC\x88"
    "\xE4\xB8\x80\xE6\x8B\xAC\xE7\x85\xA7\xE4\xBC\x9A\xEF\xBC\x89\xE3\x82\x92 {1} \xE4\xBA\xBA\xE5"
    "\x88\x86\xE5\x8F\x97\xE3\x81\x91\xE4\xBB\x98\xE3\x81\x91\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F"
    "\xE3\x80\x82";

class MessagesTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(MessagesTest);
  CPPUNIT_TEST(testFormatOnePass);
  CPPUNIT_TEST(testFormatMarksWithoutValue);
  CPPUNIT_TEST(testProgramTextOnePass);
  CPPUNIT_TEST(testScreenValueNotExpandedAgain);
  CPPUNIT_TEST(testScreenValueNotExpandedAgainTranslated);
  CPPUNIT_TEST(testScreenUnknownId);
  CPPUNIT_TEST_SUITE_END();

 public:
  void tearDown() override { release_messages(); }

  void testFormatOnePass() {
    CPPUNIT_ASSERT_EQUAL(std::string("a {2} b {1} c"),
                         format_message("a {1} b {2} c", {"{2}", "{1}"}));
    CPPUNIT_ASSERT_EQUAL(std::string("x{1}{2}y"), format_message("x{1}y", {"{1}{2}", "no"}));
  }

  void testFormatMarksWithoutValue() {
    CPPUNIT_ASSERT_EQUAL(std::string("a {2} {0} {x} {} { {12"),
                         format_message("{1} {2} {0} {x} {} { {12", {"a"}));
    std::vector<std::string> twelve(12, "v");
    twelve[11] = "L";
    CPPUNIT_ASSERT_EQUAL(std::string("L v"), format_message("{12} {1}", twelve));
  }

  void testProgramTextOnePass() {
    // tr() with values: the C locale of this runner gives the msgid itself.
    CPPUNIT_ASSERT_EQUAL(std::string("facility {2}: retention purge could not remove 7"),
                         tr("facility {1}: retention purge could not remove {2}", "{2}", 7));
  }

  // The screens' messages use the same formatter: a value holding "{1}" (a name or file name
  // from the share) stays as it is, also when it is the value of a later mark.
  void testScreenValueNotExpandedAgain() {
    CPPUNIT_ASSERT_EQUAL(std::string("Pre-check of 20250612 queued for {1} patient(s)."),
                         message_text("en", "ONSHI-I-6013", {"20250612", "{1}"}));
    CPPUNIT_ASSERT_EQUAL(std::string("Record size mismatch for reg_ask: the host's is {3} bytes, "
                                     "this plugin's is {1} bytes. Rebuild the host screens with "
                                     "this plugin's copybooks."),
                         message_text("en", "ONSHI-E-6003", {"reg_ask", "{3}", "{1}"}));
    CPPUNIT_ASSERT_EQUAL(std::string("The request failed: {1}{2}"),
                         message_text("ja", "ONSHI-W-6023", {"{1}{2}"}));  // not bound: English
  }

  void testScreenValueNotExpandedAgainTranslated() {
    bind_messages(locale_dir());
    CPPUNIT_ASSERT_EQUAL(kPrecheckJa, message_text("ja", "ONSHI-I-6013", {"20250612", "{1}"}));
    CPPUNIT_ASSERT_EQUAL(std::string("Pre-check of 20250612 queued for {1} patient(s)."),
                         message_text("en", "ONSHI-I-6013", {"20250612", "{1}"}));
    // Any language other than "en" is Japanese, as in the hooks' sessions.
    CPPUNIT_ASSERT_EQUAL(kPrecheckJa, message_text("", "ONSHI-I-6013", {"20250612", "{1}"}));
  }

  void testScreenUnknownId() {
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6999"), message_text("en", "ONSHI-W-6999", {"x"}));
    // A log line's ID has no screen text either.
    CPPUNIT_ASSERT_EQUAL(std::string(msg::kDbDown), message_text("en", msg::kDbDown));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MessagesTest);

}  // namespace
}  // namespace onshi::test
