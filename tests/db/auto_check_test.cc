// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The automatic checks of received patients (exchange/auto_check.h, store/auto_check.h,
// sql/0022_automatic_checks.sql) on the ORCA 5.2-shaped host: the trigger on tbl_uketuke queues
// and notifies, each source is chosen as the settings and the day's facts say, nothing is asked
// twice for a patient and day, and ORCA's reception never fails because of us.
#include "exchange/auto_check.h"

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>
#include <string>
#include <vector>

#include "admin/autocheck_command.h"
#include "admin/command_support.h"
#include "admin/db_commands.h"
#include "common/clock.h"
#include "db/flow_env.h"
#include "db/notifications.h"
#include "store/auto_check.h"

namespace onshi::test {

class AutoCheckTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(AutoCheckTest);
  CPPUNIT_TEST(testSettingsOffNothingHappens);
  CPPUNIT_TEST(testReceptionQueuesANotifiedRequestOnce);
  CPPUNIT_TEST(testRecentCardCheckInIsUsed);
  CPPUNIT_TEST(testReceptionWaitsBrieflyForItsCheckIn);
  CPPUNIT_TEST(testConfirmedTodayAsksNothing);
  CPPUNIT_TEST(testDefiniteBulkResultIsReused);
  CPPUNIT_TEST(testInvalidBulkResultIsAskedAgain);
  CPPUNIT_TEST(testPublicAssistanceOnly);
  CPPUNIT_TEST(testTestPatientIsRefused);
  CPPUNIT_TEST(testOtherDaysAndUnchangedUpdatesAreIgnored);
  CPPUNIT_TEST(testTriggerFailureNeverBreaksTheReception);
  CPPUNIT_TEST(testRemoveInstallAndTheEnginesOwnLook);
  CPPUNIT_TEST(testOrcaRecreatesTheTable);
  CPPUNIT_TEST(testAdminCommands);
  CPPUNIT_TEST_SUITE_END();

  struct Env : FlowEnv {
    std::string today = local_date8();
    int next_ukeid = 1;

    /// A reception written as ORCA's U02 writes it (header row ukeid 0 first, then the patient's).
    int receive(long long ptid, const std::string& day = "") {
      const std::string d = day.empty() ? today : day;
      const int ukeid = next_ukeid++;
      conn->exec(
          "INSERT INTO tbl_uketuke (ukeymd, ukeid, uketime, ptid, name, sryka, drcd, srynaiyo, "
          "  hkncombi, termid, opid, creymd, upymd, uphms, hospnum) "
          "VALUES ($1::bpchar, 0, '090000', $2::integer, '', '  ', '     ', '  ', 0, 'orca', "
          "  'ormaster', $1::bpchar, $1::bpchar, '090000', 1) "
          "ON CONFLICT (hospnum, ukeymd, ukeid) DO UPDATE SET ptid = $2::integer",
          {d, ukeid});
      conn->exec(
          "INSERT INTO tbl_uketuke (ukeymd, ukeid, uketime, ptid, name, sryka, drcd, srynaiyo, "
          "  hkncombi, termid, opid, creymd, upymd, uphms, hospnum) "
          "SELECT $1::bpchar, $2::integer, '091500', $3::bigint, p.name, '01', '10001', '01', 1, "
          "  'orca', 'ormaster', $1::bpchar, $1::bpchar, '091500', 1 FROM tbl_ptinf p "
          "WHERE p.hospnum = 1 AND p.ptid = $3::bigint",
          {d, ukeid, ptid});
      return ukeid;
    }
    exchange::AutoCheckPass run() { return exchange::run_auto_checks(*conn, facility); }
    std::string source(long long ptid) {
      return q(
          "SELECT coalesce((SELECT source FROM onshi_auto_check WHERE hospnum = 1 "
          "AND ptid = " +
          std::to_string(ptid) + " AND day = '" + today + "'), '')");
    }
    std::string jobs(long long ptid) {
      return q("SELECT count(*) FROM onshi_job WHERE kind = 'OQSsiquc01req' AND ptid = " +
               std::to_string(ptid));
    }
    std::string waiting() {
      return q("SELECT count(*) FROM onshi_reception_event WHERE handled_at IS NULL");
    }
  };

 public:
  void testSettingsOffNothingHappens() {
    Env e;
    CPPUNIT_ASSERT(store::reception_trigger_installed(*e.conn));
    CPPUNIT_ASSERT(!store::auto_check_settings(*e.conn, 1).any());
    e.receive(101);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.waiting());
    // Queued some other way (the engine's own look) while off: taken, nothing decided.
    long long after = 0;
    exchange::scan_receptions(*e.conn, e.facility, after);
    const exchange::AutoCheckPass p = e.run();
    CPPUNIT_ASSERT_EQUAL(1, p.receptions);
    CPPUNIT_ASSERT_EQUAL(0, p.total());
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.jobs(101));
    CPPUNIT_ASSERT_EQUAL(std::string(""), e.source(101));
  }

  void testReceptionQueuesANotifiedRequestOnce() {
    Env e;
    e.set("auto_request = true");
    auto listener = e.tdb.connect();
    db::listen(*listener, store::kReceptionChannel);
    e.receive(101);
    const auto got = db::wait_notifications(*listener, 10000);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), got.size());
    CPPUNIT_ASSERT_EQUAL(std::string("1"), got[0].payload);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.waiting());
    const exchange::AutoCheckPass p = e.run();
    CPPUNIT_ASSERT_EQUAL(1, p.requests);
    CPPUNIT_ASSERT_EQUAL(std::string("request"), e.source(101));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.jobs(101));
    CPPUNIT_ASSERT_EQUAL(std::string(e.today + "|onshi-auto"),
                         e.q("SELECT payload->>'confirmation_date' || '|' || requested_by "
                             "FROM onshi_job WHERE ptid = 101"));
    // The simulator answers; the confirmation is recorded and linked.
    e.pump(2);
    CPPUNIT_ASSERT_EQUAL(std::string("linked|" + e.today),
                         e.q("SELECT link_state || '|' || kakuninymd FROM onshi_confirmation c "
                             "JOIN tbl_pthkninf h ON h.hospnum = 1 AND h.ptid = c.ptid "
                             "AND h.hknid = 1 WHERE c.source = 'single' AND c.ptid = 101"));
    // The patient received again the same day (another reception row): nothing asked again,
    // neither through the trigger nor through the engine's own look.
    e.receive(101);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.waiting());
    long long after = 0;
    CPPUNIT_ASSERT_EQUAL(0, exchange::scan_receptions(*e.conn, e.facility, after));
    CPPUNIT_ASSERT_EQUAL(2LL, after);
    e.run();
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.jobs(101));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.q("SELECT count(*) FROM onshi_auto_check"));
    // A second engine recording the same patient and day is refused.
    CPPUNIT_ASSERT(!store::record_auto_check(*e.conn, 1, 101, e.today, 9,
                                             store::AutoCheck{"request", {}, {}, ""}));
  }

  void testRecentCardCheckInIsUsed() {
    Env e;
    e.set("auto_face = true, auto_request = true, auto_face_minutes = 5");
    e.check_in("taro");
    e.receive(101);
    const exchange::AutoCheckPass p = e.run();
    CPPUNIT_ASSERT_EQUAL(1, p.face);
    CPPUNIT_ASSERT_EQUAL(std::string("face"), e.source(101));
    CPPUNIT_ASSERT_EQUAL(
        e.q("SELECT max(confirmation_id) FROM onshi_confirmation WHERE source = 'face'"),
        e.q("SELECT confirmation_id FROM onshi_auto_check WHERE ptid = 101"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.jobs(101));
  }

  // The reception saved a moment before the card check-in's file was imported: left for the
  // next pass (exchange::kFaceGraceMs) instead of asked by number; settled by the check-in.
  // Without a check-in it is asked once the grace is over.
  void testReceptionWaitsBrieflyForItsCheckIn() {
    Env e;
    e.set("auto_face = true, auto_request = true");
    e.receive(101);
    exchange::AutoCheckPass p = e.run();
    CPPUNIT_ASSERT_EQUAL(1, p.deferred);
    CPPUNIT_ASSERT_EQUAL(0, p.total());
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.waiting());
    e.check_in("taro");
    p = e.run();
    CPPUNIT_ASSERT_EQUAL(1, p.face);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.jobs(101));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.waiting());

    e.receive(102);
    CPPUNIT_ASSERT_EQUAL(1, e.run().deferred);
    e.q("UPDATE onshi_reception_event SET created_at = now() - interval '3 seconds' "
        "WHERE handled_at IS NULL RETURNING 1");
    p = e.run();
    CPPUNIT_ASSERT_EQUAL(0, p.deferred);
    CPPUNIT_ASSERT_EQUAL(1, p.requests);
    CPPUNIT_ASSERT_EQUAL(std::string("request"), e.source(102));
  }

  void testConfirmedTodayAsksNothing() {
    Env e;
    e.set("auto_bulk = true, auto_request = true");
    // ORCA's reception screen confirmed the insurance today (kakuninymd).
    e.conn->exec("UPDATE tbl_pthkninf SET kakuninymd = $1 WHERE hospnum = 1 AND ptid = 101",
                 {e.today});
    e.receive(101);
    CPPUNIT_ASSERT_EQUAL(1, e.run().confirmed);
    CPPUNIT_ASSERT_EQUAL(std::string("confirmed"), e.source(101));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.jobs(101));
    // A check-in outside the window, with auto_face off, still shows as confirmed the same day.
    e.check_in("hanako");
    const std::string hanako =
        e.q("SELECT ptid FROM onshi_confirmation WHERE source = 'face' AND link_state = 'linked'");
    CPPUNIT_ASSERT(!hanako.empty());
    e.receive(std::stoll(hanako));
    CPPUNIT_ASSERT_EQUAL(1, e.run().confirmed);
  }

  /// A stored pre-check unit for today as the evening bulk leaves it.
  static void bulk_unit(Env& e, long long ptid, int hknid, const std::string& validity,
                        const std::string& cls = "01", const std::string& insurer = "06139999",
                        const std::string& symbol = "1234", const std::string& number = "56789") {
    e.conn->exec(
        "INSERT INTO onshi_confirmation (hospnum, source, kind, confirmation_date, "
        "  processing_status, validity, card_classification, insurer_number, card_symbol, "
        "  card_number, link_state, ptid, coverage_id) "
        "VALUES (1, 'bulk', 'OQSmuquc02res', $1, '1', $2, $3, $4, $5, $6, 'linked', $7, "
        "  nullif($8::int, 0))",
        {e.today, validity, cls, insurer, symbol, number, ptid, hknid});
  }

  void testDefiniteBulkResultIsReused() {
    Env e;
    e.set("auto_bulk = true, auto_request = true");
    bulk_unit(e, 101, 1, "1");
    e.receive(101);
    CPPUNIT_ASSERT_EQUAL(1, e.run().bulk);
    CPPUNIT_ASSERT_EQUAL(
        std::string("bulk|hknid 1"),
        e.q("SELECT source || '|' || note FROM onshi_auto_check WHERE ptid = 101"));
    CPPUNIT_ASSERT_EQUAL(e.today, e.q("SELECT kakuninymd FROM tbl_pthkninf WHERE hospnum = 1 "
                                      "AND ptid = 101 AND hknid = 1"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.jobs(101));
  }

  void testInvalidBulkResultIsAskedAgain() {
    Env e;
    e.set("auto_bulk = true, auto_request = true");
    bulk_unit(e, 101, 1, "2");  // not valid
    e.receive(101);
    CPPUNIT_ASSERT_EQUAL(1, e.run().requests);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.jobs(101));
    // A valid result for another card than the one registered now (a card changed since the
    // evening) is not applied either; with the request switch off nothing is recorded.
    e.set("auto_request = false");
    bulk_unit(e, 102, 0, "1", "01", "06139999", "9999", "00000");
    e.receive(102);
    const exchange::AutoCheckPass p = e.run();
    CPPUNIT_ASSERT_EQUAL(0, p.total());
    CPPUNIT_ASSERT_EQUAL(std::string(""), e.source(102));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.jobs(102));
  }

  void testPublicAssistanceOnly() {
    Env e;
    e.set("auto_request = true");
    e.receive(106);  // covered by public assistance only (kohnum 012)
    CPPUNIT_ASSERT_EQUAL(1, e.run().requests);
    CPPUNIT_ASSERT_EQUAL(std::string("|12139999"),
                         e.q("SELECT coalesce(hknid::text, '') || '|' || "
                             "(payload->>'insurer_number') FROM onshi_job WHERE ptid = 106"));
  }

  void testTestPatientIsRefused() {
    Env e;
    e.set("auto_request = true");
    e.conn->exec("UPDATE tbl_ptinf SET tstptnumkbn = '1' WHERE hospnum = 1 AND ptid = 105");
    e.receive(105);
    CPPUNIT_ASSERT_EQUAL(1, e.run().refused);
    CPPUNIT_ASSERT_EQUAL(std::string("refused"), e.source(105));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.jobs(105));
  }

  void testOtherDaysAndUnchangedUpdatesAreIgnored() {
    Env e;
    e.set("auto_request = true");
    e.receive(101, "20200101");  // far from the server's date: not queued
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.waiting());
    const int ukeid = e.receive(102);
    e.run();
    // Accounting updates the row (kaikeitime): not a new reception.
    e.conn->exec("UPDATE tbl_uketuke SET kaikeitime = 1030 WHERE hospnum = 1 AND ukeid = $1",
                 {ukeid});
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.waiting());
    // The reception moved to another patient: that one is queued.
    e.conn->exec("UPDATE tbl_uketuke SET ptid = 101 WHERE hospnum = 1 AND ukeid = $1", {ukeid});
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.waiting());
    e.run();
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.jobs(101));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.jobs(102));
  }

  void testTriggerFailureNeverBreaksTheReception() {
    Env e;
    e.set("auto_request = true");
    // Our queue table unusable: ORCA's reception is saved all the same.
    e.conn->exec("ALTER TABLE onshi_reception_event RENAME TO onshi_reception_event_away");
    e.receive(101);
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         e.q("SELECT count(*) FROM tbl_uketuke WHERE ukeid > 0 AND ptid = 101 "
                             "AND ukeymd = '" +
                             e.today + "'"));
    e.conn->exec("ALTER TABLE onshi_reception_event_away RENAME TO onshi_reception_event");
    // A constraint of ours failing inside the trigger: the same.
    e.conn->exec(
        "ALTER TABLE onshi_reception_event ADD CONSTRAINT away CHECK (ptid < 0) NOT VALID");
    e.receive(102);
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         e.q("SELECT count(*) FROM tbl_uketuke WHERE ukeid > 0 AND ptid = 102 "
                             "AND ukeymd = '" +
                             e.today + "'"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.waiting());
    e.conn->exec("ALTER TABLE onshi_reception_event DROP CONSTRAINT away");
    // The engine's own look finds both.
    long long after = 0;
    CPPUNIT_ASSERT_EQUAL(2, exchange::scan_receptions(*e.conn, e.facility, after));
    CPPUNIT_ASSERT_EQUAL(2, e.run().requests);
  }

  void testRemoveInstallAndTheEnginesOwnLook() {
    Env e;
    e.set("auto_request = true");
    CPPUNIT_ASSERT(store::remove_reception_trigger(*e.conn));
    CPPUNIT_ASSERT(!store::remove_reception_trigger(*e.conn));
    CPPUNIT_ASSERT(!store::reception_trigger_installed(*e.conn));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         e.q("SELECT count(*) FROM pg_trigger g JOIN pg_class t ON t.oid = "
                             "g.tgrelid WHERE t.relname = 'tbl_uketuke' AND NOT g.tgisinternal"));
    e.receive(101);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.waiting());
    long long after = 0;
    CPPUNIT_ASSERT_EQUAL(1, exchange::scan_receptions(*e.conn, e.facility, after));
    CPPUNIT_ASSERT_EQUAL(0, exchange::scan_receptions(*e.conn, e.facility, after));
    CPPUNIT_ASSERT_EQUAL(1, e.run().requests);
    CPPUNIT_ASSERT(store::install_reception_trigger(*e.conn));
    CPPUNIT_ASSERT(!store::install_reception_trigger(*e.conn));
    CPPUNIT_ASSERT(store::reception_trigger_installed(*e.conn));
    e.receive(102);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.waiting());
  }

  /// ORCA's update scripts copy tbl_uketuke aside, drop it and re-create it (spec/orca52-host.md
  /// 5a): the drop works (only the trigger goes with the table), receptions go on, and the
  /// trigger can be installed again.
  void testOrcaRecreatesTheTable() {
    Env e;
    e.set("auto_request = true");
    e.conn->exec("SELECT * INTO tbl_uketukewk FROM tbl_uketuke");
    e.conn->exec("DROP TABLE tbl_uketuke");
    e.conn->exec("ALTER TABLE tbl_uketukewk RENAME TO tbl_uketuke");
    e.conn->exec(
        "ALTER TABLE tbl_uketuke ADD CONSTRAINT tbl_uketuke_primary_key "
        "PRIMARY KEY (hospnum, ukeymd, ukeid)");
    CPPUNIT_ASSERT(!store::reception_trigger_installed(*e.conn));
    e.receive(101);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), e.waiting());
    CPPUNIT_ASSERT(store::install_reception_trigger(*e.conn));
    e.receive(102);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), e.waiting());
  }

  /// onshi-admin enable --auto-..., status, autocheck trigger install|remove|status.
  void testAdminCommands() {
    Env e;
    auto run = [&](auto command, std::vector<std::string> args, std::string& out) {
      args.push_back("-d");
      args.push_back(e.tdb.conninfo());
      std::ostringstream o, err;
      const int status = command(args, o, err);
      out = o.str() + err.str();
      return status;
    };
    std::string out;
    CPPUNIT_ASSERT_EQUAL(
        admin::kExitUsage,
        run(admin::run_enable, {"--hospnum", "1", "--auto-face-minutes", "0"}, out));
    CPPUNIT_ASSERT_EQUAL(admin::kExitUsage,
                         run(admin::run_enable, {"--hospnum", "1", "--auto-bulk", "maybe"}, out));
    CPPUNIT_ASSERT_EQUAL(0, run(admin::run_enable,
                                {"--hospnum", "1", "--auto-face", "yes", "--auto-request", "yes",
                                 "--auto-face-minutes", "7"},
                                out));
    const store::AutoCheckSettings a = store::auto_check_settings(*e.conn, 1);
    CPPUNIT_ASSERT(a.face && !a.bulk && a.request);
    CPPUNIT_ASSERT_EQUAL(7, a.face_minutes);
    // Another setting changed later keeps the switches.
    CPPUNIT_ASSERT_EQUAL(0, run(admin::run_enable, {"--hospnum", "1", "--poll-ms", "500"}, out));
    CPPUNIT_ASSERT(store::auto_check_settings(*e.conn, 1).request);
    e.receive(101);
    e.q("UPDATE onshi_reception_event SET created_at = now() - interval '3 seconds' RETURNING 1");
    e.run();  // past the grace for a card check-in: asked by number
    CPPUNIT_ASSERT_EQUAL(0, run(admin::run_status, {"--hospnum", "1"}, out));
    CPPUNIT_ASSERT_MESSAGE(out, out.find("trigger on tbl_uketuke installed") != std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(out, out.find("card check-in used (last 7 min)") != std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(
        out, out.find("request 1, refused 0; receptions waiting: 0") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(0, run(admin::run_autocheck, {"trigger", "remove"}, out));
    CPPUNIT_ASSERT(!store::reception_trigger_installed(*e.conn));
    CPPUNIT_ASSERT_EQUAL(0, run(admin::run_autocheck, {"trigger", "status"}, out));
    CPPUNIT_ASSERT_MESSAGE(out, out.find("MISSING") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(0, run(admin::run_autocheck, {"trigger", "install"}, out));
    CPPUNIT_ASSERT(store::reception_trigger_installed(*e.conn));
    CPPUNIT_ASSERT_EQUAL(admin::kExitUsage, run(admin::run_autocheck, {"trigger", "drop"}, out));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AutoCheckTest);

}  // namespace onshi::test
