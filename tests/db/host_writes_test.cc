// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// What onshi-link writes into the host (plugin/host), checked on the ORCA 5.2-shaped reference
// host: ORCA's numbering (system management 1009), the confirmation date with ORCA's history
// rows, the insurance kind, and a new patient written the way ORCA's registration writes one.
#include <cppunit/extensions/HelperMacros.h>

#include <string>

#include "db/connection.h"
#include "db/pg_test_support.h"
#include "db/transaction.h"
#include "host/insurance_history.h"
#include "host/insurance_kind.h"
#include "host/numbering.h"
#include "host/patient_registration.h"

namespace onshi::test {

class HostWritesTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(HostWritesTest);
  CPPUNIT_TEST(testPatientNumberFormats);
  CPPUNIT_TEST(testIssueNumbersMovesOnlyTheCounters);
  CPPUNIT_TEST(testIssueSkipsNumbersInUse);
  CPPUNIT_TEST(testNumberingRefusesWhatItCannotIssue);
  CPPUNIT_TEST(testConfirmationDateAndHistory);
  CPPUNIT_TEST(testInsuranceKind);
  CPPUNIT_TEST(testNewPatientAsOrcaWritesOne);
  CPPUNIT_TEST(testNewPatientRolledBackLeavesNoTrace);
  CPPUNIT_TEST_SUITE_END();

  static std::string settings(db::Connection& c, int hospnum) {
    return scalar(c, "SELECT kanritbl FROM tbl_syskanri WHERE hospnum = " +
                         std::to_string(hospnum) + " AND kanricd = '1009'");
  }

 public:
  void testPatientNumberFormats() {
    host::PatientNumberSettings s = host::parse_patient_number_settings("2   4  06       2025");
    CPPUNIT_ASSERT_EQUAL('2', s.composition);
    CPPUNIT_ASSERT_EQUAL(6, s.serial_digits);
    CPPUNIT_ASSERT_EQUAL(std::string("000042"), host::format_patient_number(s, 42));
    s.standard_type = '2';  // year + serial
    CPPUNIT_ASSERT_EQUAL(std::string("2025000042"), host::format_patient_number(s, 42));
    s.year_kind = '1';  // Japanese era: R7
    CPPUNIT_ASSERT_EQUAL(std::string("507000042"), host::format_patient_number(s, 42));
    s.standard_type = '3';  // serial + check digit: left to the host's screen
    CPPUNIT_ASSERT_THROW(host::format_patient_number(s, 42), host::NumberingError);
    s.composition = '1';  // free composition
    CPPUNIT_ASSERT_THROW(host::format_patient_number(s, 42), host::NumberingError);
    // Counters at 21-30 and 31-40; a short (trailing blanks stripped) row reads as 0.
    s = host::parse_patient_number_settings("2   4  06       202500000001300000000199");
    CPPUNIT_ASSERT_EQUAL(130LL, s.last_serial);
    CPPUNIT_ASSERT_EQUAL(199LL, s.last_ptid);
    CPPUNIT_ASSERT_EQUAL(0LL, host::parse_patient_number_settings("2").last_ptid);
  }

  void testIssueNumbersMovesOnlyTheCounters() {
    TestDatabase d(HostSchema::seeded);
    auto c = d.connect();
    const std::string before = settings(*c, 1);
    const host::PatientNumberSettings s = host::parse_patient_number_settings(before);
    db::Transaction tx(*c);
    host::IssuedNumbers n = host::issue_patient_numbers(*c, 1, "20250612", "clerk1");
    tx.commit();
    CPPUNIT_ASSERT_EQUAL(s.last_ptid + 1, n.ptid);
    char expect[32];
    std::snprintf(expect, sizeof expect, "%06lld", s.last_serial + 1);
    CPPUNIT_ASSERT_EQUAL(std::string(expect), n.ptnum);
    const std::string after = settings(*c, 1);
    CPPUNIT_ASSERT_EQUAL(before.substr(0, 20), after.substr(0, 20));
    CPPUNIT_ASSERT_EQUAL(before.size() > 40 ? before.substr(40) : std::string(),
                         after.size() > 40 ? after.substr(40) : std::string());
    CPPUNIT_ASSERT_EQUAL(s.last_serial + 1, host::parse_patient_number_settings(after).last_serial);
    CPPUNIT_ASSERT_EQUAL(n.ptid, host::parse_patient_number_settings(after).last_ptid);
    // Facility 2's counters did not move.
    CPPUNIT_ASSERT_EQUAL(host::parse_patient_number_settings(settings(*c, 2)).last_ptid,
                         host::parse_patient_number_settings(settings(*c, 2)).last_ptid);
  }

  void testIssueSkipsNumbersInUse() {
    TestDatabase d(HostSchema::seeded);
    auto c = d.connect();
    // The counter points at a number staff already typed in by hand.
    const host::PatientNumberSettings s = host::parse_patient_number_settings(settings(*c, 1));
    char taken[32];
    std::snprintf(taken, sizeof taken, "%06lld", s.last_serial + 1);
    c->exec("UPDATE tbl_ptnum SET ptnum = '" + std::string(taken) +
            "' WHERE hospnum = 1 AND ptid = 101");
    db::Transaction tx(*c);
    host::IssuedNumbers n = host::issue_patient_numbers(*c, 1, "20250612", "clerk1");
    CPPUNIT_ASSERT(n.ptnum != taken);
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        scalar(*c,
               "SELECT count(*) FROM tbl_ptnum WHERE hospnum = 1 AND ptnum = '" + n.ptnum + "'"));
  }

  void testNumberingRefusesWhatItCannotIssue() {
    TestDatabase d(HostSchema::seeded);
    auto c = d.connect();
    c->exec(
        "UPDATE tbl_syskanri SET kanritbl = '1' || substr(kanritbl, 2) WHERE hospnum = 1 AND "
        "kanricd = '1009'");
    db::Transaction tx(*c);
    try {
      host::issue_patient_numbers(*c, 1, "20250612", "clerk1");
      CPPUNIT_FAIL("issued a number under free composition");
    } catch (const host::NumberingError& e) {
      CPPUNIT_ASSERT_EQUAL(std::string("composition"), e.reason());
    }
    tx.rollback();
    c->exec("DELETE FROM tbl_syskanri WHERE hospnum = 2 AND kanricd = '1009'");
    db::Transaction tx2(*c);
    CPPUNIT_ASSERT_THROW(host::issue_patient_numbers(*c, 2, "20250612", "clerk2"),
                         host::NumberingError);
  }

  void testConfirmationDateAndHistory() {
    TestDatabase d(HostSchema::seeded);
    auto c = d.connect();
    c->exec(
        "UPDATE tbl_pthkninf SET kakuninymd = '' WHERE hospnum = 1 AND ptid = 101 AND hknid = 1");
    c->exec("DELETE FROM tbl_pthknrrk WHERE hospnum = 1 AND ptid = 101");
    // From blank: the date is set, no history (ORCA keeps only previous non-blank dates).
    host::ConfirmationWrite w = host::set_confirmation_date(*c, 1, 101, 1, "20250601", "ONSHI");
    CPPUNIT_ASSERT(w.found && w.changed);
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        scalar(*c, "SELECT count(*) FROM tbl_pthknrrk WHERE hospnum = 1 AND ptid = 101"));
    // Six later dates: the current one in the insurance row, the five before it as history 1..5.
    for (const char* day : {"20250602", "20250603", "20250604", "20250605", "20250606", "20250607"})
      host::set_confirmation_date(*c, 1, 101, 1, day, "ONSHI");
    CPPUNIT_ASSERT_EQUAL(
        std::string("20250607"),
        scalar(
            *c,
            "SELECT kakuninymd FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = 101 AND hknid = 1"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("1:20250606,2:20250605,3:20250604,4:20250603,5:20250602"),
        scalar(*c,
               "SELECT string_agg(rennum || ':' || kakuninymd, ',' ORDER BY rennum) "
               "FROM tbl_pthknrrk WHERE hospnum = 1 AND ptid = 101 AND hknid = 1"));
    // The newest history row already holds the date passed (ORCA wrote it): nothing rewritten.
    c->exec(
        "UPDATE tbl_pthknrrk SET termid = 'T1', creymd = '20240101' "
        "WHERE hospnum = 1 AND ptid = 101 AND hknid = 1 AND rennum = 1");
    host::record_previous_confirmation(*c, 1, 101, 1, "20250606", "OTHER");
    const std::string history =
        "SELECT string_agg(rennum || ':' || kakuninymd || ':' || termid || ':' || opid, ',' "
        "ORDER BY rennum) FROM tbl_pthknrrk WHERE hospnum = 1 AND ptid = 101 AND hknid = 1";
    CPPUNIT_ASSERT_EQUAL(std::string("1:20250606:T1:ONSHI,2:20250605::ONSHI,3:20250604::ONSHI,"
                                     "4:20250603::ONSHI,5:20250602::ONSHI"),
                         scalar(*c, history));
    // A newer date: the rows move down keeping their terminal and creation day (the row of the
    // date passed is new: no terminal), the oldest is dropped.
    host::record_previous_confirmation(*c, 1, 101, 1, "20250607", "OTHER");
    CPPUNIT_ASSERT_EQUAL(std::string("1:20250607::OTHER,2:20250606:T1:OTHER,3:20250605::OTHER,"
                                     "4:20250604::OTHER,5:20250603::OTHER"),
                         scalar(*c, history));
    CPPUNIT_ASSERT_EQUAL(std::string("20240101"),
                         scalar(*c,
                                "SELECT creymd FROM tbl_pthknrrk WHERE hospnum = 1 AND ptid = 101 "
                                "AND hknid = 1 AND rennum = 2"));
    // The same date again: nothing changes.
    w = host::set_confirmation_date(*c, 1, 101, 1, "20250607", "ONSHI");
    CPPUNIT_ASSERT(w.found && !w.changed);
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        scalar(*c,
               "SELECT count(*) FROM tbl_pthknrrk WHERE kakuninymd IS NULL OR termid IS NULL "
               "OR opid IS NULL OR creymd IS NULL OR upymd IS NULL OR uphms IS NULL"));
    // Deleted insurance is never confirmed.
    c->exec("UPDATE tbl_pthkninf SET sakjokbn = '1' WHERE hospnum = 1 AND ptid = 102");
    CPPUNIT_ASSERT(!host::set_confirmation_date(*c, 1, 102, 1, "20250612", "ONSHI").found);
  }

  void testInsuranceKind() {
    TestDatabase d(HostSchema::seeded);
    auto c = d.connect();
    CPPUNIT_ASSERT_EQUAL(std::string("060"),
                         host::insurance_kind(*c, 1, "138999", "01", "20250612"));
    CPPUNIT_ASSERT_EQUAL(std::string("068"),
                         host::insurance_kind(*c, 1, "138999", "05", "20250612"));
    CPPUNIT_ASSERT_EQUAL(std::string("001"),
                         host::insurance_kind(*c, 1, "01130012", "01", "20250612"));
    CPPUNIT_ASSERT_EQUAL(std::string("006"),
                         host::insurance_kind(*c, 1, "06139999", "01", "20250612"));
    CPPUNIT_ASSERT_EQUAL(std::string("039"),
                         host::insurance_kind(*c, 1, "39139999", "01", "20250612"));
    CPPUNIT_ASSERT_EQUAL(std::string("040"),
                         host::insurance_kind(*c, 1, "39139999", "05", "20250612"));
    CPPUNIT_ASSERT_EQUAL(std::string(""), host::insurance_kind(*c, 1, "1234567", "01", "20250612"));
    CPPUNIT_ASSERT_EQUAL(std::string("3"), host::copay_class("060", "030"));
    CPPUNIT_ASSERT_EQUAL(std::string("7"), host::copay_class("006", "030"));
    CPPUNIT_ASSERT_EQUAL(std::string("8"), host::copay_class("001", "020"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), host::copay_class("039", "010"));
    CPPUNIT_ASSERT_EQUAL(std::string(""), host::copay_class("039", ""));
    // ... and back: the rate a class stands for (the hojokbn table of fact sheet 1.3).
    for (const char* kind : {"060", "067", "039", "006", "001", "031", "002"})
      for (const char* rate : {"010", "020", "030"})
        CPPUNIT_ASSERT_EQUAL(std::string(rate),
                             host::copay_rate(kind, host::copay_class(kind, rate)));
    CPPUNIT_ASSERT_EQUAL(std::string(""), host::copay_rate("060", "0"));     // 国保 無し
    CPPUNIT_ASSERT_EQUAL(std::string(""), host::copay_rate("060", "4"));     // 外1割入0割
    CPPUNIT_ASSERT_EQUAL(std::string(""), host::copay_rate("002", "1"));     // 船員 職務
    CPPUNIT_ASSERT_EQUAL(std::string("020"), host::copay_rate("031", "E"));  // 2割 下船
    CPPUNIT_ASSERT_EQUAL(std::string("030"), host::copay_rate("002", "I"));  // 3割 通勤
    CPPUNIT_ASSERT_EQUAL(std::string(""), host::copay_rate("980", "1"));
    CPPUNIT_ASSERT_EQUAL(std::string(""), host::copay_rate("006", ""));
  }

  void testNewPatientAsOrcaWritesOne() {
    TestDatabase d(HostSchema::seeded);
    auto c = d.connect();
    host::PatientFromResult p;
    p.name = "架空 新太";
    p.kananame = "ｶｸｳ ｼﾝﾀ";
    p.sex = "1";
    p.birthday = "19900101";
    p.post = "100-0099";
    p.address = "東京都架空区新町1-2";
    p.has_insurance = true;
    p.card_class = "01";
    p.insurer = "06139999";
    p.symbol = "1234";
    p.number = "99001";
    p.branch = "01";
    p.family = "1";
    p.insured_name = "架空 新太";
    p.acquired = "20200401";
    p.valid_from = "20200401";
    p.copay_rate = "030";
    db::Transaction tx(*c);
    host::CreatedPatient made = host::create_patient(*c, 1, p, "20250612", "clerk1");
    tx.commit();
    const std::string id = std::to_string(made.ptid);
    CPPUNIT_ASSERT_EQUAL(
        std::string("架空　新太|カクウ　シンタ|1|19900101|1000099|東京都架空区新町１－２|0"),
        scalar(*c,
               "SELECT name || '|' || kananame || '|' || sex || '|' || birthday || '|' || "
               "home_post || '|' || home_adrs || '|' || tstptnumkbn FROM tbl_ptinf "
               "WHERE hospnum = 1 AND ptid = " +
                   id));
    CPPUNIT_ASSERT_EQUAL(
        made.ptnum + "|1|0|1",
        scalar(*c,
               "SELECT rtrim(ptnum) || '|' || hknid || '|' || kohid || '|' || autocombinum "
               "FROM tbl_ptnum WHERE hospnum = 1 AND ptid = " +
                   id));
    CPPUNIT_ASSERT_EQUAL(
        std::string("006|06139999|１２３４|９９００１|01|1|7|20200401|20250612|99999999|20250612"),
        scalar(*c,
               "SELECT hknnum || '|' || hknjanum || '|' || kigo || '|' || num || '|' || edaban || "
               "'|' || honkzkkbn || '|' || hojokbn || '|' || skkgetymd || '|' || tekstymd || "
               "'|' || tekedymd || '|' || kakuninymd FROM tbl_pthkninf "
               "WHERE hospnum = 1 AND ptid = " +
                   id + " AND hknid = 1"));
    // Flags blank (SPACE), not NULL: visible to ORCA's "sakjokbn <> '1'" paths.
    CPPUNIT_ASSERT_EQUAL(
        std::string("1"),
        scalar(*c, "SELECT count(*) FROM tbl_pthkninf WHERE hospnum = 1 AND ptid = " + id +
                       " AND sakjokbn <> '1'"));
    // A combination reception can use: valid today, not deleted, pointing at the insurance.
    CPPUNIT_ASSERT_EQUAL(
        std::string("1"),
        scalar(
            *c,
            "SELECT count(*) FROM tbl_hkncombi WHERE hospnum = 1 AND ptid = " + id +
                " AND hkncombinum = 1 AND hknid = 1 AND hknnum = '006' AND tekstymd <= '20250612' "
                "AND tekedymd >= '20250612' AND delkbn = ' ' AND hyojikbn <> '1'"));
    // Never NULL in any column ORCA writes.
    for (const char* t : {"tbl_ptinf", "tbl_ptnum", "tbl_pthkninf", "tbl_hkncombi"}) {
      db::Result cols =
          c->exec("SELECT column_name FROM information_schema.columns WHERE table_name = '" +
                  std::string(t) + "'");
      for (int i = 0; i < cols.rows(); ++i)
        CPPUNIT_ASSERT_EQUAL_MESSAGE(std::string(t) + "." + cols.text(i, 0), std::string("0"),
                                     scalar(*c, std::string("SELECT count(*) FROM ") + t +
                                                    " WHERE hospnum = 1 AND ptid = " + id +
                                                    " AND " + cols.text(i, 0) + " IS NULL"));
    }
    CPPUNIT_ASSERT(!made.substituted);
  }

  void testNewPatientRolledBackLeavesNoTrace() {
    TestDatabase d(HostSchema::seeded);
    auto c = d.connect();
    const std::string before = settings(*c, 1);
    const std::string patients = scalar(*c, "SELECT count(*) FROM tbl_ptinf");
    {
      db::Transaction tx(*c);
      host::PatientFromResult p;
      p.name = "架空 取消";
      p.kananame = "ｶｸｳ ﾄﾘｹｼ";
      p.sex = "2";
      p.birthday = "19900101";
      host::create_patient(*c, 1, p, "20250612", "clerk1");
    }  // not committed
    CPPUNIT_ASSERT_EQUAL(before, settings(*c, 1));
    CPPUNIT_ASSERT_EQUAL(patients, scalar(*c, "SELECT count(*) FROM tbl_ptinf"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HostWritesTest);

}  // namespace onshi::test
