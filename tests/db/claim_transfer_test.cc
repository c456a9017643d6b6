// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Claim transfer and split results (レセプト振替・分割結果; tests/fixtures/claims/README.md): the
// import (UTF-8 and Shift_JIS, receipt era dates and western ones), the links (the card billed
// and valid in the claim month with the birthdate, else kana name + birthdate; twins and strangers
// wait for staff), what staff must change, the same file twice, staff links (audited), every bad
// fixture refused with its line and field and nothing stored, onshi-admin claims, and retention.
#include <cppunit/extensions/HelperMacros.h>

#include <filesystem>
#include <sstream>

#include "admin/claims_command.h"
#include "admin/inspect.h"
#include "db/facility.h"
#include "db/pg_test_support.h"
#include "exchange/claim_transfers.h"
#include "store/purge.h"
#include "support/fixtures.h"

namespace onshi::test {
namespace {

std::string fixture(const std::string& name) {
  return source_file("tests/fixtures/claims/" + name);
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

/// Facility 1 (institution 1312345678) on the seeded, migrated host.
struct ClaimEnv {
  TestDatabase tdb{HostSchema::migrated};
  std::unique_ptr<db::Connection> conn = tdb.connect();
  TempDir share;
  db::FacilitySettings facility;

  ClaimEnv() {
    facility.hospnum = 1;
    facility.institution_code = "1312345678";
    facility.share_dir = share.path();
    db::enable_facility(*conn, facility, "test");
    facility = db::load_enabled_facility(*conn, 1);
  }
  std::string q(const std::string& sql) { return scalar(*conn, sql); }
  /// "link_state|linked_by|ptid|action|billed_hknid|new_hknid|candidates" of one receipt.
  std::string row(const std::string& receipt) {
    return q(
        "SELECT link_state || '|' || coalesce(linked_by, '') || '|' || coalesce(ptid::text, '') "
        "|| '|' || action || '|' || coalesce(billed_hknid::text, '') || '|' || "
        "coalesce(new_hknid::text, '') || '|' || array_to_string(candidates, ',') "
        "FROM onshi_claim_transfer WHERE receipt_number = '" +
        receipt + "' ORDER BY transfer_id DESC LIMIT 1");
  }
  exchange::ClaimImport import(const std::string& name) {
    return exchange::import_claim_file(*conn, facility, fixture(name), "clerk");
  }
  /// 吉田 四郎 (128) already registered the new insurance of his split claim.
  void register_shiro_new_card() {
    conn->exec(
        "INSERT INTO tbl_pthkninf (hospnum, ptid, hknid, hknnum, hknjanum, hihknjaname, "
        "honkzkkbn, hojokbn, kigo, num, skkgetymd, tekstymd, tekedymd, kakuninymd, sakjokbn, "
        "edaban) SELECT hospnum, ptid, 2, '060', '138999', hihknjaname, '1', '3', '千架', "
        "'808', '20250415', '20250415', '99999999', '        ', ' ', '' FROM tbl_pthkninf "
        "WHERE hospnum = 1 AND ptid = 128 AND hknid = 1");
  }
};

struct Run {
  int status;
  std::string out, err;
};

Run claims(const ClaimEnv& e, std::vector<std::string> args) {
  args.push_back("--dbname");
  args.push_back(e.tdb.conninfo());
  std::ostringstream out, err;
  const int status = admin::run_claims(args, out, err);
  return {status, out.str(), err.str()};
}

}  // namespace

class ClaimTransferTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ClaimTransferTest);
  CPPUNIT_TEST(testImportLinksAndActions);
  CPPUNIT_TEST(testSameFileTwice);
  CPPUNIT_TEST(testShiftJisAndWesternDates);
  CPPUNIT_TEST(testCardMustBeValidInClaimMonth);
  CPPUNIT_TEST(testStaffLink);
  CPPUNIT_TEST(testBadFilesRefused);
  CPPUNIT_TEST(testAdminListAndShow);
  CPPUNIT_TEST(testPurgedAfterRetention);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testImportLinksAndActions() {
    ClaimEnv e;
    e.register_shiro_new_card();
    const exchange::ClaimImport r = e.import("good/furikae_r0705.csv");
    CPPUNIT_ASSERT(!r.duplicate);
    CPPUNIT_ASSERT_EQUAL(6, r.file.results);
    CPPUNIT_ASSERT_EQUAL(4, r.linked);
    CPPUNIT_ASSERT_EQUAL(4, r.todo);
    CPPUNIT_ASSERT_EQUAL(std::string("UTF-8|1312345678|202505|1|6|clerk"),
                         e.q("SELECT encoding || '|' || institution_code || '|' || billing_month "
                             "|| '|' || review_body || '|' || results || '|' || imported_by "
                             "FROM onshi_claim_transfer_file"));
    // Receipt era dates stored western; every result of claim month R7/04.
    CPPUNIT_ASSERT_EQUAL(std::string("6"), e.q("SELECT count(*) FROM onshi_claim_transfer "
                                               "WHERE claim_month = '202504' AND "
                                               "billing_month = '202505'"));
    CPPUNIT_ASSERT_EQUAL(std::string("19780808|架空　健一|カクウ　ケンイチ|124|transferred"),
                         e.q("SELECT birthdate || '|' || name || '|' || kana || '|' || "
                             "chart_number || '|' || result_class FROM onshi_claim_transfer "
                             "WHERE receipt_number = '1'"));
    // 架空 健一: his card billed, valid in April, same birthdate (the host has no branch number);
    // the new insurer is not registered: change.
    CPPUNIT_ASSERT_EQUAL(std::string("linked|insurance|124|change|1||"), e.row("1"));
    // 吉田 四郎: split on 2025-04-15; the new card is registered already: nothing to do.
    CPPUNIT_ASSERT_EQUAL(std::string("linked|insurance|128|none|1|2|"), e.row("2"));
    CPPUNIT_ASSERT_EQUAL(std::string("split|20250415|900|2400"),
                         e.q("SELECT result_class || '|' || split_date || '|' || new_points || "
                             "'|' || points FROM onshi_claim_transfer WHERE receipt_number = '2'"));
    // 架空 七海: billed on a card the host no longer holds: kana name + birthdate + sex; the new
    // card is the one registered (hknid 1).
    CPPUNIT_ASSERT_EQUAL(std::string("linked|name_birthdate|126|none||1|"), e.row("3"));
    // テスト 一子: twins on one card with one birthdate: staff decide, names never do.
    CPPUNIT_ASSERT_EQUAL(std::string("candidates|||link|||115,116"), e.row("4"));
    // 試験 八郎: the new qualification could not be confirmed.
    CPPUNIT_ASSERT_EQUAL(std::string("linked|insurance|107|undecided|1||"), e.row("5"));
    // Nobody known.
    CPPUNIT_ASSERT_EQUAL(std::string("no_patient|||link|||"), e.row("6"));
    // What staff are told.
    store::ClaimTransfer t =
        *store::find_claim_transfer(*e.conn, 1,
                                    std::stoll(e.q("SELECT transfer_id FROM onshi_claim_transfer "
                                                   "WHERE receipt_number = '1'")));
    const exchange::ClaimActionMessage m = exchange::claim_action(t);
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-S-6051"), std::string(m.id));
    CPPUNIT_ASSERT_EQUAL(std::string("01130012 / 40110203 / 7777 / 00"), m.args.at(0));
    CPPUNIT_ASSERT_EQUAL(std::string("20250401"), m.args.at(1));
  }

  void testSameFileTwice() {
    ClaimEnv e;
    const exchange::ClaimImport first = e.import("good/furikae_r0705.csv");
    const exchange::ClaimImport again = e.import("good/furikae_r0705.csv");
    CPPUNIT_ASSERT(again.duplicate);
    CPPUNIT_ASSERT_EQUAL(first.file.file_id, again.file.file_id);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.q("SELECT count(*) FROM onshi_claim_transfer_file"));
    CPPUNIT_ASSERT_EQUAL(std::string("6"), e.q("SELECT count(*) FROM onshi_claim_transfer"));
    // Without the new card of 四郎 registered, his split is a change.
    CPPUNIT_ASSERT_EQUAL(std::string("linked|insurance|128|change|1||"), e.row("2"));
  }

  void testShiftJisAndWesternDates() {
    ClaimEnv e;
    const exchange::ClaimImport r = e.import("good/furikae_r0705_sjis.csv");
    CPPUNIT_ASSERT_EQUAL(1, r.file.results);
    CPPUNIT_ASSERT_EQUAL(std::string("Shift_JIS|2"),
                         e.q("SELECT encoding || '|' || review_body FROM "
                             "onshi_claim_transfer_file"));
    CPPUNIT_ASSERT_EQUAL(std::string("架空　三太|カクウ　サンタ|19810101|202504|unconfirmed"),
                         e.q("SELECT name || '|' || kana || '|' || birthdate || '|' || "
                             "claim_month || '|' || result_class FROM onshi_claim_transfer"));
    CPPUNIT_ASSERT_EQUAL(std::string("linked|insurance|127|undecided|1||"), e.row("1"));
  }

  void testCardMustBeValidInClaimMonth() {
    ClaimEnv e;
    // 健一's card ended in March: it cannot be the card billed for April. His kana name,
    // birthdate and sex still find him.
    e.conn->exec("UPDATE tbl_pthkninf SET tekedymd = '20250331' WHERE hospnum = 1 AND ptid = 124");
    e.import("good/furikae_r0705.csv");
    CPPUNIT_ASSERT_EQUAL(std::string("linked|name_birthdate|124|change|||"), e.row("1"));
    // 八郎's card starts after April, and another patient shares his kana and birthdate: no link.
    ClaimEnv f;
    f.conn->exec("UPDATE tbl_pthkninf SET tekstymd = '20250501' WHERE hospnum = 1 AND ptid = 107");
    f.conn->exec(
        "UPDATE tbl_ptinf SET kananame = 'シケン　ハチロウ', sex = '1', "
        "birthday = '19881212' WHERE hospnum = 1 AND ptid = 105");
    f.import("good/furikae_r0705.csv");
    CPPUNIT_ASSERT_EQUAL(std::string("candidates|||link|||105,107"), f.row("5"));
  }

  void testStaffLink() {
    ClaimEnv e;
    e.import("good/furikae_r0705.csv");
    const std::string id =
        e.q("SELECT transfer_id FROM onshi_claim_transfer WHERE receipt_number = '4'");
    const std::string ptnum =
        e.q("SELECT rtrim(ptnum) FROM tbl_ptnum WHERE hospnum = 1 AND "
            "ptid = 115");
    const std::string test_ptnum =
        e.q("SELECT rtrim(ptnum) FROM tbl_ptnum WHERE hospnum = 1 AND ptid = 199");
    // A test patient and an unknown number are refused; nothing changes.
    Run test = claims(e, {"resolve", id, "--patient", test_ptnum, "--user", "clerk"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(test.err, admin::kExitRefused, test.status);
    CPPUNIT_ASSERT_MESSAGE(test.err, contains(test.err, "is a test patient"));
    Run unknown = claims(e, {"resolve", id, "--patient", "NOSUCH", "--user", "clerk"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused, unknown.status);
    CPPUNIT_ASSERT_EQUAL(std::string("candidates|||link|||115,116"), e.row("4"));
    // The clerk links it to 一子: her registered cards do not hold the new one: change.
    Run ok = claims(e, {"resolve", id, "--patient", ptnum, "--user", "clerk"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(ok.err, 0, ok.status);
    CPPUNIT_ASSERT_MESSAGE(ok.out, contains(ok.out, "linked to patient " + ptnum));
    CPPUNIT_ASSERT_MESSAGE(ok.out, contains(ok.out, "Register the new insurance 06131111 / 22"));
    CPPUNIT_ASSERT_EQUAL(std::string("linked|staff|115|change|1||115,116"), e.row("4"));
    CPPUNIT_ASSERT_EQUAL(std::string("clerk"),
                         e.q("SELECT resolved_by FROM onshi_claim_transfer WHERE transfer_id = " +
                             id + " AND resolved_at IS NOT NULL"));
    CPPUNIT_ASSERT_EQUAL(std::string("clerk|change|claim|115|" + id),
                         e.q("SELECT userid || '|' || action || '|' || info_kind || '|' || ptid "
                             "|| '|' || info_id FROM onshi_audit WHERE info_kind = 'claim'"));
    // Once linked, a second link is refused.
    Run again = claims(e, {"resolve", id, "--patient", ptnum, "--user", "clerk"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused, again.status);
    CPPUNIT_ASSERT_MESSAGE(again.err, contains(again.err, "already"));
    Run none = claims(e, {"resolve", "999999", "--patient", ptnum});
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused, none.status);
    CPPUNIT_ASSERT_MESSAGE(none.err, contains(none.err, "no claim transfer result 999999"));
  }

  void testBadFilesRefused() {
    ClaimEnv e;
    TempDir tmp;
    // A file over the limit (4 MiB), refused before it is read.
    const std::string big =
        tmp.write("big.csv", std::string(exchange::kMaxClaimFileBytes + 1, 'x'));
    // A name with an escape sequence in it (a terminal's control character).
    const std::string control =
        tmp.write("control.csv",
                  "IR,1,13,1,2345678,,x,50705\nRE,1,,50704,\x1b[2Jname,1,3530808\n"
                  "HO,06139999,5678,1001\nSK,3\nGO,1\n");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {fixture("bad/unknown_record.csv"), "line 5: unknown record type \"KO\""},
        {fixture("bad/missing_birthdate.csv"),
         "line 2: record RE, field birthdate (生年月日, column 7): required, but empty"},
        {fixture("bad/bad_date.csv"),
         "line 2: record RE, field birthdate (生年月日, column 7): \"3531340\" is not a date"},
        {fixture("bad/other_institution.csv"),
         "line 1: institution code 1319999999 is neither this facility's (1312345678)"},
        {fixture("bad/no_trailer.csv"), "ends without its GO record"},
        {fixture("bad/count_mismatch.csv"),
         "line 5: the GO record counts 3 results, the file holds 1"},
        {fixture("bad/split_without_date.csv"),
         "line 4: record SK, field split_date (分割年月日, column 10): required, but empty"},
        {fixture("bad/utf16.csv"), "neither UTF-8 nor Shift_JIS text (a NUL byte at offset 3)"},
        {fixture("bad/undecodable.csv"), "neither UTF-8 nor Shift_JIS text (undecodable bytes"},
        {big, "the file is too large (4194305 bytes; at most 4194304)"},
        {control, "line 2: record RE, field name (氏名, column 5): contains a control character"},
    };
    for (const auto& [path, expected] : cases) {
      const auto before = std::filesystem::file_size(path);
      try {
        exchange::import_claim_file(*e.conn, e.facility, path, "clerk");
        CPPUNIT_FAIL("accepted: " + path);
      } catch (const exchange::ClaimFileError& err) {
        CPPUNIT_ASSERT_MESSAGE(path + ": " + err.what(), contains(err.what(), expected));
      }
      CPPUNIT_ASSERT_EQUAL_MESSAGE(path, before, std::filesystem::file_size(path));  // kept
    }
    CPPUNIT_ASSERT_EQUAL(std::string("0|0"),
                         e.q("SELECT (SELECT count(*) FROM onshi_claim_transfer_file) || '|' || "
                             "(SELECT count(*) FROM onshi_claim_transfer)"));
    // The succession predecessor's code is accepted.
    e.facility.predecessor_code = "1319999999";
    db::enable_facility(*e.conn, e.facility, "test");
    e.facility = db::load_enabled_facility(*e.conn, 1);
    CPPUNIT_ASSERT_EQUAL(1, e.import("bad/other_institution.csv").file.results);
  }

  void testAdminListAndShow() {
    ClaimEnv e;
    Run imp = claims(e, {"import", fixture("good/furikae_r0705.csv"), fixture("bad/bad_date.csv"),
                         "--user", "clerk"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(imp.err, admin::kExitRefused, imp.status);  // one refused
    CPPUNIT_ASSERT_MESSAGE(imp.out, contains(imp.out, "6 result(s), 4 linked, 5 to change"));
    CPPUNIT_ASSERT_MESSAGE(imp.err, contains(imp.err, "bad_date.csv: refused, nothing imported"));
    Run again = claims(e, {"import", fixture("good/furikae_r0705.csv")});
    CPPUNIT_ASSERT_EQUAL(0, again.status);
    CPPUNIT_ASSERT_MESSAGE(again.out, contains(again.out, "imported before as file"));
    Run list = claims(e, {"list", "--month", "202504", "--todo"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(list.err, 0, list.status);
    CPPUNIT_ASSERT_MESSAGE(list.out,
                           contains(list.out, "receipt 1  架空　健一 (19780808)  transferred"));
    CPPUNIT_ASSERT_MESSAGE(list.out, contains(list.out, "Not linked to a patient: link it first."));
    CPPUNIT_ASSERT_MESSAGE(list.out, contains(list.out, "could not be confirmed"));
    Run other = claims(e, {"list", "--month", "202503"});
    CPPUNIT_ASSERT_MESSAGE(other.out, contains(other.out, "no claim transfer results"));
    const std::string id =
        e.q("SELECT transfer_id FROM onshi_claim_transfer WHERE receipt_number = '2'");
    Run show = claims(e, {"show", id});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(show.err, 0, show.status);
    CPPUNIT_ASSERT_MESSAGE(show.out, contains(show.out, "billed on 01130012 / 40110203 / 2233"));
    CPPUNIT_ASSERT_MESSAGE(show.out, contains(show.out, "split 20250415"));
    CPPUNIT_ASSERT_MESSAGE(show.out, contains(show.out, "from 20250415: the claim was split"));
    Run usage = claims(e, {"list", "--month", "2025-04"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitUsage, usage.status);
  }

  void testPurgedAfterRetention() {
    ClaimEnv e;
    e.import("good/furikae_r0705.csv");
    e.import("good/furikae_r0705_sjis.csv");
    e.conn->exec(
        "UPDATE onshi_claim_transfer_file SET imported_at = now() - interval '13 months' "
        "WHERE encoding = 'UTF-8'");
    store::purge(*e.conn, 1, false);
    CPPUNIT_ASSERT_EQUAL(std::string("Shift_JIS|1"),
                         e.q("SELECT string_agg(f.encoding, ',') || '|' || (SELECT count(*) FROM "
                             "onshi_claim_transfer) FROM onshi_claim_transfer_file f"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ClaimTransferTest);

}  // namespace onshi::test
