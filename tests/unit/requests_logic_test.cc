// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The pure parts of the request writer: back-off, correlation keys, `.err` names and text, and
// the uniqueness of request names built from the daily sequence.
#include <cppunit/extensions/HelperMacros.h>

#include <set>

#include "exchange/requests.h"
#include "model/kind.h"
#include "text/encoding.h"

namespace onshi::test {

using std::chrono::seconds;

class RequestsLogicTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RequestsLogicTest);
  CPPUNIT_TEST(testRetryBackoff);
  CPPUNIT_TEST(testWriteFailureBackoff);
  CPPUNIT_TEST(testCorrelationKey);
  CPPUNIT_TEST(testErrFileNames);
  CPPUNIT_TEST(testErrorFileText);
  CPPUNIT_TEST(testRequestNamesAreUnique);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testRetryBackoff() {
    CPPUNIT_ASSERT_EQUAL(30L, static_cast<long>(exchange::retry_backoff(0).count()));
    CPPUNIT_ASSERT_EQUAL(30L, static_cast<long>(exchange::retry_backoff(1).count()));
    CPPUNIT_ASSERT_EQUAL(60L, static_cast<long>(exchange::retry_backoff(2).count()));
    CPPUNIT_ASSERT_EQUAL(120L, static_cast<long>(exchange::retry_backoff(3).count()));
    CPPUNIT_ASSERT_EQUAL(480L, static_cast<long>(exchange::retry_backoff(5).count()));
    CPPUNIT_ASSERT_EQUAL(900L, static_cast<long>(exchange::retry_backoff(6).count()));
    CPPUNIT_ASSERT_EQUAL(900L, static_cast<long>(exchange::retry_backoff(1000).count()));
  }

  void testWriteFailureBackoff() {
    CPPUNIT_ASSERT_EQUAL(30L,
                         static_cast<long>(exchange::write_failure_backoff(seconds(0)).count()));
    CPPUNIT_ASSERT_EQUAL(45L,
                         static_cast<long>(exchange::write_failure_backoff(seconds(45)).count()));
    CPPUNIT_ASSERT_EQUAL(
        900L, static_cast<long>(exchange::write_failure_backoff(seconds(86400)).count()));
  }

  void testCorrelationKey() {
    CPPUNIT_ASSERT_EQUAL(std::string("onshi-1-42-3"), exchange::correlation_key(1, 42, 3));
    auto k = exchange::parse_correlation_key("onshi-12-9876543210-1");
    CPPUNIT_ASSERT(k);
    CPPUNIT_ASSERT_EQUAL(12, k->hospnum);
    CPPUNIT_ASSERT_EQUAL(9876543210LL, k->job_id);
    CPPUNIT_ASSERT_EQUAL(1, k->attempt);
    for (const char* bad : {"", "onshi-", "onshi-1-2", "onshi-1-2-3-4", "onshi-1--3", "onshi-a-2-3",
                            "onshi-01-2-3", "onshi-0-2-3", "onshi-1-2-0", "202506120001",
                            "ONSHI-1-2-3", "onshi-1-2-3 ", "onshi-1-2-99999999999999999999"})
      CPPUNIT_ASSERT_MESSAGE(bad, !exchange::parse_correlation_key(bad));
    // Keys fit the 50 characters one implementer allows for ArbitraryFileIdentifier.
    CPPUNIT_ASSERT(
        exchange::correlation_key(2147483647, 9223372036854775807LL, 2147483647).size() <= 50);
  }

  void testErrFileNames() {
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsiquc01req_202506120001.xml"),
                         *exchange::request_name_of_err_file("OQSsiquc01req_202506120001.err"));
    CPPUNIT_ASSERT_EQUAL(std::string("OQSsiquc01req_202506120001.xml"),
                         *exchange::request_name_of_err_file("OQSsiquc01req_202506120001.xml.err"));
    CPPUNIT_ASSERT_EQUAL(std::string("OQSmuquc01req_202506120009.xml"),
                         *exchange::request_name_of_err_file("OQSmuquc01req_202506120009.err"));
    for (const char* bad :
         {".err", "x.err", "OQSsiquc01res_202506120001.err", "OQSsiquc01req_202506120001.xml",
          "OQSsiquc01req_2025/0612.err", "OQSsiquc01req_202506120001.txt.err", "notes.err"})
      CPPUNIT_ASSERT_MESSAGE(bad, !exchange::request_name_of_err_file(bad));
  }

  void testErrorFileText() {
    using exchange::error_file_text;
    CPPUNIT_ASSERT_EQUAL(std::string("EOQS0901 system error"),
                         error_file_text("\xEF\xBB\xBF  EOQS0901\r\n\tsystem   error\n\x01"));
    // UTF-8 Japanese kept; the ideographic space folds like an ASCII one.
    const std::string ja =
        "EOQS0902 \xE8\xA6\x81\xE6\xB1\x82\xE3\x80\x80\xE3\x82\xA8\xE3\x83\xA9\xE3\x83\xBC";
    CPPUNIT_ASSERT_EQUAL(
        std::string("EOQS0902 \xE8\xA6\x81\xE6\xB1\x82 \xE3\x82\xA8\xE3\x83\xA9\xE3\x83\xBC"),
        error_file_text(ja));
    // CP932 is decoded; an undecodable byte becomes U+FFFD, the rest survives.
    const std::string cp932 = text::utf8_to_cp932("\xE8\xA6\x81\xE6\xB1\x82 error");
    CPPUNIT_ASSERT_EQUAL(std::string("\xE8\xA6\x81\xE6\xB1\x82 error"), error_file_text(cp932));
    const std::string broken = text::utf8_to_cp932("\xE8\xA6\x81") + "\x80\xFF" + "ok";
    const std::string t = error_file_text(broken);
    CPPUNIT_ASSERT_MESSAGE(t, t.find("\xE8\xA6\x81") == 0);
    CPPUNIT_ASSERT_MESSAGE(t, t.find("\xEF\xBF\xBD") != std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(t, t.size() >= 2 && t.substr(t.size() - 2) == "ok");
    CPPUNIT_ASSERT_EQUAL(text::find_invalid_utf8(t), std::string::npos);
    // Bounded, never splitting a character.
    std::string longer;
    for (int i = 0; i < 400; ++i) longer += "\xE3\x81\x82";  // 1200 bytes
    const std::string cut = error_file_text(longer, 500);
    CPPUNIT_ASSERT(cut.size() <= 500 && cut.size() >= 498);
    CPPUNIT_ASSERT_EQUAL(text::find_invalid_utf8(cut), std::string::npos);
    CPPUNIT_ASSERT_EQUAL(std::string(""), error_file_text(" \r\n "));
  }

  void testRequestNamesAreUnique() {
    // One number per name, names of different days never meet, and every name is one the
    // result-name rule and the .err rule map back to.
    std::set<std::string> names;
    for (const char* day : {"20250612", "20250613"})
      for (unsigned seq = 1; seq <= 9999; ++seq) {
        const std::string name = model::request_file_name(model::MessageKind::OQSsiquc01req,
                                                          model::make_request_id(day, seq));
        CPPUNIT_ASSERT(names.insert(name).second);
        CPPUNIT_ASSERT_EQUAL(std::size_t(30), name.size());
        if (seq % 1111 == 0) {
          const std::string base = name.substr(0, name.size() - 4);
          CPPUNIT_ASSERT_EQUAL(name, *exchange::request_name_of_err_file(base + ".err"));
          CPPUNIT_ASSERT_EQUAL("OQSsiquc01res_" + name.substr(14), model::result_file_name(name));
        }
      }
    CPPUNIT_ASSERT_EQUAL(std::size_t(2 * 9999), names.size());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RequestsLogicTest);

}  // namespace onshi::test
