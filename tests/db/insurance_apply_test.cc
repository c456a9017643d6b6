// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Staff apply a result's insurance to the ORCA 5.2-shaped host (issue 14, Apply): no change
// (confirmation date + ORCA's history), change (the card updated in place, its combinations
// following), add (a new insurance and combination, the old one ended the day before), each
// audited with the images of the host rows; the undo of the same day puts the rows back byte
// for byte, once; refusals (invalid, unlinked, other patient, applied, unknown staff, ...)
// write nothing.
#include "exchange/insurance_apply.h"

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

#include "admin/apply_command.h"
#include "admin/command_support.h"
#include "admin/db_commands.h"
#include "admin/inspect.h"
#include "db/db_error.h"
#include "db/flow_env.h"
#include "host/insurance_kind.h"

namespace onshi::test {

using exchange::ApplyRefusal;

class InsuranceApplyTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(InsuranceApplyTest);
  CPPUNIT_TEST(testNoChangeAndUndo);
  CPPUNIT_TEST(testChangeAndUndo);
  CPPUNIT_TEST(testAddEndsTheOldInsurance);
  CPPUNIT_TEST(testRefusalsWriteNothing);
  CPPUNIT_TEST(testUndoRules);
  CPPUNIT_TEST(testAdminCommand);
  CPPUNIT_TEST(testLimitCertificate);
  CPPUNIT_TEST(testLowIncomeRows);
  CPPUNIT_TEST(testConsentOnlyCategories);
  CPPUNIT_TEST(testExpiredCertificateRefused);
  CPPUNIT_TEST(testSpecificDisease);
  CPPUNIT_TEST(testElderlyRecipient);
  CPPUNIT_TEST(testAutomaticCertificates);
  CPPUNIT_TEST(testUndoOfAnEarlierImage);
  CPPUNIT_TEST_SUITE_END();

  static constexpr long long kTaro = 101;

  /// The patient's rows of the four tables an apply touches, as the server prints them.
  static std::string dump(FlowEnv& e, long long ptid = kTaro) {
    std::string out;
    for (const char* t : {"tbl_ptnum", "tbl_pthkninf", "tbl_pthknrrk", "tbl_hkncombi",
                          "tbl_ptkohinf", "tbl_tsyrrk", "tbl_tnkrrk", "tbl_ptconf"})
      out += std::string(t) + ":" +
             e.q(std::string("SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') "
                             "FROM ") +
                 t + " t WHERE hospnum = 1 AND ptid = " + std::to_string(ptid)) +
             "\n";
    return out;
  }

  /// Everything an apply could write: the host rows, the audit and the results' resolutions.
  static std::string everything(FlowEnv& e) {
    return dump(e) + e.q("SELECT count(*) FROM onshi_audit") +
           e.q("SELECT coalesce(string_agg(coalesce(resolution, '-'), ',' ORDER BY "
               "confirmation_id), '') FROM onshi_confirmation");
  }

  /// The newest linked result of the person born on `birthdate` after a check-in of `person`.
  static std::string result_of(FlowEnv& e, const std::string& person,
                               const std::string& birthdate) {
    e.check_in(person);
    return e.q("SELECT max(confirmation_id) FROM onshi_confirmation WHERE birthdate = '" +
               birthdate + "' AND link_state = 'linked'");
  }

  static long long taro_result(FlowEnv& e) {
    e.check_in("taro");
    return std::stoll(
        e.q("SELECT max(confirmation_id) FROM onshi_confirmation "
            "WHERE birthdate = '19800415' AND link_state = 'linked'"));
  }

  static void set_result(FlowEnv& e, long long id, const std::string& assignments) {
    e.conn->exec("UPDATE onshi_confirmation SET " + assignments +
                 " WHERE confirmation_id = " + std::to_string(id));
  }

  static std::string today(FlowEnv& e) { return e.q("SELECT to_char(current_date, 'YYYYMMDD')"); }

  static std::string row(FlowEnv& e, const std::string& columns, int hknid) {
    return e.q("SELECT concat_ws('|', " + columns +
               ") FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 101 AND hknid = " +
               std::to_string(hknid));
  }

  static ApplyRefusal refusal(FlowEnv& e, long long id, const std::string& mode,
                              const std::string& user = "clerk1",
                              std::optional<long long> expected = std::nullopt) {
    try {
      exchange::apply_insurance(*e.conn, 1, id, mode, user, expected);
    } catch (const exchange::ApplyRefused& x) {
      return x.reason();
    }
    CPPUNIT_FAIL("applied");
    return ApplyRefusal::bad_mode;
  }

  static ApplyRefusal undo_refusal(FlowEnv& e, long long audit,
                                   const std::string& user = "clerk1") {
    try {
      exchange::undo_insurance_apply(*e.conn, 1, audit, user);
    } catch (const exchange::ApplyRefused& x) {
      return x.reason();
    }
    CPPUNIT_FAIL("undone");
    return ApplyRefusal::bad_mode;
  }

 public:
  void testNoChangeAndUndo() {
    FlowEnv e;
    const long long id = taro_result(e);
    // An earlier confirmation date: the apply moves it into ORCA's history.
    e.conn->exec(
        "UPDATE tbl_pthkninf SET kakuninymd = '20250101' WHERE hospnum = 1 AND ptid = 101");
    e.conn->exec("DELETE FROM tbl_pthknrrk WHERE hospnum = 1 AND ptid = 101");
    const std::string before = dump(e);
    const std::string resolution =
        e.q("SELECT coalesce(resolution, '-') FROM onshi_confirmation "
            "WHERE confirmation_id = " +
            std::to_string(id));

    const exchange::InsuranceApplied a =
        exchange::apply_insurance(*e.conn, 1, id, "nochange", "clerk1");
    CPPUNIT_ASSERT_EQUAL(kTaro, a.ptid);
    CPPUNIT_ASSERT_EQUAL(1LL, a.hknid);
    CPPUNIT_ASSERT_EQUAL(0, a.hkncombinum);
    CPPUNIT_ASSERT_EQUAL(today(e), row(e, "kakuninymd", 1));
    CPPUNIT_ASSERT_EQUAL(std::string("1|20250101"),
                         e.q("SELECT concat_ws('|', rennum, kakuninymd) FROM tbl_pthknrrk "
                             "WHERE hospnum = 1 AND ptid = 101 AND hknid = 1"));
    // Nothing else of the card changed.
    CPPUNIT_ASSERT_EQUAL(std::string("006|06139999|1234|56789|20180401|99999999"),
                         row(e, "hknnum, rtrim(hknjanum), kigo, num, tekstymd, tekedymd", 1));
    CPPUNIT_ASSERT_EQUAL(std::string("applied|clerk1|nochange"),
                         e.q("SELECT concat_ws('|', resolution, resolved_by, resolution_note) "
                             "FROM onshi_confirmation WHERE confirmation_id = " +
                             std::to_string(id)));
    CPPUNIT_ASSERT_EQUAL(std::string("apply|insurance|nochange|101|clerk1|t|t"),
                         e.q("SELECT concat_ws('|', action, info_kind, apply_mode, ptid, userid, "
                             "before_image IS NOT NULL, after_image IS NOT NULL) FROM onshi_audit "
                             "WHERE audit_id = " +
                             std::to_string(a.audit_id)));
    CPPUNIT_ASSERT(ApplyRefusal::already_applied == refusal(e, id, "nochange"));
    CPPUNIT_ASSERT(ApplyRefusal::already_applied == refusal(e, id, "add"));

    const exchange::InsuranceUndone u =
        exchange::undo_insurance_apply(*e.conn, 1, a.audit_id, "clerk1");
    CPPUNIT_ASSERT_EQUAL(before, dump(e));  // byte for byte
    CPPUNIT_ASSERT_EQUAL(resolution, e.q("SELECT coalesce(resolution, '-') FROM onshi_confirmation "
                                         "WHERE confirmation_id = " +
                                         std::to_string(id)));
    CPPUNIT_ASSERT_EQUAL(
        std::to_string(a.audit_id),
        e.q("SELECT undoes FROM onshi_audit WHERE action = 'undo' AND audit_id = " +
            std::to_string(u.audit_id)));
    CPPUNIT_ASSERT(ApplyRefusal::already_undone == undo_refusal(e, a.audit_id));
    // The undo is recorded once; the result may be applied again.
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         e.q("SELECT count(*) FROM onshi_audit WHERE action = 'undo'"));
    exchange::apply_insurance(*e.conn, 1, id, "nochange", "doctor1");
    CPPUNIT_ASSERT_EQUAL(today(e), row(e, "kakuninymd", 1));
  }

  void testChangeAndUndo() {
    FlowEnv e;
    const long long id = taro_result(e);
    set_result(
        e, id,
        "card_symbol = 'AB', card_number = '99999', branch_number = '01', "
        "personal_family = '2', contribution_ratio = '020', qualification_date = '20250401', "
        "insured_name = '保険　花子', returned = returned || "
        "'{\"InsuredCardValidDate\": \"20250401\", \"InsuredCardExpirationDate\": "
        "\"20270331\"}'");
    e.conn->exec(
        "UPDATE tbl_pthkninf SET kakuninymd = '20250301' WHERE hospnum = 1 AND ptid = 101");
    // The registered card is no longer the returned one: no "no change".
    CPPUNIT_ASSERT(ApplyRefusal::card_differs == refusal(e, id, "nochange"));
    const std::string before = dump(e);
    const std::string combis_before =
        e.q("SELECT count(*) FROM tbl_hkncombi WHERE hospnum = 1 AND ptid = 101");

    const exchange::InsuranceApplied a =
        exchange::apply_insurance(*e.conn, 1, id, "change", "clerk1", kTaro);
    CPPUNIT_ASSERT_EQUAL(1LL, a.hknid);
    // The same row, in place, as ORCA writes a changed card (full-width symbol and number).
    CPPUNIT_ASSERT_EQUAL(
        std::string("006|06139999|ＡＢ|９９９９９|01|2|8|20250401|20250401|20270331|") + today(e) +
            "|保険　花子|clerk1|" + today(e),
        row(e,
            "hknnum, rtrim(hknjanum), kigo, num, edaban, honkzkkbn, hojokbn, skkgetymd, "
            "tekstymd, tekedymd, kakuninymd, hihknjaname, opid, upymd",
            1));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         e.q("SELECT count(*) FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 101"));
    CPPUNIT_ASSERT_EQUAL(std::string("20250301"),
                         e.q("SELECT kakuninymd FROM tbl_pthknrrk WHERE hospnum = 1 AND ptid = 101 "
                             "AND hknid = 1 AND rennum = 1"));
    // Its combinations follow, numbers kept; none added.
    CPPUNIT_ASSERT_EQUAL(combis_before,
                         e.q("SELECT count(*) FROM tbl_hkncombi WHERE hospnum = 1 AND ptid = 101"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("006|2|8|20250401|20270331"),
        e.q("SELECT concat_ws('|', hknnum, honkzkkbn, hojokbn, tekstymd, tekedymd) "
            "FROM tbl_hkncombi WHERE hospnum = 1 AND ptid = 101 AND hknid = 1 "
            "AND coalesce(koh1id, 0) = 0 ORDER BY hkncombinum LIMIT 1"));

    exchange::undo_insurance_apply(*e.conn, 1, a.audit_id, "doctor1");
    CPPUNIT_ASSERT_EQUAL(before, dump(e));
    CPPUNIT_ASSERT(ApplyRefusal::already_undone == undo_refusal(e, a.audit_id, "doctor1"));
  }

  void testAddEndsTheOldInsurance() {
    FlowEnv e;
    const long long id = taro_result(e);
    // A new national-insurance card (6-digit insurer), open end, copay 30%.
    set_result(e, id,
               "insurer_number = '138998', card_symbol = '千架', card_number = '777', "
               "branch_number = '02', personal_family = '1', contribution_ratio = '030', "
               "qualification_date = '20250501', returned = returned - 'InsuredCardValidDate'");
    const std::string before = dump(e);
    const std::string hknid =
        e.q("SELECT hknid + 1 FROM tbl_ptnum WHERE hospnum = 1 AND ptid = 101");
    const std::string combi =
        e.q("SELECT greatest(autocombinum, (SELECT coalesce(max(hkncombinum), 0) FROM tbl_hkncombi "
            "WHERE hospnum = 1 AND ptid = 101 AND hkncombinum < 9000)) + 1 "
            "FROM tbl_ptnum WHERE hospnum = 1 AND ptid = 101");
    const std::string yesterday = e.q("SELECT to_char(current_date - 1, 'YYYYMMDD')");

    const exchange::InsuranceApplied a = exchange::apply_insurance(*e.conn, 1, id, "add", "clerk1");
    CPPUNIT_ASSERT_EQUAL(std::stoll(hknid), a.hknid);
    CPPUNIT_ASSERT_EQUAL(1LL, a.ended_hknid);
    CPPUNIT_ASSERT_EQUAL(yesterday, a.ended_on);
    CPPUNIT_ASSERT_EQUAL(std::stoi(combi), a.hkncombinum);
    // The new row, every column as ORCA's registration writes it (blank = spaces, never NULL).
    CPPUNIT_ASSERT_EQUAL(
        "060|138998  |千架|７７７|02|1|3|20250501|" + today(e) + "|99999999|" + today(e) +
            "| | |clerk1|" + today(e) + "|" + today(e) + "|" + "t",
        row(e,
            "hknnum, hknjanum, kigo, num, edaban, honkzkkbn, hojokbn, skkgetymd, tekstymd, "
            "tekedymd, kakuninymd, contkbn, sakjokbn, opid, creymd, upymd, "
            "(termid IS NOT NULL AND hihknjaname IS NOT NULL)",
            a.hknid));
    // The old one ended the day before; its combinations too.
    CPPUNIT_ASSERT_EQUAL(yesterday, row(e, "tekedymd", 1));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         e.q("SELECT count(*) FROM tbl_hkncombi WHERE hospnum = 1 AND ptid = 101 "
                             "AND hknid = 1 AND coalesce(delkbn, '') <> '1' AND tekedymd > '" +
                             yesterday + "'"));
    // The new combination: the new insurance alone, from today, no public expense.
    CPPUNIT_ASSERT_EQUAL(hknid + "|060|1|3|" + today(e) + "|99999999|0| | ",
                         e.q("SELECT concat_ws('|', hknid, hknnum, honkzkkbn, hojokbn, tekstymd, "
                             "tekedymd, koh1id, delkbn, hyojikbn) FROM tbl_hkncombi "
                             "WHERE hospnum = 1 AND ptid = 101 AND hkncombinum = " +
                             combi));
    CPPUNIT_ASSERT_EQUAL(hknid + "|" + combi,
                         e.q("SELECT concat_ws('|', hknid, autocombinum) FROM tbl_ptnum "
                             "WHERE hospnum = 1 AND ptid = 101"));
    // The same card once more: refused (applied; and registered).
    CPPUNIT_ASSERT(ApplyRefusal::already_applied == refusal(e, id, "add"));

    exchange::undo_insurance_apply(*e.conn, 1, a.audit_id, "clerk1");
    CPPUNIT_ASSERT_EQUAL(before, dump(e));
    CPPUNIT_ASSERT(ApplyRefusal::already_undone == undo_refusal(e, a.audit_id));
  }

  void testRefusalsWriteNothing() {
    FlowEnv e;
    const long long id = taro_result(e);
    const std::string before = everything(e);
    CPPUNIT_ASSERT(ApplyRefusal::bad_mode == refusal(e, id, "replace"));
    CPPUNIT_ASSERT(ApplyRefusal::unknown_staff == refusal(e, id, "nochange", "nobody"));
    CPPUNIT_ASSERT(ApplyRefusal::unknown_staff ==
                   refusal(e, id, "nochange", "clerk2"));  // facility 2
    CPPUNIT_ASSERT(ApplyRefusal::no_result == refusal(e, id + 1000, "nochange"));
    CPPUNIT_ASSERT(ApplyRefusal::other_patient == refusal(e, id, "change", "clerk1", 102));
    set_result(e, id, "validity = '2'");
    CPPUNIT_ASSERT(ApplyRefusal::not_valid == refusal(e, id, "change"));
    set_result(e, id, "validity = '1', processing_status = '2'");
    CPPUNIT_ASSERT(ApplyRefusal::not_valid == refusal(e, id, "add"));
    set_result(e, id, "processing_status = '1', link_state = 'unlinked', ptid = NULL");
    CPPUNIT_ASSERT(ApplyRefusal::not_linked == refusal(e, id, "nochange"));
    set_result(e, id, "link_state = 'candidates'");
    CPPUNIT_ASSERT(ApplyRefusal::not_linked == refusal(e, id, "change"));
    set_result(e, id, "link_state = 'linked', ptid = 101, card_classification = 'A1'");
    CPPUNIT_ASSERT(ApplyRefusal::public_assistance == refusal(e, id, "add"));
    set_result(e, id, "card_classification = '01', insurer_number = '12345'");
    CPPUNIT_ASSERT(ApplyRefusal::bad_insurer == refusal(e, id, "add"));
    set_result(e, id, "insurer_number = '06139999'");
    // The same card is valid already: no add.
    CPPUNIT_ASSERT(ApplyRefusal::already_registered == refusal(e, id, "add"));
    CPPUNIT_ASSERT_EQUAL(before, everything(e));
  }

  void testUndoRules() {
    FlowEnv e;
    const long long id = taro_result(e);
    CPPUNIT_ASSERT(ApplyRefusal::no_apply == undo_refusal(e, 999999));
    set_result(e, id, "card_number = '424242'");
    const exchange::InsuranceApplied a =
        exchange::apply_insurance(*e.conn, 1, id, "change", "clerk1");
    CPPUNIT_ASSERT(ApplyRefusal::unknown_staff == undo_refusal(e, a.audit_id, "clerk2"));
    // ORCA changed the row afterwards: the undo would lose that change, refused.
    e.conn->exec(
        "UPDATE tbl_pthkninf SET hihknjaname = '誰か' WHERE hospnum = 1 AND ptid = 101 AND hknid = "
        "1");
    const std::string changed = everything(e);
    CPPUNIT_ASSERT(ApplyRefusal::changed_since == undo_refusal(e, a.audit_id));
    CPPUNIT_ASSERT_EQUAL(changed, everything(e));
    // An apply of another day is not undone.
    e.conn->exec(
        "INSERT INTO onshi_audit (hospnum, at, userid, action, info_kind, ptid, info_id, "
        "  apply_mode, before_image, after_image) "
        "SELECT hospnum, at - interval '1 day', userid, action, info_kind, ptid, info_id, "
        "  apply_mode, before_image, after_image FROM onshi_audit WHERE audit_id = " +
        std::to_string(a.audit_id));
    const long long old = std::stoll(e.q("SELECT max(audit_id) FROM onshi_audit"));
    CPPUNIT_ASSERT(ApplyRefusal::not_today == undo_refusal(e, old));
    // Only one undo per apply, whatever the caller: the unique index.
    bool unique = false;
    try {
      e.conn->exec(
          "INSERT INTO onshi_audit (hospnum, userid, action, info_kind, ptid, info_id, "
          "undoes, before_image, after_image) VALUES (1, 'x', 'undo', 'insurance', 101, "
          "1, " +
          std::to_string(old) + ", '{}', '{}'), (1, 'y', 'undo', 'insurance', 101, 1, " +
          std::to_string(old) + ", '{}', '{}')");
    } catch (const db::UniqueViolation&) {
      unique = true;
    }
    CPPUNIT_ASSERT(unique);
  }

  void testAdminCommand() {
    FlowEnv e;
    const long long id = taro_result(e);
    auto run = [&](std::vector<std::string> args, std::string& out, std::string& err) {
      args.push_back("--dbname");
      args.push_back(e.tdb.conninfo());
      std::ostringstream o, r;
      const int status = admin::run_apply(args, o, r);
      out = o.str();
      err = r.str();
      return status;
    };
    std::string out, err;
    CPPUNIT_ASSERT_EQUAL(admin::kExitUsage,
                         run({std::to_string(id), "nochange", "--hospnum", "1"}, out, err));
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused, run({std::to_string(id), "nochange", "--hospnum", "1",
                                                   "--staff", "clerk1", "--patient", "000102"},
                                                  out, err));
    CPPUNIT_ASSERT(err.find("other_patient") != std::string::npos ||
                   err.find("patient") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(
        err, 0,
        run({std::to_string(id), "nochange", "--hospnum", "1", "--staff", "clerk1"}, out, err));
    const std::string audit = e.q("SELECT max(audit_id) FROM onshi_audit WHERE action = 'apply'");
    CPPUNIT_ASSERT(out.find("audit " + audit) != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(
        admin::kExitRefused,
        run({std::to_string(id), "nochange", "--hospnum", "1", "--staff", "clerk1"}, out, err));
    CPPUNIT_ASSERT(err.find("already_applied") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(
        err, 0, run({"undo", audit, "--hospnum", "1", "--staff", "clerk1"}, out, err));
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused,
                         run({"undo", audit, "--hospnum", "1", "--staff", "clerk1"}, out, err));
    CPPUNIT_ASSERT(err.find("already_undone") != std::string::npos);
  }

  void testLimitCertificate() {
    FlowEnv e;
    e.check_in("hanako");  // patient 102: limit certificate 01/A03 with the limit consent
    const std::string id =
        e.q("SELECT max(confirmation_id) FROM onshi_confirmation WHERE birthdate = '19850707' "
            "AND link_state = 'linked'");
    CPPUNIT_ASSERT(!id.empty());
    // Valid from the 10th of this month (ORCA moves it to the 1st) until mid-July next year
    // (moved to the month's end).
    const std::string month = e.q("SELECT to_char(current_date, 'YYYYMM')");
    const std::string next_year = e.q("SELECT to_char(current_date + interval '1 year', 'YYYY')");
    e.conn->exec("UPDATE onshi_certificate_detail SET valid_start = '" + month +
                 "10', valid_end = '" + next_year +
                 "0715' WHERE kind = 'limit' AND "
                 "confirmation_id = " +
                 id);
    const std::string before = dump(e, 102);
    const std::string kohid =
        e.q("SELECT kohid + 1 FROM tbl_ptnum WHERE hospnum = 1 AND ptid = 102");
    const std::string hknid =
        e.q("SELECT min(hknid) FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 102 "
            "AND coalesce(sakjokbn, '') <> '1'");
    const exchange::InsuranceApplied a =
        exchange::apply_insurance(*e.conn, 1, std::stoll(id), "limit", "clerk1", 102);
    CPPUNIT_ASSERT_EQUAL(std::stoll(kohid), a.kohid);
    CPPUNIT_ASSERT(a.hkncombinum > 0);
    // What decides the copay: the category now, the insurance's rate unchanged.
    CPPUNIT_ASSERT_EQUAL(std::string("|ウ"),
                         a.copay_before.category + "|" + a.copay_after.category);
    CPPUNIT_ASSERT_EQUAL(a.copay_before.rate, a.copay_after.rate);
    // The row as ORCA's registration writes an accepted certificate: kohnum 967, category ウ,
    // no payer number, no confirmation date, the kind's payment class.
    CPPUNIT_ASSERT_EQUAL(
        "967|01|ウ|" + month + "01|" + next_year + "0731|        |        | |clerk1|" + kohid,
        e.q("SELECT concat_ws('|', kohnum, paykbn, rtrim(jkysnum), tekstymd, tekedymd, ftnjanum, "
            "kakuninymd, sakjokbn, opid, (SELECT kohid FROM tbl_ptnum WHERE hospnum = 1 AND "
            "ptid = 102)) FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 102 AND kohid = " +
            kohid));
    // Its combination with the insurance, so that reception can use it.
    CPPUNIT_ASSERT_EQUAL(hknid + "|" + kohid + "|967|01",
                         e.q("SELECT concat_ws('|', hknid, koh1id, koh1hknnum, koh1paykbn) FROM "
                             "tbl_hkncombi WHERE hospnum = 1 AND ptid = 102 AND hkncombinum = " +
                             std::to_string(a.hkncombinum)));
    exchange::undo_insurance_apply(*e.conn, 1, a.audit_id, "clerk1");
    CPPUNIT_ASSERT_EQUAL(before, dump(e, 102));
    // Without the patient's consent ORCA proposes nothing; a result without a certificate
    // neither.
    e.conn->exec(
        "UPDATE onshi_consent SET flag = '0' WHERE consent_type = 'limit_certificate' AND "
        "confirmation_id = " +
        id);
    CPPUNIT_ASSERT(ApplyRefusal::no_certificate == refusal(e, std::stoll(id), "limit"));
    CPPUNIT_ASSERT(ApplyRefusal::no_certificate == refusal(e, taro_result(e), "limit"));
    CPPUNIT_ASSERT_EQUAL(before, dump(e, 102));
    // Registered: the same period again is refused, a later end updates the row's end (公費更新).
    e.conn->exec(
        "UPDATE onshi_consent SET flag = '1' WHERE consent_type = 'limit_certificate' AND "
        "confirmation_id = " +
        id);
    const exchange::InsuranceApplied first =
        exchange::apply_insurance(*e.conn, 1, std::stoll(id), "limit", "clerk1");
    e.check_in("hanako");
    const std::string id2 =
        e.q("SELECT max(confirmation_id) FROM onshi_confirmation WHERE birthdate = '19850707' "
            "AND link_state = 'linked'");
    e.conn->exec("UPDATE onshi_certificate_detail SET valid_start = '" + month +
                 "10', valid_end = '" + next_year +
                 "0715' WHERE kind = 'limit' AND "
                 "confirmation_id = " +
                 id2);
    CPPUNIT_ASSERT(ApplyRefusal::already_registered == refusal(e, std::stoll(id2), "limit"));
    e.conn->exec("UPDATE onshi_certificate_detail SET valid_end = '" + next_year +
                 "1215' WHERE kind = 'limit' AND confirmation_id = " + id2);
    const exchange::InsuranceApplied update =
        exchange::apply_insurance(*e.conn, 1, std::stoll(id2), "limit", "doctor1");
    CPPUNIT_ASSERT_EQUAL(first.kohid, update.kohid);
    CPPUNIT_ASSERT_EQUAL(0, update.hkncombinum);
    CPPUNIT_ASSERT_EQUAL(next_year + "1231|" + today(e),
                         e.q("SELECT concat_ws('|', tekedymd, kakuninymd) FROM tbl_ptkohinf "
                             "WHERE hospnum = 1 AND ptid = 102 AND kohid = " +
                             kohid));
  }

  void testLowIncomeRows() {
    FlowEnv e;
    const std::string id = result_of(e, "hanako", "19850707");
    CPPUNIT_ASSERT(!id.empty());
    const std::string month = e.q("SELECT to_char(current_date, 'YYYYMM')");
    const std::string next_year = e.q("SELECT to_char(current_date + interval '1 year', 'YYYY')");
    // 限度額適用・標準負担額減額認定証, category オ (A05), with a long-term inpatient date.
    e.conn->exec(
        "UPDATE onshi_certificate_detail SET classification = '02', classification_flag = 'A05', "
        "valid_start = '" +
        month + "10', valid_end = '" + next_year +
        "0715', detail = detail || '{\"LimitApplicationCertificateLongTermDate\": \"" + month +
        "01\"}' WHERE kind = 'limit' AND confirmation_id = " + id);
    // An earlier limit consent of the patient (ORCA's ONSGENDO history).
    e.conn->exec(
        "INSERT INTO tbl_ptconf (hospnum, ptid, ckey, cdata, termid, opid, creymd, upymd, uphms) "
        "VALUES (1, 102, 'ONSGENDO01', '20250101', '', 'ormaster', '20250101', '20250101', "
        "'120000')");
    const std::string before = dump(e, 102);
    const exchange::InsuranceApplied a =
        exchange::apply_insurance(*e.conn, 1, std::stoll(id), "limit", "clerk1", 102);
    CPPUNIT_ASSERT(a.kohid > 0);
    CPPUNIT_ASSERT(a.written.find("低所得Ⅱ") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(std::string("|オ+低所得２"),
                         a.copay_before.category + "|" + a.copay_after.category);
    // The public-expense row of オ ...
    CPPUNIT_ASSERT_EQUAL("967|オ|" + month + "01|" + next_year + "0731",
                         e.q("SELECT concat_ws('|', kohnum, rtrim(jkysnum), tekstymd, tekedymd) "
                             "FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 102 AND kohid = " +
                             std::to_string(a.kohid)));
    // ... and 低所得Ⅱ as ORCA's P024 writes it (認定範囲 0, not 境界層).
    CPPUNIT_ASSERT_EQUAL(month + "01|" + next_year + "0731|" + month + "01|" + month +
                             "01|0|0||clerk1|" + today(e) + "|" + today(e),
                         e.q("SELECT concat_ws('|', ninstymd, ninedymd, skjninstymd, skjgnstymd, "
                             "hkntekkbn, kyoukaisoukbn, termid, opid, creymd, upymd) "
                             "FROM tbl_tsyrrk WHERE hospnum = 1 AND ptid = 102"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         e.q("SELECT count(*) FROM tbl_tnkrrk WHERE hospnum = 1 AND ptid = 102"));
    // The consent date: today first, the earlier one after it.
    CPPUNIT_ASSERT_EQUAL("ONSGENDO01=" + today(e) + ",ONSGENDO02=20250101",
                         e.q("SELECT string_agg(ckey || '=' || cdata, ',' ORDER BY ckey) "
                             "FROM tbl_ptconf WHERE hospnum = 1 AND ptid = 102"));
    exchange::undo_insurance_apply(*e.conn, 1, a.audit_id, "clerk1");
    CPPUNIT_ASSERT_EQUAL(before, dump(e, 102));

    // 標準負担額減額認定証 低所得Ⅰ（老福）(03/B07): 低所得Ⅰ only, 認定範囲 3, no public expense.
    const std::string id2 = result_of(e, "hanako", "19850707");
    e.conn->exec(
        "UPDATE onshi_certificate_detail SET classification = '03', classification_flag = 'B07', "
        "valid_start = '" +
        month + "01', valid_end = '99999999' WHERE kind = 'limit' AND confirmation_id = " + id2);
    const std::string koh = "SELECT count(*) FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 102";
    const std::string kohrows = e.q(koh);
    const exchange::InsuranceApplied b =
        exchange::apply_insurance(*e.conn, 1, std::stoll(id2), "limit", "clerk1");
    CPPUNIT_ASSERT_EQUAL(0LL, b.kohid);
    CPPUNIT_ASSERT_EQUAL(kohrows, e.q(koh));
    CPPUNIT_ASSERT_EQUAL(std::string("低所得１"), b.copay_after.category);
    CPPUNIT_ASSERT_EQUAL(month + "01|99999999|1|" + month + "01|3|0",
                         e.q("SELECT concat_ws('|', stymd, edymd, rri_fukushi_kbn, skjninstymd, "
                             "hkntekkbn, kyoukaisoukbn) FROM tbl_tnkrrk "
                             "WHERE hospnum = 1 AND ptid = 102"));
    // The same certificate again: registered and covering, nothing to do.
    const std::string id3 = result_of(e, "hanako", "19850707");
    e.conn->exec(
        "UPDATE onshi_certificate_detail SET classification = '03', classification_flag = 'B07', "
        "valid_start = '" +
        month + "01', valid_end = '99999999' WHERE kind = 'limit' AND confirmation_id = " + id3);
    const std::string registered = dump(e, 102);
    CPPUNIT_ASSERT(ApplyRefusal::already_registered == refusal(e, std::stoll(id3), "limit"));
    CPPUNIT_ASSERT_EQUAL(registered, dump(e, 102));
  }

  void testConsentOnlyCategories() {
    // 70+ 一般 (01/B04): ORCA keeps no row for it, but registration records the consent date.
    FlowEnv e;
    const std::string id = result_of(e, "hanako", "19850707");
    e.conn->exec(
        "UPDATE onshi_certificate_detail SET classification = '01', classification_flag = 'B04', "
        "valid_end = '99999999' WHERE kind = 'limit' AND confirmation_id = " +
        id);
    const std::string before = dump(e, 102);
    const std::string koh = "SELECT count(*) FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 102";
    const std::string kohrows = e.q(koh);
    const exchange::InsuranceApplied a =
        exchange::apply_insurance(*e.conn, 1, std::stoll(id), "limit", "clerk1", 102);
    CPPUNIT_ASSERT_EQUAL(0LL, a.kohid);
    CPPUNIT_ASSERT_EQUAL(kohrows, e.q(koh));
    CPPUNIT_ASSERT(a.written.find("ONSGENDO01") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL("ONSGENDO01=" + today(e),
                         e.q("SELECT string_agg(ckey || '=' || cdata, ',' ORDER BY ckey) "
                             "FROM tbl_ptconf WHERE hospnum = 1 AND ptid = 102"));
    CPPUNIT_ASSERT_EQUAL(std::string(""), a.copay_after.category);
    exchange::undo_insurance_apply(*e.conn, 1, a.audit_id, "clerk1");
    CPPUNIT_ASSERT_EQUAL(before, dump(e, 102));
    // Recorded today already: nothing to do. Another unknown category: no certificate.
    exchange::apply_insurance(*e.conn, 1, std::stoll(id), "limit", "clerk1", 102);
    const std::string id2 = result_of(e, "hanako", "19850707");
    e.conn->exec(
        "UPDATE onshi_certificate_detail SET classification = '01', classification_flag = 'B09', "
        "valid_end = '99999999' WHERE kind = 'limit' AND confirmation_id = " +
        id2);
    CPPUNIT_ASSERT(ApplyRefusal::already_registered == refusal(e, std::stoll(id2), "limit"));
    e.conn->exec(
        "UPDATE onshi_certificate_detail SET classification_flag = 'Z99' WHERE kind = 'limit' "
        "AND confirmation_id = " +
        id2);
    CPPUNIT_ASSERT(ApplyRefusal::no_certificate == refusal(e, std::stoll(id2), "limit"));
  }

  void testExpiredCertificateRefused() {
    FlowEnv e;
    // The demo's certificate ended 2026-03-31; here: yesterday.
    const std::string id = result_of(e, "hanako", "19850707");
    e.conn->exec(
        "UPDATE onshi_certificate_detail SET valid_end = to_char(current_date - 1, 'YYYYMMDD') "
        "WHERE kind = 'limit' AND confirmation_id = " +
        id);
    const std::string before =
        dump(e, 102) + e.q("SELECT count(*) FROM onshi_audit WHERE action = 'apply'");
    CPPUNIT_ASSERT(ApplyRefusal::expired == refusal(e, std::stoll(id), "limit"));
    CPPUNIT_ASSERT(ApplyRefusal::expired == refusal(e, std::stoll(id), "certs"));
    const AdminRun r =
        run_admin(e, admin::run_apply, {id, "limit", "--hospnum", "1", "--staff", "clerk1"});
    CPPUNIT_ASSERT_EQUAL(admin::kExitRefused, r.status);
    CPPUNIT_ASSERT_MESSAGE(r.err, r.err.find("expired") != std::string::npos &&
                                      r.err.find("ended") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(before,
                         dump(e, 102) + e.q("SELECT count(*) FROM onshi_audit WHERE action = "
                                            "'apply'"));
  }

  void testSpecificDisease() {
    FlowEnv e;
    // saburo (patient 105): 特定疾病 category 1, self pay 10000, from 20240501, open end.
    const std::string id = result_of(e, "saburo", "19600101");
    CPPUNIT_ASSERT(!id.empty());
    const std::string before = dump(e, 105);
    const std::string kohid =
        e.q("SELECT kohid + 1 FROM tbl_ptnum WHERE hospnum = 1 AND ptid = 105");
    const exchange::InsuranceApplied a =
        exchange::apply_insurance(*e.conn, 1, std::stoll(id), "disease", "clerk1", 105);
    CPPUNIT_ASSERT_EQUAL(std::stoll(kohid), a.kohid);
    CPPUNIT_ASSERT_EQUAL(std::string("972||20240501|99999999|        |        | |clerk1"),
                         e.q("SELECT concat_ws('|', kohnum, rtrim(jkysnum), tekstymd, tekedymd, "
                             "ftnjanum, kakuninymd, sakjokbn, opid) FROM tbl_ptkohinf "
                             "WHERE hospnum = 1 AND ptid = 105 AND kohid = " +
                             kohid));
    CPPUNIT_ASSERT_EQUAL(kohid + "|972",
                         e.q("SELECT concat_ws('|', koh1id, koh1hknnum) FROM tbl_hkncombi "
                             "WHERE hospnum = 1 AND ptid = 105 AND hkncombinum = " +
                             std::to_string(a.hkncombinum)));
    // No limit consent is needed for it, and no ONSGENDO row is written.
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         e.q("SELECT count(*) FROM tbl_ptconf WHERE hospnum = 1 AND ptid = 105"));
    CPPUNIT_ASSERT(ApplyRefusal::already_applied == refusal(e, std::stoll(id), "disease"));
    CPPUNIT_ASSERT(ApplyRefusal::already_applied == refusal(e, std::stoll(id), "certs"));
    exchange::undo_insurance_apply(*e.conn, 1, a.audit_id, "clerk1");
    CPPUNIT_ASSERT_EQUAL(before, dump(e, 105));
    // Without the patient's consent to its return: nothing.
    e.conn->exec(
        "UPDATE onshi_consent SET flag = '0' WHERE consent_type = 'specific_diseases' AND "
        "confirmation_id = " +
        id);
    CPPUNIT_ASSERT(ApplyRefusal::no_certificate == refusal(e, std::stoll(id), "disease"));
    e.conn->exec(
        "UPDATE onshi_consent SET flag = '1' WHERE consent_type = 'specific_diseases' AND "
        "confirmation_id = " +
        id);
    exchange::apply_insurance(*e.conn, 1, std::stoll(id), "certs", "clerk1");
    // Registered (open end): the next result needs nothing; 20000 yen is another kind (974).
    const std::string id2 = result_of(e, "saburo", "19600101");
    CPPUNIT_ASSERT(ApplyRefusal::already_registered == refusal(e, std::stoll(id2), "disease"));
    e.conn->exec(
        "UPDATE onshi_certificate_detail SET self_pay = '20000' WHERE kind = 'specific_disease' "
        "AND confirmation_id = " +
        id2);
    const exchange::InsuranceApplied b =
        exchange::apply_insurance(*e.conn, 1, std::stoll(id2), "disease", "clerk1");
    CPPUNIT_ASSERT_EQUAL(std::string("974"),
                         e.q("SELECT kohnum FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 105 "
                             "AND kohid = " +
                             std::to_string(b.kohid)));
  }

  void testElderlyRecipient() {
    FlowEnv e;
    // jiro (patient 129): 国保, 70-74 elderly recipient certificate from 20240801, 20%.
    const std::string id = result_of(e, "jiro", "19520920");
    CPPUNIT_ASSERT(!id.empty());
    const std::string next_year = e.q("SELECT to_char(current_date + interval '1 year', 'YYYY')");
    e.conn->exec(
        "UPDATE onshi_certificate_detail SET valid_end = to_char(current_date - 1, 'YYYYMMDD') "
        "WHERE kind = 'elderly' AND confirmation_id = " +
        id);
    CPPUNIT_ASSERT(ApplyRefusal::expired == refusal(e, std::stoll(id), "elderly"));
    e.conn->exec("UPDATE onshi_certificate_detail SET valid_end = '" + next_year +
                 "0731', contribution_ratio = '030' WHERE kind = 'elderly' AND "
                 "confirmation_id = " +
                 id);
    const std::string before = dump(e, 129);
    const std::string rate_before = host::copay_rate(
        "060", e.q("SELECT rtrim(hojokbn) FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 129 "
                   "AND hknid = 1"));
    const exchange::InsuranceApplied a =
        exchange::apply_insurance(*e.conn, 1, std::stoll(id), "elderly", "clerk1", 129);
    CPPUNIT_ASSERT_EQUAL(1LL, a.hknid);
    // The copay rate the screen shows follows the certificate (3割 from 030).
    CPPUNIT_ASSERT_EQUAL(rate_before + "|030", a.copay_before.rate + "|" + a.copay_after.rate);
    CPPUNIT_ASSERT(rate_before != "030");
    // The insurance row: acquisition date (the card's own), the certificate's period, 3割.
    CPPUNIT_ASSERT_EQUAL("20120401|20240801|" + next_year + "0731|3|" + today(e) + "|clerk1",
                         e.q("SELECT concat_ws('|', skkgetymd, tekstymd, tekedymd, hojokbn, "
                             "kakuninymd, opid) FROM tbl_pthkninf WHERE hospnum = 1 AND "
                             "ptid = 129 AND hknid = 1"));
    // No public-expense row for it; the combination follows.
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         e.q("SELECT count(*) FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 129"));
    CPPUNIT_ASSERT_EQUAL("3|20240801|" + next_year + "0731",
                         e.q("SELECT concat_ws('|', hojokbn, tekstymd, tekedymd) FROM tbl_hkncombi "
                             "WHERE hospnum = 1 AND ptid = 129 AND hknid = 1 "
                             "AND coalesce(koh1id, 0) = 0 ORDER BY hkncombinum LIMIT 1"));
    exchange::undo_insurance_apply(*e.conn, 1, a.audit_id, "clerk1");
    CPPUNIT_ASSERT_EQUAL(before, dump(e, 129));
    // Never onto another card's insurance.
    set_result(e, std::stoll(id), "card_number = '999'");
    CPPUNIT_ASSERT(ApplyRefusal::card_differs == refusal(e, std::stoll(id), "elderly"));
    CPPUNIT_ASSERT_EQUAL(before, dump(e, 129));
  }

  void testAutomaticCertificates() {
    FlowEnv e;
    const std::string koh = "SELECT count(*) FROM tbl_ptkohinf WHERE hospnum = 1 AND ptid = 105";
    const std::string none = e.q(koh);
    // Off by default: the check-in stores the certificate, the host is not written.
    result_of(e, "saburo", "19600101");
    CPPUNIT_ASSERT_EQUAL(none, e.q(koh));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         e.q("SELECT count(*) FROM onshi_audit WHERE action = 'apply'"));
    const AdminRun r =
        run_admin(e, admin::run_enable, {"--hospnum", "1", "--auto-certificates", "yes"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(r.err, 0, r.status);
    CPPUNIT_ASSERT_EQUAL(std::string("t"),
                         e.q("SELECT auto_certificates FROM onshi_facility WHERE hospnum = 1"));
    // On: the certain link's certificate is applied when the result is stored, by the engine.
    const std::string id = result_of(e, "saburo", "19600101");
    CPPUNIT_ASSERT_EQUAL(std::string("972|onshi-exchanged|20240501"),
                         e.q("SELECT concat_ws('|', kohnum, opid, tekstymd) FROM tbl_ptkohinf "
                             "WHERE hospnum = 1 AND ptid = 105"));
    CPPUNIT_ASSERT_EQUAL("onshi-exchanged|certs|105|" + id,
                         e.q("SELECT concat_ws('|', userid, apply_mode, ptid, info_id) "
                             "FROM onshi_audit WHERE action = 'apply'"));
    // Staff undo it like their own apply.
    const std::string audit = e.q("SELECT audit_id FROM onshi_audit WHERE action = 'apply'");
    exchange::undo_insurance_apply(*e.conn, 1, std::stoll(audit), "clerk1");
    CPPUNIT_ASSERT_EQUAL(none, e.q(koh));
    // A facility in apply mode prefill as well (set by hand: enable refuses it) gets no
    // automatic apply: no row, no pre-fill (doc/decisions.md 18).
    e.conn->exec("UPDATE onshi_facility SET apply_mode = 'prefill' WHERE hospnum = 1");
    result_of(e, "saburo", "19600101");
    CPPUNIT_ASSERT_EQUAL(none, e.q(koh));
    CPPUNIT_ASSERT_EQUAL(std::string("0|1"),
                         e.q("SELECT (SELECT count(*) FROM onshi_prefill) || '|' || "
                             "(SELECT count(*) FROM onshi_audit WHERE action = 'apply')"));
  }

  void testUndoOfAnEarlierImage() {
    FlowEnv e;
    // An apply of today recorded before the low-income and consent tables were imaged
    // (images without their keys) is still undone: only the imaged tables are compared.
    const std::string id = result_of(e, "saburo", "19600101");
    const std::string before = dump(e, 105);
    const exchange::InsuranceApplied a =
        exchange::apply_insurance(*e.conn, 1, std::stoll(id), "disease", "clerk1");
    // (The audit is append-only: its trigger set aside to forge the older row.)
    e.conn->exec(
        "ALTER TABLE onshi_audit DISABLE TRIGGER USER; "
        "UPDATE onshi_audit SET before_image = before_image - 'tbl_tsyrrk' - 'tbl_tnkrrk' - "
        "'tbl_ptconf', after_image = after_image - 'tbl_tsyrrk' - 'tbl_tnkrrk' - 'tbl_ptconf' "
        "WHERE audit_id = " +
        std::to_string(a.audit_id) + "; ALTER TABLE onshi_audit ENABLE TRIGGER USER");
    exchange::undo_insurance_apply(*e.conn, 1, a.audit_id, "clerk1");
    CPPUNIT_ASSERT_EQUAL(before, dump(e, 105));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(InsuranceApplyTest);

}  // namespace onshi::test
