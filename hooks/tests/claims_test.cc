// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// onshi_link_claim_list: a claim month's transfer and split results with what to change, as the
// screens get them (tests/fixtures/claims; the import and the links:
// tests/db/claim_transfer_test.cc).
#include <cppunit/extensions/HelperMacros.h>

#include "exchange/claim_transfers.h"
#include "hook_test_support.h"

namespace onshi::test {

class ClaimHookTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ClaimHookTest);
  CPPUNIT_TEST(testClaimList);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testClaimList() {
    HookFixture f;
    exchange::import_claim_file(f.conn(), f.facility(),
                                source_file("tests/fixtures/claims/good/furikae_r0705.csv"),
                                "clerk1");
    onshi_link_claim_list_rec rec;
    blank(rec);
    put(rec.month, "202504");
    put(rec.todo, "1");
    onshi_link_ctl_rec ctl = f.ctl("clerk1", "en");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(get(ctl.message), 0, f.call("onshi_link_claim_list", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(5LL, num(rec.total));  // 四郎's new card is not registered: 5 to do
    CPPUNIT_ASSERT_EQUAL(5LL, num(rec.row_count));
    const auto& first = rec.row[0];
    CPPUNIT_ASSERT_EQUAL(std::string("1"), get(first.receipt_number));
    CPPUNIT_ASSERT_EQUAL(std::string("transferred"), get(first.result));
    CPPUNIT_ASSERT_EQUAL(std::string("架空　健一"), get(first.name));
    CPPUNIT_ASSERT_EQUAL(124LL, num(first.ptid));
    CPPUNIT_ASSERT_EQUAL(std::string("06139999"), get(first.old_insurer));
    CPPUNIT_ASSERT_EQUAL(std::string("01130012"), get(first.new_insurer));
    CPPUNIT_ASSERT_EQUAL(1LL, num(first.billed_hknid));
    CPPUNIT_ASSERT_EQUAL(std::string("change"), get(first.action));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-S-6051"), get(first.action_msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("Register the new insurance 01130012 / 40110203 / 7777 / 00 "
                                     "(valid from 20250401); the claim went to the new insurer."),
                         get(first.action_text));
    // The twins' claim waits for staff with two candidates, in Japanese.
    put(rec.start, "2");
    ctl = f.ctl("clerk1", "ja");
    CPPUNIT_ASSERT_EQUAL(0, f.call("onshi_link_claim_list", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(3LL, num(rec.row_count));
    CPPUNIT_ASSERT_EQUAL(std::string("candidates"), get(rec.row[0].link_state));
    CPPUNIT_ASSERT_EQUAL(2LL, num(rec.row[0].cand_count));
    CPPUNIT_ASSERT_EQUAL(std::string("link"), get(rec.row[0].action));
    CPPUNIT_ASSERT_EQUAL(std::string("患者に紐付いていません。先に患者を紐付けてください。"),
                         get(rec.row[0].action_text));
    // A bad month is refused.
    put(rec.month, "2025-4");
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_claim_list", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6003"), get(ctl.msgid));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ClaimHookTest);

}  // namespace onshi::test
