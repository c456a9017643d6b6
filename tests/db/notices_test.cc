// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Notices for the front desk (store/notices.h) against a real server: the importer writes one per
// result that needs staff and per refused file, none for a plain valid result; acknowledgement
// per workstation (another still sees it), audited; a waiting connection is woken by a notice
// another connection commits, never before the commit.
#include "store/notices.h"

#include <cppunit/extensions/HelperMacros.h>

#include <cstdio>

#include "db/connection.h"
#include "db/facility.h"
#include "db/notifications.h"
#include "db/pg_test_support.h"
#include "db/transaction.h"
#include "exchange/importer.h"
#include "exchange/share.h"
#include "model/messages.h"
#include "support/fixtures.h"
#include "xml/reader.h"
#include "xml/writer.h"

namespace onshi::test {

using exchange::Folder;
using exchange::ImportState;

namespace {

const char* const kFace101 =
    "face/OQSsiquc01res_face_131234567858c208ba06ff3c483df0_20250612091503.xml";
const char* const kResTwins = "res/OQSsiquc01res_202506120005.xml";
const char* const kBad = "OQSsiquc01res_face_1312345678bad00000000000000003_20250612130003.xml";

/// A migrated, seeded database with facility 1 enabled on a temporary share.
struct Env {
  TestDatabase tdb{HostSchema::migrated};
  std::unique_ptr<db::Connection> conn = tdb.connect();
  TempDir share_dir, host_dir;
  exchange::ShareLayout share{share_dir.path()};
  db::FacilitySettings facility;
  exchange::ImportOptions options;

  Env() {
    for (const std::string& d : {share.req(), share.res(), share.face()})
      exchange::ensure_directory(d);
    facility.hospnum = 1;
    facility.institution_code = "1312345678";
    facility.share_dir = share.root;
    db::enable_facility(*conn, facility, "test");
    facility = db::load_enabled_facility(*conn, 1);
    options.quarantine_dir = host_dir.path() + "/quarantine";
    options.not_ready_grace = std::chrono::milliseconds(0);
  }

  std::string put(Folder f, const std::string& name, const std::string& bytes) {
    const std::string path = (f == Folder::face ? share.face() : share.res()) + "/" + name;
    FILE* out = std::fopen(path.c_str(), "wb");
    std::fwrite(bytes.data(), 1, bytes.size(), out);
    std::fclose(out);
    return path;
  }

  /// Imports a card check-in built from the 101 fixture, changed by `change`.
  template <class Change>
  exchange::ImportOutcome face(const std::string& id, Change change) {
    model::Document d = xml::read_file(fixtures_dir() + "/" + kFace101);
    change(d.as<model::QualificationResultBody>());
    const std::string name = "OQSsiquc01res_face_1312345678" + id + "_20250612130000.xml";
    return exchange::import_file(
        *conn, facility, put(Folder::face, name, xml::write_document(d, model::Encoding::utf8)),
        Folder::face, options);
  }

  std::string q(const std::string& sql) { return scalar(*conn, sql); }
  /// "kind:confirmations-with-that-notice" for every notice, by id.
  std::string kinds() {
    return q("SELECT coalesce(string_agg(kind, ',' ORDER BY notice_id), '') FROM onshi_notice");
  }
};

store::NewNotice notice(int hospnum, const std::string& kind) {
  store::NewNotice n;
  n.hospnum = hospnum;
  n.kind = kind;
  n.detail = "2026-12-03 09:00:00";
  return n;
}

}  // namespace

class NoticesTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(NoticesTest);
  CPPUNIT_TEST(testRuleOfResults);
  CPPUNIT_TEST(testValidResultRaisesNone);
  CPPUNIT_TEST(testNoPatientCandidatesInvalidOnceEach);
  CPPUNIT_TEST(testDifferencesOnce);
  CPPUNIT_TEST(testRefusedFileOnce);
  CPPUNIT_TEST(testAcknowledgedPerWorkstation);
  CPPUNIT_TEST(testWaitWokenByAnotherConnectionsCommit);
  CPPUNIT_TEST(testAdministratorsList);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testRuleOfResults() {
    using store::result_notice_kind;
    CPPUNIT_ASSERT_EQUAL(std::string(), result_notice_kind("1", "1", "linked", "", false, false));
    CPPUNIT_ASSERT_EQUAL(std::string(), result_notice_kind("1", "6", "linked", "", false, false));
    CPPUNIT_ASSERT_EQUAL(std::string("invalid"),
                         result_notice_kind("2", "", "not_applicable", "", false, false));
    CPPUNIT_ASSERT_EQUAL(std::string("invalid"),
                         result_notice_kind("1", "3", "linked", "", false, false));
    CPPUNIT_ASSERT_EQUAL(std::string("no_patient"),
                         result_notice_kind("1", "1", "no_patient", "", false, false));
    // A new patient's own registration check: nothing when valid, invalid otherwise.
    CPPUNIT_ASSERT_EQUAL(std::string(),
                         result_notice_kind("1", "1", "no_patient", "", false, true));
    CPPUNIT_ASSERT_EQUAL(std::string("invalid"),
                         result_notice_kind("1", "2", "no_patient", "", false, true));
    CPPUNIT_ASSERT_EQUAL(std::string("candidates"),
                         result_notice_kind("1", "1", "candidates", "", false, false));
    CPPUNIT_ASSERT_EQUAL(std::string("candidates"),
                         result_notice_kind("1", "1", "conflict", "", false, false));
    CPPUNIT_ASSERT_EQUAL(std::string(),
                         result_notice_kind("1", "1", "test_patient", "", false, false));
    CPPUNIT_ASSERT_EQUAL(std::string("differences"),
                         result_notice_kind("1", "1", "linked", "", true, false));
    CPPUNIT_ASSERT_EQUAL(std::string("differences"),
                         result_notice_kind("1", "1", "linked", "suspect", false, false));
  }

  void testValidResultRaisesNone() {
    Env env;
    exchange::ImportOutcome o = env.face("00000000000000000001", [](auto&) {});
    CPPUNIT_ASSERT(o.state == ImportState::imported && o.linked == 1);
    CPPUNIT_ASSERT_EQUAL(std::string(""), env.kinds());
  }

  void testNoPatientCandidatesInvalidOnceEach() {
    Env env;
    // A person the clinic does not know.
    env.face("00000000000000000002", [](model::QualificationResultBody& b) {
      auto& r = b.Results.at(0);
      r.InsuredIdentificationNumber = "424242";
      r.Name = "初診　花子";
      r.NameKana = "ｼｮｼﾝ ﾊﾅｺ";
      r.Sex1 = "2";
      r.Birthdate = "19990909";
    });
    CPPUNIT_ASSERT_EQUAL(std::string("no_patient"), env.kinds());
    CPPUNIT_ASSERT_EQUAL(
        std::string("初診　花子|true"),
        env.q("SELECT subject || '|' || (confirmation_id = (SELECT "
              "confirmation_id FROM onshi_confirmation))::text FROM onshi_notice"));
    // Twins without branch numbers: two results, each waits with candidates, one notice each.
    env.conn->exec(
        "INSERT INTO onshi_request_name (hospnum, name) VALUES (1, "
        "'OQSsiquc01req_202506120005.xml')");
    const std::string twins = std::string(kResTwins).substr(4);
    env.put(Folder::res, twins, read_all(fixtures_dir() + "/" + kResTwins));
    exchange::import_file(*env.conn, env.facility, env.share.res() + "/" + twins, Folder::res,
                          env.options);
    CPPUNIT_ASSERT_EQUAL(std::string("no_patient,candidates,candidates"), env.kinds());
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        env.q("SELECT count(*) FROM onshi_confirmation c WHERE link_state = 'candidates' AND "
              "(SELECT count(*) FROM onshi_notice n WHERE n.confirmation_id = c.confirmation_id) "
              "<> 1"));
    // Insurance no longer valid.
    env.face("00000000000000000003",
             [](model::QualificationResultBody& b) { b.QualificationValidity = "2"; });
    CPPUNIT_ASSERT_EQUAL(std::string("no_patient,candidates,candidates,invalid"), env.kinds());
    CPPUNIT_ASSERT_EQUAL(std::string("2"),
                         env.q("SELECT detail FROM onshi_notice WHERE kind = 'invalid'"));
    // Every insert was one notification on the facility's channel; committed (autocommit).
    CPPUNIT_ASSERT_EQUAL(std::string("4"), env.q("SELECT count(*) FROM onshi_notice "
                                                 "WHERE hospnum = 1 AND created_at <= now()"));
  }

  void testDifferencesOnce() {
    Env env;
    // The card's kana differs from the registration: linked by the card, staff must look.
    env.face("00000000000000000004",
             [](model::QualificationResultBody& b) { b.Results.at(0).NameKana = "ﾍﾞﾂﾒｲ ﾀﾛｳ"; });
    CPPUNIT_ASSERT_EQUAL(std::string("linked"), env.q("SELECT link_state FROM onshi_confirmation"));
    CPPUNIT_ASSERT_EQUAL(std::string("differences"), env.kinds());
    CPPUNIT_ASSERT_EQUAL(std::string("101"), env.q("SELECT ptid FROM onshi_notice"));
  }

  void testRefusedFileOnce() {
    Env env;
    const std::string path = env.put(Folder::face, kBad, read_all(fixtures_dir() + "/bad/" + kBad));
    exchange::ImportOutcome o =
        exchange::import_file(*env.conn, env.facility, path, Folder::face, env.options);
    CPPUNIT_ASSERT(o.state == ImportState::refused);
    CPPUNIT_ASSERT_EQUAL(std::string("refused_file"), env.kinds());
    CPPUNIT_ASSERT_EQUAL(std::string(kBad) + "|forbidden|true",
                         env.q("SELECT subject || '|' || detail || '|' || (file_id = " +
                               std::to_string(o.file_id) + ")::text FROM onshi_notice"));
    // Delivered again: a duplicate, no second notice.
    const std::string again = env.put(Folder::face, kBad, read_all(o.moved_to));
    CPPUNIT_ASSERT(
        exchange::import_file(*env.conn, env.facility, again, Folder::face, env.options).state ==
        ImportState::duplicate);
    CPPUNIT_ASSERT_EQUAL(std::string("refused_file"), env.kinds());
  }

  void testAcknowledgedPerWorkstation() {
    Env env;
    db::Connection& c = *env.conn;
    const long long a = *store::add_notice(c, notice(1, "terminal_silent"));
    const long long b = *store::add_notice(c, notice(1, "terminal_answers"));
    const long long elsewhere = *store::add_notice(c, notice(2, "terminal_silent"));
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), store::pending_notices(c, 1, "desk1", 0, 10).size());
    CPPUNIT_ASSERT(store::acknowledge_notice(c, 1, a, "desk1", "clerk1") ==
                   store::AckOutcome::acknowledged);
    CPPUNIT_ASSERT(store::acknowledge_notice(c, 1, a, "desk1", "clerk2") ==
                   store::AckOutcome::already);
    // Another facility's notice is unknown here; so is an id that does not exist.
    CPPUNIT_ASSERT(store::acknowledge_notice(c, 1, elsewhere, "desk1", "clerk1") ==
                   store::AckOutcome::unknown);
    CPPUNIT_ASSERT(store::acknowledge_notice(c, 1, b + 1000, "desk1", "clerk1") ==
                   store::AckOutcome::unknown);
    std::vector<store::Notice> desk1 = store::pending_notices(c, 1, "desk1", 0, 10);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), desk1.size());
    CPPUNIT_ASSERT_EQUAL(b, desk1[0].notice_id);
    // The second workstation still sees both, oldest first; after_id skips what it has shown.
    std::vector<store::Notice> desk2 = store::pending_notices(c, 1, "desk2", 0, 10);
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), desk2.size());
    CPPUNIT_ASSERT_EQUAL(a, desk2[0].notice_id);
    CPPUNIT_ASSERT_EQUAL(1, desk2[0].acks);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), store::pending_notices(c, 1, "desk2", a, 10).size());
    // Audited once, with the staff member and the workstation.
    CPPUNIT_ASSERT_EQUAL(std::string("1|clerk1|true"),
                         env.q("SELECT count(*) || '|' || min(userid) || '|' || "
                               "bool_and(detail LIKE '%desk1%')::text FROM onshi_audit "
                               "WHERE info_kind = 'notice' AND action = 'view'"));
    CPPUNIT_ASSERT_EQUAL(std::string("clerk1"),
                         env.q("SELECT staff FROM onshi_notice_ack WHERE workstation = 'desk1'"));
  }

  void testWaitWokenByAnotherConnectionsCommit() {
    Env env;
    auto listener = env.tdb.connect();
    db::listen(*listener, store::kNoticeChannel);
    {
      db::Transaction tx(*env.conn);
      CPPUNIT_ASSERT(store::add_notice(*env.conn, notice(1, "terminal_silent")));
      // Not before the commit (nothing was delivered: no wait needed to see it).
      CPPUNIT_ASSERT(db::take_notifications(*listener).empty());
      CPPUNIT_ASSERT(db::wait_notifications(*listener, 0).empty());
      tx.commit();
    }
    // The bound is a ceiling only: the wait returns when the notification arrives.
    std::vector<db::Notification> got = db::wait_notifications(*listener, 30000);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), got.size());
    CPPUNIT_ASSERT_EQUAL(std::string("onshi_notice"), got[0].channel);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), got[0].payload);
    // A rolled-back notice is neither stored nor notified.
    {
      db::Transaction tx(*env.conn);
      store::add_notice(*env.conn, notice(1, "terminal_answers"));
      tx.rollback();
    }
    CPPUNIT_ASSERT(db::wait_notifications(*listener, 0).empty());
    CPPUNIT_ASSERT_EQUAL(std::string("1"), env.q("SELECT count(*) FROM onshi_notice"));
  }

  void testAdministratorsList() {
    Env env;
    db::Connection& c = *env.conn;
    const long long a = *store::add_notice(c, notice(1, "terminal_silent"));
    store::add_notice(c, notice(1, "terminal_answers"));
    store::acknowledge_notice(c, 1, a, "desk1", "clerk1");
    std::vector<store::Notice> all = store::list_notices(c, std::nullopt, false, 50);
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), all.size());
    CPPUNIT_ASSERT_EQUAL(std::string("terminal_answers"), all[0].kind);  // newest first
    std::vector<store::Notice> pending = store::list_notices(c, 1, true, 50);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), pending.size());
    CPPUNIT_ASSERT_EQUAL(std::string("terminal_answers"), pending[0].kind);
    CPPUNIT_ASSERT(store::list_notices(c, 2, false, 50).empty());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(NoticesTest);

}  // namespace onshi::test
