// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The importer against a real PostgreSQL with the reference host and real files in real folders.
#include "exchange/importer.h"

#include <cppunit/extensions/HelperMacros.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <thread>

#include "common/clock.h"
#include "common/error.h"
#include "common/sha256.h"
#include "daemon/import_pool.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/facility.h"
#include "db/pg_test_support.h"
#include "db/transaction.h"
#include "exchange/share.h"
#include "store/purge.h"
#include "store/received_files.h"
#include "store/statistics.h"
#include "support/fixtures.h"
#include "text/utf8.h"
#include "xml/reader.h"
#include "xml/writer.h"

namespace onshi::test {

using exchange::Folder;
using exchange::ImportState;

namespace {

const char* const kFace101 =
    "face/OQSsiquc01res_face_131234567858c208ba06ff3c483df0_20250612091503.xml";
const char* const kFace101Sjis =
    "face/OQSsiquc01res_face_1312345678ed7fd543724c32604819_20250612091847.xml";
const char* const kFaceMark =
    "face/OQSsiquc01res_face_13123456787971e3b01c61627cb1e2_20250612103507.xml";
const char* const kFacePublic =
    "face/OQSsiquc01res_face_13123456786740a0b567f448981072_20250612111530.xml";
const char* const kResValid = "res/OQSsiquc01res_202506120001.xml";
const char* const kResTwins = "res/OQSsiquc01res_202506120005.xml";
const char* const kResBulk = "res/OQSmuquc02res_202506120011.xml";

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
    options.not_ready_grace = std::chrono::milliseconds(2000);
    // The tests that count transactions give a group all the time it needs (a loaded machine
    // must not split it); the time limit is tested on its own.
    options.group_max_time = std::chrono::seconds(60);
  }

  /// Copies a fixture into the share folder it belongs to; returns the new path. An answer in
  /// res/ is delivered as the answer to a request we wrote (its name recorded as ours).
  std::string deliver(const std::string& fixture, const std::string& as_name = "") {
    std::string name = as_name.empty() ? fixture.substr(fixture.find('/') + 1) : as_name;
    Folder f = fixture.compare(0, 5, "face/") == 0 ? Folder::face : Folder::res;
    if (f == Folder::res) we_asked(name);
    return put(f, name, read_all(fixtures_dir() + "/" + fixture));
  }

  /// Records the request that `result_name` answers as one we wrote (any identifier).
  void we_asked(const std::string& result_name, const std::string& key = "") {
    std::string req = result_name;
    req.replace(req.find("res_"), 4, "req_");
    conn->exec(
        "INSERT INTO onshi_request_name (hospnum, name, correlation_key) "
        "VALUES (1, $1, NULLIF($2, ''))",
        {req, key});
  }

  std::string put(Folder f, const std::string& name, const std::string& bytes) {
    std::string dir = f == Folder::face ? share.face() : share.res();
    std::string path = dir + "/" + name;
    FILE* out = std::fopen(path.c_str(), "wb");
    std::fwrite(bytes.data(), 1, bytes.size(), out);
    std::fclose(out);
    return path;
  }

  exchange::ImportOutcome import(const std::string& path) {
    Folder f = path.find("/face/") != std::string::npos ? Folder::face : Folder::res;
    return exchange::import_file(*conn, facility, path, f, options);
  }

  std::string q(const std::string& sql) { return scalar(*conn, sql); }
};

bool exists(const std::string& path) {
  return ::access(path.c_str(), F_OK) == 0;
}

std::string hex(const std::string& bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

void age_file(const std::string& path, int seconds) {
  struct utimbuf t;
  t.actime = t.modtime = std::time(nullptr) - seconds;
  ::utime(path.c_str(), &t);
}

/// The files of a group as import_files() takes them.
std::vector<exchange::FileToImport> group_of(const Env& env,
                                             const std::vector<std::string>& paths) {
  std::vector<exchange::FileToImport> files(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    files[i].facility = &env.facility;
    files[i].path = paths[i];
    files[i].folder = paths[i].find("/face/") != std::string::npos ? Folder::face : Folder::res;
  }
  return files;
}

/// Copies of the card check-in fixture under `n` distinct names (each its own content).
std::vector<std::string> distinct_check_ins(Env& env, int n) {
  std::vector<std::string> paths;
  const std::string bytes = read_all(fixtures_dir() + "/" + kFace101);
  const std::string name = std::string(kFace101).substr(5);
  for (int i = 0; i < n; ++i) {
    std::string nm = name;
    nm.replace(nm.size() - 6, 2, std::to_string(10 + i));
    // A comment makes the content differ (identical check-ins are one event).
    paths.push_back(env.put(Folder::face, nm, bytes + "<!-- " + std::to_string(i) + " -->\n"));
  }
  return paths;
}

/// The SQLSTATE of a file's error ("" when it has none or it is not a database error).
std::string sqlstate_of(const exchange::FileToImport& f) {
  if (!f.error) return "";
  try {
    std::rethrow_exception(f.error);
  } catch (const db::DbError& e) {
    return e.sqlstate().empty() ? "client" : e.sqlstate();
  } catch (...) {
    return "other";
  }
}

}  // namespace

class ImporterTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ImporterTest);
  CPPUNIT_TEST(testCardCheckInLinksAndUpdatesHost);
  CPPUNIT_TEST(testSameFileTwiceIsImportedOnce);
  CPPUNIT_TEST(testSameContentUnderTwoNamesIsImportedOnce);
  CPPUNIT_TEST(testShiftJisCardResultLinksTheSame);
  CPPUNIT_TEST(testUnrepresentableNameNeverOverwritesTheHost);
  CPPUNIT_TEST(testNameTheHostEncodingCannotHold);
  CPPUNIT_TEST(testDependentOnTheInsuredPersonsCardChangesNothing);
  CPPUNIT_TEST(testUnknownPersonGetsANewPatientProposal);
  CPPUNIT_TEST(testTwinsWaitForStaff);
  CPPUNIT_TEST(testPublicAssistanceLinksThroughPublicExpense);
  CPPUNIT_TEST(testAnswerToOurRequestMarksTheJob);
  CPPUNIT_TEST(testBulkFinalResultOneRowPerUnit);
  CPPUNIT_TEST(testRefusedFileIsQuarantinedAndRecorded);
  CPPUNIT_TEST(testReaderEdgesAreQuarantined);
  CPPUNIT_TEST(testAnotherInstitutionIsRefused);
  CPPUNIT_TEST(testPredecessorsResultsAreAccepted);
  CPPUNIT_TEST(testOtherProgramsFilesAreLeftAlone);
  CPPUNIT_TEST(testFaceFilesLeftForAnotherProgram);
  CPPUNIT_TEST(testNotReadyFileIsLeftForLater);
  CPPUNIT_TEST(testMovePolicy);
  CPPUNIT_TEST(testFileReplacedWhileItsImportWaits);
  CPPUNIT_TEST(testCrashAfterCommitOnlyDisposes);
  CPPUNIT_TEST(testDisabledFacilityImportsNothing);
  CPPUNIT_TEST(testImportWorkersRaceForTheSameContent);
  CPPUNIT_TEST(testImportWorkersReportALostServer);
  CPPUNIT_TEST(testPrescriptionFormIsKeptFromBodyOrResult);
  CPPUNIT_TEST(testGroupCommitsTogetherAndAFailingFileAlone);
  CPPUNIT_TEST(testGroupIsBoundedByCountAndTime);
  CPPUNIT_TEST(testLockConflictInAGroupIsRetriedAlone);
  CPPUNIT_TEST(testFailedGroupCommitRetriesEachFileAlone);
  CPPUNIT_TEST(testConnectionLostInAGroupLeavesEveryFile);
  CPPUNIT_TEST(testPoolImportsABacklogInGroups);
  CPPUNIT_TEST(testBacklogKeepsOurTablesPlanned);
  CPPUNIT_TEST(testLargeRawBytesGoInPieces);
  CPPUNIT_TEST_SUITE_END();

 public:
  /// Archived bytes over store::kRawPiece reach the row through a large object, piece by piece:
  /// the row holds every byte (NULs too), and no large object is left, claimed or not.
  void testLargeRawBytesGoInPieces() {
    Env env;
    std::string bytes(2 * store::kRawPiece + 17, '\0');
    unsigned state = 12345;
    for (char& c : bytes) {
      state = state * 1103515245u + 12345u;
      c = static_cast<char>(state >> 24);
    }
    store::ReceivedFile f;
    f.hospnum = 1;
    f.folder = "res";
    f.file_name = "OQSmuquc02res_big.xml";
    f.sha256 = Sha256().update(bytes).digest();
    f.size_bytes = static_cast<long long>(bytes.size());
    f.state = "imported";
    f.raw = std::string_view(bytes);
    std::optional<long long> first, again;
    {
      db::Transaction tx(*env.conn);
      first = store::claim_received_file(*env.conn, f);
      again = store::claim_received_file(*env.conn, f);  // the same name and content: no row
      tx.commit();
    }
    CPPUNIT_ASSERT(first);
    CPPUNIT_ASSERT(!again);
    CPPUNIT_ASSERT_EQUAL(std::to_string(bytes.size()) + "|" + sha256_hex(bytes),
                         env.q("SELECT length(raw) || '|' || encode(sha256(raw), 'hex') "
                               "FROM onshi_received_file WHERE file_id = " +
                               std::to_string(*first)));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), env.q("SELECT count(*) FROM pg_largeobject_metadata"));
    // One piece or less: sent as the statement's parameter, as always.
    f.file_name = "OQSmuquc02res_small.xml";
    f.raw = std::string_view(bytes).substr(0, store::kRawPiece);
    f.sha256 = Sha256().update(*f.raw).digest();
    const std::optional<long long> small = store::claim_received_file(*env.conn, f);
    CPPUNIT_ASSERT(small);
    CPPUNIT_ASSERT_EQUAL(sha256_hex(*f.raw),
                         env.q("SELECT encode(sha256(raw), 'hex') FROM onshi_received_file "
                               "WHERE file_id = " +
                               std::to_string(*small)));
  }

  void testCardCheckInLinksAndUpdatesHost() {
    Env env;
    std::string path = env.deliver(kFace101);
    exchange::ImportOutcome o = env.import(path);
    CPPUNIT_ASSERT_EQUAL(std::string("imported"),
                         std::string(exchange::import_state_name(o.state)));
    CPPUNIT_ASSERT_EQUAL(1, o.confirmations);
    CPPUNIT_ASSERT_EQUAL(1, o.linked);
    CPPUNIT_ASSERT(!exists(path));  // no patient data stays on the terminal
    CPPUNIT_ASSERT_EQUAL(
        std::string("linked|101|insurance|face"),
        env.q("SELECT link_state || '|' || ptid || '|' || linked_by || '|' || source "
              "FROM onshi_confirmation"));
    // Host: last confirmation date, and the empty branch number filled from the card.
    CPPUNIT_ASSERT_EQUAL(std::string("20250612|00"),
                         env.q("SELECT kakuninymd || '|' || edaban FROM tbl_pthkninf "
                               "WHERE hospnum = 1 AND ptid = 101"));
    // The test patient sharing the card is untouched.
    CPPUNIT_ASSERT_EQUAL(std::string(""),
                         env.q("SELECT btrim(kakuninymd) FROM tbl_pthkninf WHERE ptid = 199"));
    // Consents as sent, with their times.
    CPPUNIT_ASSERT_EQUAL(std::string("1|2025-06-13 09:14:50"),
                         env.q("SELECT flag || '|' || available_until FROM onshi_consent "
                               "WHERE consent_type = 'pharmacists' AND ptid = 101"));
    CPPUNIT_ASSERT_EQUAL(std::string("6"), env.q("SELECT count(*) FROM onshi_consent"));
    // The received file with its raw bytes.
    CPPUNIT_ASSERT_EQUAL(std::string("imported|true|true"),
                         env.q("SELECT state || '|' || (raw IS NOT NULL) || '|' || "
                               "(removed_from_share_at IS NOT NULL) FROM onshi_received_file"));
  }

  /// The engine's import workers (daemon/import_pool): several connections at once, every file
  /// its own transaction. The same check-in delivered under many names at once is imported once
  /// however the workers interleave; distinct files are all imported; every file leaves the share
  /// and its removal is recorded (marks written when the pool stops).
  void testImportWorkersRaceForTheSameContent() {
    Env env;
    std::vector<std::string> paths;
    const std::string name = std::string(kFace101).substr(5);
    for (int i = 0; i < 12; ++i) {
      std::string n = name;
      n.replace(n.size() - 6, 2, std::to_string(10 + i));
      paths.push_back(env.deliver(kFace101, n));
    }
    paths.push_back(env.deliver(kFaceMark));
    paths.push_back(env.deliver(kFacePublic));
    paths.push_back(env.deliver(kResValid));
    std::vector<daemon::ImportDone> done;
    {
      daemon::ImportPool pool(env.tdb.conninfo(), 3);
      CPPUNIT_ASSERT_EQUAL(3, pool.workers());
      for (const std::string& p : paths) {
        while (!pool.has_capacity()) {
          pool.wait_idle();
          for (daemon::ImportDone& d : pool.take()) done.push_back(std::move(d));
        }
        Folder f = p.find("/face/") != std::string::npos ? Folder::face : Folder::res;
        pool.submit(daemon::ImportTask{1, f, p, env.facility, env.options});
      }
      pool.wait_idle();
      for (daemon::ImportDone& d : pool.take()) done.push_back(std::move(d));
      CPPUNIT_ASSERT_EQUAL(0, pool.in_flight());
    }
    CPPUNIT_ASSERT_EQUAL(paths.size(), done.size());
    int imported = 0, duplicates = 0;
    for (const daemon::ImportDone& d : done) {
      CPPUNIT_ASSERT_MESSAGE(d.error, d.failure == daemon::ImportDone::Failure::none);
      if (d.outcome.state == ImportState::imported) ++imported;
      if (d.outcome.state == ImportState::duplicate) ++duplicates;
      CPPUNIT_ASSERT_MESSAGE(d.task.path, !exists(d.task.path));
    }
    CPPUNIT_ASSERT_EQUAL(4, imported);  // one of the twelve copies + three other files
    CPPUNIT_ASSERT_EQUAL(11, duplicates);
    CPPUNIT_ASSERT_EQUAL(
        std::string("1"),
        env.q("SELECT count(*) FROM onshi_confirmation c JOIN onshi_received_file f "
              "USING (file_id) WHERE f.file_name LIKE '%58c208ba06ff3c483df0%'"));
    CPPUNIT_ASSERT_EQUAL(std::string("4|4"),
                         env.q("SELECT count(*) || '|' || count(removed_from_share_at) "
                               "FROM onshi_received_file"));
  }

  /// A worker that cannot reach the server says so and leaves the file alone.
  void testImportWorkersReportALostServer() {
    Env env;
    const std::string path = env.deliver(kFace101);
    daemon::ImportPool pool("host=/nonexistent-onshi-socket-dir port=1", 1);
    pool.submit(daemon::ImportTask{1, Folder::face, path, env.facility, env.options});
    pool.wait_idle();
    std::vector<daemon::ImportDone> done = pool.take();
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), done.size());
    CPPUNIT_ASSERT(done[0].failure == daemon::ImportDone::Failure::connection);
    CPPUNIT_ASSERT(exists(path));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), env.q("SELECT count(*) FROM onshi_received_file"));
  }

  /// Several waiting files go into one transaction; a refused file and a duplicate are dealt
  /// with as alone; a file whose statements fail is rolled back alone and stays on the share.
  void testGroupCommitsTogetherAndAFailingFileAlone() {
    Env env;
    const std::string bad = "OQSsiquc01res_face_1312345678bad00000000000000003_20250612130003.xml";
    const std::string failing =
        "OQSsiquc01res_face_1312345678fd987433eae694a74af3_20250612102033.xml";
    std::string copy_name = std::string(kFace101).substr(5);
    copy_name.replace(copy_name.size() - 6, 2, "77");
    std::vector<std::string> paths{
        env.deliver(kFace101),
        env.deliver(kFaceMark),
        env.put(Folder::face, bad, read_all(fixtures_dir() + "/bad/" + bad)),
        env.deliver(std::string("face/") + failing),
        env.deliver(kFace101, copy_name),  // the same content again
        env.deliver(kFacePublic),
        env.deliver(kResValid)};
    env.conn->exec(
        "CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF NEW.file_name = '" +
        failing +
        "' THEN RAISE EXCEPTION 'test: this file fails'; END IF; "
        "RETURN NEW; END $$; "
        "CREATE TRIGGER test_refuse BEFORE INSERT ON onshi_received_file "
        "FOR EACH ROW EXECUTE FUNCTION test_refuse()");
    std::vector<exchange::FileToImport> files = group_of(env, paths);
    exchange::import_files(*env.conn, files, env.options);

    const char* expect[] = {"imported",  "imported", "refused", "error",
                            "duplicate", "imported", "imported"};
    for (std::size_t i = 0; i < files.size(); ++i) {
      const std::string got =
          files[i].error ? "error" : exchange::import_state_name(files[i].outcome.state);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(paths[i], std::string(expect[i]), got);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(paths[i], i == 3, exists(paths[i]));  // only the failed one
      CPPUNIT_ASSERT_EQUAL_MESSAGE(paths[i], i != 3, files[i].grouped);
    }
    CPPUNIT_ASSERT_EQUAL(std::string("P0001"), sqlstate_of(files[3]));
    CPPUNIT_ASSERT_EQUAL(files[0].outcome.file_id, files[4].outcome.file_id);
    CPPUNIT_ASSERT(exists(files[2].outcome.moved_to));  // quarantined after the commit
    // One transaction: the four imported rows share its start time; nothing of the failed file.
    CPPUNIT_ASSERT_EQUAL(std::string("4|1|5"),
                         env.q("SELECT count(*) FILTER (WHERE state = 'imported') || '|' || "
                               "count(DISTINCT imported_at) || '|' || count(removed_from_share_at) "
                               "FROM onshi_received_file"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("0"),
        env.q("SELECT count(*) FROM onshi_received_file WHERE file_name = '" + failing + "'"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("1"),
        env.q("SELECT count(*) FROM onshi_confirmation c JOIN onshi_received_file f "
              "USING (file_id) WHERE f.file_name LIKE '%58c208ba06ff3c483df0%'"));
    // The failure gone, the file left behind goes in on its own, once.
    env.conn->exec("DROP TRIGGER test_refuse ON onshi_received_file");
    CPPUNIT_ASSERT(env.import(paths[3]).state == ImportState::imported);
    CPPUNIT_ASSERT(!exists(paths[3]));
  }

  /// A group holds at most group_max_files files, takes no further file once it has been open
  /// group_max_time or its files hold group_max_bytes; every file is imported all the same.
  void testGroupIsBoundedByCountAndTime() {
    Env env;
    env.options.group_max_files = 2;
    std::vector<exchange::FileToImport> files = group_of(env, distinct_check_ins(env, 5));
    exchange::import_files(*env.conn, files, env.options);
    for (const exchange::FileToImport& f : files) {
      CPPUNIT_ASSERT_MESSAGE(f.path, !f.error);
      CPPUNIT_ASSERT(f.outcome.state == ImportState::imported);
    }
    CPPUNIT_ASSERT(files[0].grouped && files[3].grouped && !files[4].grouped);
    CPPUNIT_ASSERT_EQUAL(std::string("5|3"), env.q("SELECT count(*) || '|' || count(DISTINCT "
                                                   "imported_at) FROM onshi_received_file"));

    Env timed;
    timed.options.group_max_time = std::chrono::milliseconds(0);  // one file per transaction
    files = group_of(timed, distinct_check_ins(timed, 4));
    exchange::import_files(*timed.conn, files, timed.options);
    for (const exchange::FileToImport& f : files) {
      CPPUNIT_ASSERT_MESSAGE(f.path, !f.error && !f.grouped);
      CPPUNIT_ASSERT(f.outcome.state == ImportState::imported && !exists(f.path));
    }
    CPPUNIT_ASSERT_EQUAL(std::string("4|4"), timed.q("SELECT count(*) || '|' || count(DISTINCT "
                                                     "imported_at) FROM onshi_received_file"));

    Env big;  // each file alone reaches the byte limit: no file is read after it for its group
    big.options.group_max_bytes = 1;
    files = group_of(big, distinct_check_ins(big, 3));
    exchange::import_files(*big.conn, files, big.options);
    for (const exchange::FileToImport& f : files)
      CPPUNIT_ASSERT(!f.error && !f.grouped && f.outcome.state == ImportState::imported);
    CPPUNIT_ASSERT_EQUAL(std::string("3|3"), big.q("SELECT count(*) || '|' || count(DISTINCT "
                                                   "imported_at) FROM onshi_received_file"));
  }

  /// A deadlock or serialization failure of one file inside a group (another transaction held
  /// what it needed) does not fail the file: it is imported again on its own after the commit.
  void testLockConflictInAGroupIsRetriedAlone() {
    Env env;
    std::vector<std::string> paths = distinct_check_ins(env, 3);
    const std::string victim = paths[1].substr(paths[1].rfind('/') + 1);
    // nextval() is not undone by a rollback: only the first attempt fails.
    env.conn->exec(
        "CREATE SEQUENCE test_attempt; "
        "CREATE FUNCTION test_conflict() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF NEW.file_name = '" +
        victim +
        "' AND nextval('test_attempt') = 1 THEN "
        "RAISE EXCEPTION 'test: deadlock' USING ERRCODE = '40P01'; END IF; "
        "RETURN NEW; END $$; "
        "CREATE TRIGGER test_conflict BEFORE INSERT ON onshi_received_file "
        "FOR EACH ROW EXECUTE FUNCTION test_conflict()");
    std::vector<exchange::FileToImport> files = group_of(env, paths);
    exchange::import_files(*env.conn, files, env.options);
    for (const exchange::FileToImport& f : files) {
      CPPUNIT_ASSERT_MESSAGE(f.path, !f.error);
      CPPUNIT_ASSERT(f.outcome.state == ImportState::imported && !exists(f.path));
    }
    CPPUNIT_ASSERT(files[0].grouped && !files[1].grouped && files[2].grouped);
    CPPUNIT_ASSERT_EQUAL(std::string("2"), env.q("SELECT last_value FROM test_attempt"));
    CPPUNIT_ASSERT_EQUAL(std::string("3|2"), env.q("SELECT count(*) || '|' || count(DISTINCT "
                                                   "imported_at) FROM onshi_received_file"));
  }

  /// When the group's COMMIT fails (here a deferred check of one file), every file is imported
  /// again in a transaction of its own: the others commit, the one at fault stays on the share.
  void testFailedGroupCommitRetriesEachFileAlone() {
    Env env;
    std::vector<std::string> paths = distinct_check_ins(env, 3);
    const std::string victim = paths[2].substr(paths[2].rfind('/') + 1);
    env.conn->exec(
        "CREATE FUNCTION test_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF NEW.file_name = '" +
        victim +
        "' THEN RAISE EXCEPTION 'test: refused at commit' "
        "USING ERRCODE = '23514'; END IF; RETURN NULL; END $$; "
        "CREATE CONSTRAINT TRIGGER test_at_commit AFTER INSERT ON onshi_received_file "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_at_commit()");
    std::vector<exchange::FileToImport> files = group_of(env, paths);
    exchange::import_files(*env.conn, files, env.options);
    CPPUNIT_ASSERT(!files[0].error && files[0].outcome.state == ImportState::imported);
    CPPUNIT_ASSERT(!files[1].error && files[1].outcome.state == ImportState::imported);
    CPPUNIT_ASSERT(!files[0].grouped && !files[1].grouped);
    CPPUNIT_ASSERT_EQUAL(std::string("23514"), sqlstate_of(files[2]));
    CPPUNIT_ASSERT(!exists(paths[0]) && !exists(paths[1]) && exists(paths[2]));
    CPPUNIT_ASSERT_EQUAL(std::string("2|2"), env.q("SELECT count(*) || '|' || count(DISTINCT "
                                                   "imported_at) FROM onshi_received_file"));
  }

  /// The server goes away in the middle of a group: no file of it is committed, every file not
  /// yet committed reports the lost connection and stays; a re-run imports each once.
  void testConnectionLostInAGroupLeavesEveryFile() {
    Env env;
    env.options.group_max_files = 2;
    std::vector<std::string> paths = distinct_check_ins(env, 5);
    const std::string victim = paths[3].substr(paths[3].rfind('/') + 1);
    env.conn->exec(
        "CREATE FUNCTION test_lose() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF NEW.file_name = '" +
        victim +
        "' THEN PERFORM pg_terminate_backend(pg_backend_pid()); "
        "END IF; RETURN NEW; END $$; "
        "CREATE TRIGGER test_lose BEFORE INSERT ON onshi_received_file "
        "FOR EACH ROW EXECUTE FUNCTION test_lose()");
    std::unique_ptr<db::Connection> worker = env.tdb.connect();
    std::vector<exchange::FileToImport> files = group_of(env, paths);
    exchange::import_files(*worker, files, env.options);
    // Files 0 and 1 were committed in the first group; 2 and 3 were in the lost one; 4 never
    // started.
    CPPUNIT_ASSERT(!files[0].error && !files[1].error);
    CPPUNIT_ASSERT(!exists(paths[0]) && !exists(paths[1]));
    for (std::size_t i = 2; i < 5; ++i) {
      CPPUNIT_ASSERT_MESSAGE(paths[i], files[i].error);
      try {
        std::rethrow_exception(files[i].error);
      } catch (const db::DbError& e) {
        CPPUNIT_ASSERT_MESSAGE(e.what(), db::connection_broken(e, worker.get()));
      }
      CPPUNIT_ASSERT(exists(paths[i]));
    }
    CPPUNIT_ASSERT_EQUAL(std::string("2"), env.q("SELECT count(*) FROM onshi_received_file"));
    env.conn->exec("DROP TRIGGER test_lose ON onshi_received_file");
    std::vector<exchange::FileToImport> again = group_of(env, paths);
    exchange::import_files(*env.conn, again, env.options);
    CPPUNIT_ASSERT_EQUAL(std::string("gone"), again[0].outcome.reason);  // taken before
    for (std::size_t i = 2; i < 5; ++i)
      CPPUNIT_ASSERT(!again[i].error && again[i].outcome.state == ImportState::imported);
    CPPUNIT_ASSERT_EQUAL(std::string("5"), env.q("SELECT count(*) FROM onshi_received_file"));
  }

  /// The pool hands every waiting file to a worker as one group.
  /// Seq scans of `table` counted by the server so far (this session's included).
  static long long seq_scans(Env& env, const std::string& table) {
    env.conn->exec("SELECT pg_stat_force_next_flush()");  // at the end of this statement
    env.conn->exec("SELECT pg_stat_clear_snapshot()");
    return std::stoll(
        env.q("SELECT seq_scan FROM pg_stat_user_tables WHERE relname = '" + table + "'"));
  }

  void testBacklogKeepsOurTablesPlanned() {
    // Our tables analysed while empty (a `vacuumdb --analyze` after installing): plans cached
    // then (the foreign-key checks of the consents on the confirmation, of the confirmation on
    // its file) read the whole table for every file of a backlog until autovacuum's next look.
    // The importer analyses the tables that outgrew their statistics after a group.
    Env env;
    env.conn->exec("ANALYZE");
    const std::vector<std::string> paths = distinct_check_ins(env, 90);
    for (int g = 0; g < 2; ++g) {
      std::vector<exchange::FileToImport> files = group_of(
          env, std::vector<std::string>(paths.begin() + g * 30, paths.begin() + g * 30 + 30));
      exchange::import_files(*env.conn, files, env.options);
      for (const exchange::FileToImport& f : files)
        CPPUNIT_ASSERT(!f.error && f.outcome.state == ImportState::imported);
    }
    CPPUNIT_ASSERT(std::stod(env.q("SELECT reltuples FROM pg_class "
                                   "WHERE relname = 'onshi_confirmation'")) >= 30);
    const long long confirmation_scans = seq_scans(env, "onshi_confirmation");
    const long long file_scans = seq_scans(env, "onshi_received_file");
    std::vector<exchange::FileToImport> files =
        group_of(env, std::vector<std::string>(paths.begin() + 60, paths.end()));
    exchange::import_files(*env.conn, files, env.options);
    for (const exchange::FileToImport& f : files)
      CPPUNIT_ASSERT(!f.error && f.outcome.state == ImportState::imported);
    CPPUNIT_ASSERT_EQUAL(confirmation_scans, seq_scans(env, "onshi_confirmation"));
    CPPUNIT_ASSERT_EQUAL(file_scans, seq_scans(env, "onshi_received_file"));
    // Nothing left to analyse until the tables double again (or at all, once past 64 pages).
    CPPUNIT_ASSERT(db::tables_needing_statistics(*env.conn, store::import_tables(),
                                                 db::StatisticsNeed::outgrown)
                       .empty());
  }

  void testPoolImportsABacklogInGroups() {
    Env env;
    std::vector<std::string> paths = distinct_check_ins(env, 20);
    std::vector<daemon::ImportDone> done;
    {
      daemon::ImportPool pool(env.tdb.conninfo(), 1, env.options.group_max_files);
      for (const std::string& p : paths) {
        CPPUNIT_ASSERT(pool.has_capacity());
        pool.submit(daemon::ImportTask{1, Folder::face, p, env.facility, env.options});
      }
      pool.wait_idle();
      done = pool.take();
    }
    CPPUNIT_ASSERT_EQUAL(paths.size(), done.size());
    int grouped = 0;
    for (const daemon::ImportDone& d : done) {
      CPPUNIT_ASSERT_MESSAGE(d.error, d.failure == daemon::ImportDone::Failure::none);
      CPPUNIT_ASSERT(d.outcome.state == ImportState::imported && !exists(d.task.path));
      grouped += d.grouped;
    }
    CPPUNIT_ASSERT(grouped >= 18);  // the first file may have gone in alone
    CPPUNIT_ASSERT_EQUAL(std::string("20"), env.q("SELECT count(removed_from_share_at) "
                                                  "FROM onshi_received_file"));
  }

  void testSameFileTwiceIsImportedOnce() {
    Env env;
    CPPUNIT_ASSERT(env.import(env.deliver(kFace101)).state == ImportState::imported);
    std::string again = env.deliver(kFace101);
    exchange::ImportOutcome o = env.import(again);
    CPPUNIT_ASSERT(o.state == ImportState::duplicate);
    CPPUNIT_ASSERT(!exists(again));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), env.q("SELECT count(*) FROM onshi_confirmation"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), env.q("SELECT count(*) FROM onshi_received_file"));
  }

  void testSameContentUnderTwoNamesIsImportedOnce() {
    Env env;
    exchange::ImportOutcome first = env.import(env.deliver(kFace101));
    CPPUNIT_ASSERT(first.state == ImportState::imported);
    // The terminal sends the same bytes again under another name (a later time stamp).
    std::string name = std::string(kFace101).substr(std::string(kFace101).find('/') + 1);
    name.replace(name.size() - 6, 2, "59");
    std::string again = env.deliver(kFace101, name);
    exchange::ImportOutcome o = env.import(again);
    CPPUNIT_ASSERT(o.state == ImportState::duplicate);
    CPPUNIT_ASSERT_EQUAL(first.file_id, o.file_id);
    CPPUNIT_ASSERT(!exists(again));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), env.q("SELECT count(*) FROM onshi_confirmation"));
    // A different content under the second name is a new file.
    std::string other = env.deliver(kFace101Sjis, name);
    CPPUNIT_ASSERT(env.import(other).state == ImportState::imported);
  }

  /// PrescriptionIssueSelect (electronic 1 / paper 2) is kept with the confirmation wherever the
  /// terminal puts it (doc/decisions.md 6): in MessageBody (the fixture), or inside the result
  /// block, where the result's own value wins over the body's.
  void testPrescriptionFormIsKeptFromBodyOrResult() {
    Env env;
    CPPUNIT_ASSERT(env.import(env.deliver(kFace101)).state == ImportState::imported);
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         env.q("SELECT prescription_issue_select FROM onshi_confirmation"));
    std::string moved = read_all(fixtures_dir() + "/" + kFace101);
    const std::string body = "<PrescriptionIssueSelect>1</PrescriptionIssueSelect>";
    moved.erase(moved.find(body), body.size());
    const std::string block = "<ResultOfQualificationConfirmation>";
    moved.insert(moved.find(block) + block.size(),
                 "<PrescriptionIssueSelect>2</PrescriptionIssueSelect>");
    const std::string path =
        env.put(Folder::face,
                "OQSsiquc01res_face_1312345678fffffffffffffffffff1_20250612091503.xml", moved);
    exchange::ImportOutcome o = env.import(path);
    CPPUNIT_ASSERT_MESSAGE(o.detail, o.state == ImportState::imported);
    CPPUNIT_ASSERT_EQUAL(std::string("2"),
                         env.q("SELECT prescription_issue_select FROM onshi_confirmation "
                               "WHERE file_id = " +
                               std::to_string(o.file_id)));
  }

  void testShiftJisCardResultLinksTheSame() {
    Env env;
    exchange::ImportOutcome o = env.import(env.deliver(kFace101Sjis));
    CPPUNIT_ASSERT(o.state == ImportState::imported && o.linked == 1);
    CPPUNIT_ASSERT_EQUAL(std::string("テスト　太郎|ﾃｽﾄ ﾀﾛｳ"),
                         env.q("SELECT name || '|' || name_kana FROM onshi_confirmation"));
  }

  /// A returned name with U+20BB7 (JIS X 0213 only): imported whatever the database's encoding;
  /// in an EUC-JP database (ORCA's default) the text column holds U+3013 in its place, the exact
  /// returned block is kept as UTF-8 and the row is flagged; in UTF-8 it is stored as it is.
  void testNameTheHostEncodingCannotHold() {
    Env env;
    std::string bytes = read_all(fixtures_dir() + "/" + kFaceMark);
    const std::string mark = "\xE2\x97\x8F";       // U+25CF
    const std::string yoshi = "\xF0\xA0\xAE\xB7";  // U+20BB7
    for (std::size_t p = bytes.find(mark); p != std::string::npos; p = bytes.find(mark, p))
      bytes.replace(p, mark.size(), yoshi);
    exchange::ImportOutcome o = env.import(
        env.put(Folder::face,
                "OQSsiquc01res_face_13123456787971e3b01c61627cb1e3_20250612103508.xml", bytes));
    CPPUNIT_ASSERT_MESSAGE(o.reason + " " + o.detail,
                           o.state == ImportState::imported && o.linked == 1);
    if (env.conn->server_encoding() == "UTF8") {
      CPPUNIT_ASSERT_EQUAL(
          std::string(yoshi + "田　四郎|false|true"),
          env.q("SELECT name || '|' || encoding_substituted || '|' || (returned_utf8 IS NULL) "
                "FROM onshi_confirmation"));
      return;
    }
    CPPUNIT_ASSERT_EQUAL(
        std::string("\xE3\x80\x93田　四郎|true"),
        env.q("SELECT name || '|' || encoding_substituted FROM onshi_confirmation"));
    // The exact value, kept in our table (UTF-8 bytes of U+20BB7).
    const std::string exact = env.q("SELECT encode(returned_utf8, 'hex') FROM onshi_confirmation");
    CPPUNIT_ASSERT_MESSAGE(exact, exact.find("f0a0aeb7") != std::string::npos);
    // The host's own name is untouched.
    CPPUNIT_ASSERT_EQUAL(std::string("吉田　四郎"),
                         env.q("SELECT name FROM tbl_ptinf WHERE ptid = 128"));
  }

  /// Only the insured person (101) is registered; his dependent checks in on his card (class 2,
  /// branch 02, another birthdate and name). Nothing of hers lands on him: no host update, no
  /// consents under his id, no reference-number registration; staff see him as the card's
  /// holder and may register her from the proposal.
  void testDependentOnTheInsuredPersonsCardChangesNothing() {
    Env env;
    const std::string host_before = env.q(
        "SELECT kakuninymd || '|' || edaban || '|' || opid FROM tbl_pthkninf WHERE hospnum = 1 AND "
        "ptid = 101");
    std::string bytes = read_all(fixtures_dir() + "/" + kFace101);
    auto swap = [&](const std::string& from, const std::string& to) {
      const std::size_t p = bytes.find(from);
      CPPUNIT_ASSERT_MESSAGE(from, p != std::string::npos);
      bytes.replace(p, from.size(), to);
    };
    swap("<InsuredBranchNumber>00<", "<InsuredBranchNumber>02<");
    swap("<PersonalFamilyClassification>1<", "<PersonalFamilyClassification>2<");
    swap("<Name>テスト　太郎<", "<Name>テスト　花子<");
    swap("<NameKana>ﾃｽﾄ ﾀﾛｳ<", "<NameKana>ﾃｽﾄ ﾊﾅｺ<");
    swap("<Birthdate>19800415<", "<Birthdate>19820707<");
    exchange::ImportOutcome o = env.import(
        env.put(Folder::face,
                "OQSsiquc01res_face_131234567858c208ba06ff3c483df1_20250612091504.xml", bytes));
    CPPUNIT_ASSERT(o.state == ImportState::imported);
    CPPUNIT_ASSERT_EQUAL(0, o.linked);
    CPPUNIT_ASSERT_EQUAL(
        std::string("candidates|{101}|person_differs||true"),
        env.q("SELECT link_state || '|' || candidates::text || '|' || "
              "coalesce(host_status, 'NULL') || '|' || coalesce(ptid::text, '') || '|' || "
              "(new_patient_proposal IS NOT NULL) FROM onshi_confirmation"));
    CPPUNIT_ASSERT_EQUAL(
        host_before, env.q("SELECT kakuninymd || '|' || edaban || '|' || opid FROM tbl_pthkninf "
                           "WHERE hospnum = 1 AND ptid = 101"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         env.q("SELECT count(*) FROM onshi_consent WHERE ptid IS NOT NULL"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), env.q("SELECT count(*) FROM onshi_reference_number"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), env.q("SELECT count(*) FROM onshi_job"));
  }

  void testUnrepresentableNameNeverOverwritesTheHost() {
    Env env;
    exchange::ImportOutcome o = env.import(env.deliver(kFaceMark));
    CPPUNIT_ASSERT(o.state == ImportState::imported && o.linked == 1);
    CPPUNIT_ASSERT_EQUAL(
        std::string("true|128"),
        env.q("SELECT name_unrepresentable || '|' || ptid FROM onshi_confirmation"));
    // The host keeps its own name (ORCA's EUC-JP cannot hold U+20BB7: staff typed 吉田).
    CPPUNIT_ASSERT_EQUAL(std::string("吉田　四郎"),
                         env.q("SELECT name FROM tbl_ptinf WHERE ptid = 128"));
    CPPUNIT_ASSERT_EQUAL(std::string("●田　四郎"),
                         env.q("SELECT differences->>'name' FROM onshi_confirmation"));
  }

  void testUnknownPersonGetsANewPatientProposal() {
    Env env;
    model::Document d = xml::read_file(fixtures_dir() + "/" + kFace101);
    auto& r = d.as<model::QualificationResultBody>().Results.at(0);
    r.InsuredIdentificationNumber = "424242";
    r.Name = "初診　花子";
    r.NameKana = "ｼｮｼﾝ ﾊﾅｺ";
    r.Sex1 = "2";
    r.Birthdate = "19990909";
    std::string path = env.put(
        Folder::face, "OQSsiquc01res_face_1312345678aaaaaaaaaaaaaaaaaaaa_20250612130000.xml",
        xml::write_document(d, model::Encoding::utf8));
    exchange::ImportOutcome o = env.import(path);
    CPPUNIT_ASSERT(o.state == ImportState::imported && o.linked == 0);
    CPPUNIT_ASSERT_EQUAL(std::string("no_patient"),
                         env.q("SELECT link_state FROM onshi_confirmation"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("ショシン　ハナコ|19990909|2|1000001|06139999|424242"),
        env.q("SELECT p->>'kananame' || '|' || (p->>'birthday') || '|' || (p->>'sex') "
              "|| '|' || (p->>'home_post') || '|' || (p->'insurance'->>'hknjanum') "
              "|| '|' || (p->'insurance'->>'num') "
              "FROM (SELECT new_patient_proposal p FROM onshi_confirmation) x"));
  }

  void testTwinsWaitForStaff() {
    Env env;
    exchange::ImportOutcome o = env.import(env.deliver(kResTwins));
    CPPUNIT_ASSERT(o.state == ImportState::imported);
    CPPUNIT_ASSERT_EQUAL(2, o.confirmations);
    CPPUNIT_ASSERT_EQUAL(0, o.linked);
    CPPUNIT_ASSERT_EQUAL(std::string("candidates:{115,116},candidates:{115,116}"),
                         env.q("SELECT string_agg(link_state || ':' || candidates::text, ',' "
                               "ORDER BY result_index) FROM onshi_confirmation"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"),
                         env.q("SELECT count(*) FROM tbl_pthkninf WHERE opid = 'ONSHI'"));
  }

  void testPublicAssistanceLinksThroughPublicExpense() {
    Env env;
    exchange::ImportOutcome o = env.import(env.deliver(kFacePublic));
    CPPUNIT_ASSERT(o.state == ImportState::imported);
    CPPUNIT_ASSERT_EQUAL(
        std::string("linked|106|public_expense"),
        env.q("SELECT link_state || '|' || ptid || '|' || linked_by FROM onshi_confirmation"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("public_assistance|01"),
        env.q("SELECT kind || '|' || classification FROM onshi_certificate_detail"));
  }

  void testAnswerToOurRequestMarksTheJob() {
    Env env;
    // The result names ArbitraryFileIdentifier 202506120001: our job carries it as correlation key.
    env.conn->exec(
        "INSERT INTO onshi_job (hospnum, kind, ptid, state, correlation_key, request_file) VALUES "
        "(1, 'OQSsiquc01req', 124, 'sent', '202506120001', 'OQSsiquc01req_202506120001.xml')");
    exchange::ImportOutcome o = env.import(env.deliver(kResValid));
    CPPUNIT_ASSERT(o.job_id > 0);
    CPPUNIT_ASSERT_EQUAL(std::string("answered"),
                         env.q("SELECT state FROM onshi_job WHERE kind = 'OQSsiquc01req'"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("linked|124|request|A04"),
        env.q("SELECT c.link_state || '|' || c.ptid || '|' || c.linked_by || '|' || "
              "d.classification_flag FROM onshi_confirmation c JOIN "
              "onshi_certificate_detail d USING (confirmation_id) WHERE d.kind = 'limit'"));
    CPPUNIT_ASSERT_EQUAL(std::string("20250612"),
                         env.q("SELECT kakuninymd FROM tbl_pthkninf WHERE ptid = 124"));
  }

  void testBulkFinalResultOneRowPerUnit() {
    Env env;
    ScopedToday today("20250612");
    exchange::ImportOutcome o = env.import(env.deliver(kResBulk));
    CPPUNIT_ASSERT(o.state == ImportState::imported);
    CPPUNIT_ASSERT_EQUAL(3, o.confirmations);
    CPPUNIT_ASSERT_EQUAL(
        std::string("0:linked:124:reference_number,1:linked:126:request,2:not_applicable::"),
        env.q("SELECT string_agg(result_index || ':' || link_state || ':' || "
              "coalesce(ptid::text, '') || ':' || coalesce(linked_by, ''), ',' "
              "ORDER BY result_index) FROM onshi_confirmation WHERE source = 'bulk'"));
    // The pre-check answered for 2025-06-13 imported on 2025-06-12 (the evening before): stored,
    // but the host's confirmation date waits for the visit day (never a future date).
    CPPUNIT_ASSERT_EQUAL(std::string(""),
                         env.q("SELECT btrim(kakuninymd) FROM tbl_pthkninf WHERE ptid = 124"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         env.q("SELECT validity FROM onshi_confirmation WHERE result_index = 0"));
    CPPUNIT_ASSERT_EQUAL(std::string(""),
                         env.q("SELECT btrim(kakuninymd) FROM tbl_pthkninf WHERE ptid = 126"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("EOQS2002"),
        env.q("SELECT processing_code FROM onshi_confirmation WHERE result_index = 2"));
  }

  void testRefusedFileIsQuarantinedAndRecorded() {
    Env env;
    const std::string bad = "OQSsiquc01res_face_1312345678bad00000000000000003_20250612130003.xml";
    std::string path = env.put(Folder::face, bad, read_all(fixtures_dir() + "/bad/" + bad));
    exchange::ImportOutcome o = env.import(path);
    CPPUNIT_ASSERT(o.state == ImportState::refused);
    CPPUNIT_ASSERT_EQUAL(std::string("forbidden"), o.reason);
    CPPUNIT_ASSERT(!exists(path));
    CPPUNIT_ASSERT_EQUAL(env.options.quarantine_dir + "/1/" + bad, o.moved_to);
    CPPUNIT_ASSERT(exists(o.moved_to));
    CPPUNIT_ASSERT_EQUAL(
        std::string("refused|forbidden|") + o.moved_to,
        env.q("SELECT state || '|' || refusal || '|' || archive_path FROM onshi_received_file"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), env.q("SELECT count(*) FROM onshi_confirmation"));
    // Delivered again: recognised, quarantined again, still one row.
    std::string again = env.put(Folder::face, bad, read_all(o.moved_to));
    CPPUNIT_ASSERT(env.import(again).state == ImportState::duplicate);
    CPPUNIT_ASSERT(!exists(again));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), env.q("SELECT count(*) FROM onshi_received_file"));
  }

  void testReaderEdgesAreQuarantined() {
    // UTF-16 bytes declaring UTF-8, bytes after a NUL, a result outside ResultList: each one is
    // a refusal, quarantined and recorded without personal values, never 0 results imported.
    Env env;
    const std::string full = read_all(fixtures_dir() + "/" + kFace101);
    std::string utf16;
    for (std::size_t i = 0; i < full.size();) {
      char32_t cp = text::next_code_point(full, i);
      auto unit = [&](char32_t u) {
        utf16 += static_cast<char>(u & 0xFF), utf16 += static_cast<char>(u >> 8);
      };
      if (cp >= 0x10000) {
        unit(0xD800 + ((cp - 0x10000) >> 10));
        unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
      } else {
        unit(cp);
      }
    }
    std::string misplaced = full;
    misplaced.erase(misplaced.find("<ResultList>"), std::string("<ResultList>").size());
    misplaced.erase(misplaced.find("</ResultList>"), std::string("</ResultList>").size());
    const struct {
      std::string bytes, reason, says;
    } cases[] = {{utf16, "encoding", "says \"UTF-8\" but the bytes are UTF-16LE"},
                 {full + std::string(1, '\0') + "<XmlMsg/>", "malformed",
                  "NUL byte at offset " + std::to_string(full.size())},
                 {misplaced, "structure", "XmlMsg/MessageBody/ResultOfQualificationConfirmation"}};
    const char* serial[] = {"eeeeeeeeeeeeeeeeeee1", "eeeeeeeeeeeeeeeeeee2", "eeeeeeeeeeeeeeeeeee3"};
    for (std::size_t k = 0; k < 3; ++k) {
      const std::string name =
          std::string("OQSsiquc01res_face_1312345678") + serial[k] + "_20250612091503.xml";
      const std::string path = env.put(Folder::face, name, cases[k].bytes);
      age_file(path, 60);  // past the grace period: a malformed file is not "not ready"
      exchange::ImportOutcome o = env.import(path);
      CPPUNIT_ASSERT_MESSAGE(name + ": " + o.detail, o.state == ImportState::refused);
      CPPUNIT_ASSERT_EQUAL(cases[k].reason, o.reason);
      CPPUNIT_ASSERT_MESSAGE(o.detail, o.detail.find(cases[k].says) != std::string::npos);
      CPPUNIT_ASSERT(!exists(path));
      CPPUNIT_ASSERT(exists(o.moved_to));
      const std::string error = env.q(
          "SELECT state || '|' || refusal || '|' || error FROM onshi_received_file "
          "WHERE file_name = '" +
          name + "'");
      CPPUNIT_ASSERT_EQUAL_MESSAGE(
          error, 0,
          error.compare(0, 9 + cases[k].reason.size(), "refused|" + cases[k].reason + "|"));
      for (const char* value : {"テスト", "19800415", "06139999"})
        CPPUNIT_ASSERT_MESSAGE(error, error.find(value) == std::string::npos);
    }
    CPPUNIT_ASSERT_EQUAL(std::string("0"), env.q("SELECT count(*) FROM onshi_confirmation"));
  }

  void testAnotherInstitutionIsRefused() {
    Env env;
    std::string bytes = read_all(fixtures_dir() + "/" + kResValid);
    bytes.replace(bytes.find("1312345678"), 10, "2712345671");
    env.we_asked("OQSsiquc01res_202506120001.xml");
    std::string path = env.put(Folder::res, "OQSsiquc01res_202506120001.xml", bytes);
    exchange::ImportOutcome o = env.import(path);
    CPPUNIT_ASSERT(o.state == ImportState::refused);
    CPPUNIT_ASSERT(o.detail.find("not this facility's") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), env.q("SELECT count(*) FROM onshi_confirmation"));
    CPPUNIT_ASSERT(exists(o.moved_to));
  }

  /// Succession (shoukei): with the predecessor's code set, results naming it are this
  /// facility's, recorded as the predecessor's; a third code is still another institution.
  void testPredecessorsResultsAreAccepted() {
    Env env;
    env.facility.predecessor_code = "2712345671";
    db::enable_facility(*env.conn, env.facility, "test");
    env.facility = db::load_enabled_facility(*env.conn, 1);
    CPPUNIT_ASSERT_EQUAL(std::string("2712345671"), env.facility.predecessor_code.value_or(""));
    const std::string valid = read_all(fixtures_dir() + "/" + kResValid);
    std::string bytes = valid;
    bytes.replace(bytes.find("1312345678"), 10, "2712345671");
    env.we_asked("OQSsiquc01res_202506120001.xml");
    exchange::ImportOutcome o =
        env.import(env.put(Folder::res, "OQSsiquc01res_202506120001.xml", bytes));
    CPPUNIT_ASSERT_EQUAL(std::string("imported"),
                         std::string(exchange::import_state_name(o.state)));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), env.q("SELECT count(*) FROM onshi_confirmation"));
    CPPUNIT_ASSERT_EQUAL(std::string("imported|2712345671"),
                         env.q("SELECT state || '|' || predecessor_code FROM onshi_received_file "
                               "WHERE file_id = " +
                               std::to_string(o.file_id)));
    // The facility's own code: recorded as its own (no predecessor code).
    env.we_asked("OQSsiquc01res_202506120002.xml");
    exchange::ImportOutcome mine = env.import(
        env.put(Folder::res, "OQSsiquc01res_202506120002.xml", valid + "<!-- again -->\n"));
    CPPUNIT_ASSERT_EQUAL(std::string("imported"),
                         std::string(exchange::import_state_name(mine.state)));
    CPPUNIT_ASSERT_EQUAL(std::string("t"),
                         env.q("SELECT (predecessor_code IS NULL)::text FROM onshi_received_file "
                               "WHERE file_id = " +
                               std::to_string(mine.file_id))
                             .substr(0, 1));
    // A third code is still refused.
    std::string third = valid;
    third.replace(third.find("1312345678"), 10, "0112345670");
    env.we_asked("OQSsiquc01res_202506120003.xml");
    exchange::ImportOutcome other =
        env.import(env.put(Folder::res, "OQSsiquc01res_202506120003.xml", third));
    CPPUNIT_ASSERT(other.state == ImportState::refused);
    CPPUNIT_ASSERT(other.detail.find("not this facility's") != std::string::npos);
    // Validated like the institution code.
    db::FacilitySettings bad = env.facility;
    bad.predecessor_code = "27123";
    CPPUNIT_ASSERT_THROW(db::validate_settings(bad), db::FacilitySettingsError);
    bad.predecessor_code = bad.institution_code;
    CPPUNIT_ASSERT_THROW(db::validate_settings(bad), db::FacilitySettingsError);
  }

  /// The share is read by other programs too: what is not ours is never read, moved, removed,
  /// quarantined or recorded. Ours in res/: answers to requests we wrote (and carrying our
  /// identifier when they carry one). Names of no result kind of the folder: ignored.
  void testOtherProgramsFilesAreLeftAlone() {
    Env env;
    auto left_alone = [&](const std::string& path, const std::string& bytes) {
      exchange::ImportOutcome o = env.import(path);
      CPPUNIT_ASSERT_EQUAL(std::string("foreign"),
                           std::string(exchange::import_state_name(o.state)));
      CPPUNIT_ASSERT_EQUAL(bytes, read_all(path));
      CPPUNIT_ASSERT_EQUAL(std::string("0"), env.q("SELECT count(*) FROM onshi_received_file"));
      return o;
    };
    // An answer to another program's request: by name only, never opened.
    const std::string answer = read_all(fixtures_dir() + "/" + kResValid);
    const std::string theirs = env.put(Folder::res, std::string(kResValid).substr(4), answer);
    CPPUNIT_ASSERT(left_alone(theirs, answer).detail.find("no request we wrote") !=
                   std::string::npos);
    // One of our request names, answered with another program's identifier: its request, not ours.
    env.we_asked(std::string(kResValid).substr(4), "onshi-1-77-1");
    CPPUNIT_ASSERT(left_alone(theirs, answer).detail.find("ArbitraryFileIdentifier") !=
                   std::string::npos);
    // A request in res/, stray names, a hostile name: ignored, never quarantined.
    const std::string req = read_all(fixtures_dir() + "/req/OQSsiquc01req_202506120001.xml");
    left_alone(env.put(Folder::res, "OQSsiquc01req_202506120001.xml", req), req);
    left_alone(env.put(Folder::face, "notes.txt", "hello"), "hello");
    left_alone(env.put(Folder::face, "a\\b\x1b[31m.xml", "x"), "x");
    left_alone(env.put(Folder::face, std::string(kResValid).substr(4), answer), answer);
    // Ours once its request is: imported and taken off the share.
    env.conn->exec("DELETE FROM onshi_request_name");
    env.we_asked(std::string(kResValid).substr(4));
    CPPUNIT_ASSERT(env.import(theirs).state == ImportState::imported);
    CPPUNIT_ASSERT(!exists(theirs));
  }

  /// face_files = leave: another program reads the check-ins too. Each is imported once and
  /// stays in face/, also when seen again after a restart; a refused one is recorded once and
  /// stays too (not quarantined).
  void testFaceFilesLeftForAnotherProgram() {
    Env env;
    env.facility.face_files = "leave";
    db::enable_facility(*env.conn, env.facility, "test");
    env.facility = db::load_enabled_facility(*env.conn, 1);
    CPPUNIT_ASSERT_EQUAL(std::string("leave"), env.facility.face_files);
    const std::string path = env.deliver(kFace101);
    const std::string bytes = read_all(path);
    exchange::ImportOutcome o = env.import(path);
    CPPUNIT_ASSERT(o.state == ImportState::imported);
    CPPUNIT_ASSERT(o.left);
    CPPUNIT_ASSERT_EQUAL(bytes, read_all(path));
    for (int look = 0; look < 2; ++look) {
      env.conn = env.tdb.connect();  // as after a restart of the engine
      exchange::ImportOutcome again = env.import(path);
      CPPUNIT_ASSERT(again.state == ImportState::duplicate);
      CPPUNIT_ASSERT(again.left);
      CPPUNIT_ASSERT(exists(path));
    }
    CPPUNIT_ASSERT_EQUAL(
        std::string("1|1|false"),
        env.q("SELECT (SELECT count(*) FROM onshi_confirmation) || '|' || count(*) "
              "|| '|' || bool_or(removed_from_share_at IS NOT NULL) "
              "FROM onshi_received_file"));
    // A refused check-in: recorded once, left where it is, nothing in the quarantine.
    const std::string bad = env.put(Folder::face, std::string(kFaceMark).substr(5), "<broken");
    age_file(bad, 60);
    CPPUNIT_ASSERT(env.import(bad).state == ImportState::refused);
    CPPUNIT_ASSERT(env.import(bad).state == ImportState::duplicate);
    CPPUNIT_ASSERT_EQUAL(std::string("<broken"), read_all(bad));
    CPPUNIT_ASSERT(!exists(env.options.quarantine_dir + "/1/" + std::string(kFaceMark).substr(5)));
    CPPUNIT_ASSERT_EQUAL(std::string("1"),
                         env.q("SELECT count(*) FROM onshi_received_file WHERE state = 'refused'"));
    // Taking them again (the default): the next look imports nothing twice and removes the file.
    env.facility.face_files = "take";
    CPPUNIT_ASSERT(env.import(path).state == ImportState::duplicate);
    CPPUNIT_ASSERT(!exists(path));
  }

  void testNotReadyFileIsLeftForLater() {
    Env env;
    std::string full = read_all(fixtures_dir() + "/" + kFace101);
    std::string name = std::string(kFace101).substr(5);
    std::string path = env.put(Folder::face, name, full.substr(0, full.size() / 2));
    exchange::ImportOutcome o = env.import(path);
    CPPUNIT_ASSERT(o.state == ImportState::not_ready);
    CPPUNIT_ASSERT(exists(path));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), env.q("SELECT count(*) FROM onshi_received_file"));
    // The writer finishes: imported normally.
    env.put(Folder::face, name, full);
    CPPUNIT_ASSERT(env.import(path).state == ImportState::imported);
    // Still truncated after the grace period: refused.
    std::string stale = env.put(
        Folder::face, "OQSsiquc01res_face_1312345678bbbbbbbbbbbbbbbbbbbb_20250612091503.xml",
        full.substr(0, 200));
    age_file(stale, 60);
    CPPUNIT_ASSERT(env.import(stale).state == ImportState::refused);
    // Truncated with a modification time a day ahead (a wrong clock on the terminal): no
    // endless "not ready", refused like any other.
    std::string future = env.put(
        Folder::face, "OQSsiquc01res_face_1312345678cccccccccccccccccccc_20250612091503.xml",
        full.substr(0, 200));
    age_file(future, -86400);
    CPPUNIT_ASSERT(env.import(future).state == ImportState::refused);
  }

  void testMovePolicy() {
    Env env;
    env.facility.after_import = "move";
    env.facility.move_dir = env.host_dir.path() + "/taken";
    std::string path = env.deliver(kFace101);
    exchange::ImportOutcome o = env.import(path);
    CPPUNIT_ASSERT(o.state == ImportState::imported);
    CPPUNIT_ASSERT(!exists(path));
    CPPUNIT_ASSERT_EQUAL(env.host_dir.path() + "/taken/" + std::string(kFace101).substr(5),
                         o.moved_to);
    CPPUNIT_ASSERT(exists(o.moved_to));
    // The copy is recorded, so that the retention purge deletes it with the row.
    CPPUNIT_ASSERT_EQUAL(o.moved_to, env.q("SELECT archive_path FROM onshi_received_file"));
    env.conn->exec("UPDATE onshi_received_file SET received_at = now() - interval '2 years'");
    const std::vector<store::PurgeReport> r = store::purge(*env.conn, 1, false);
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, r.at(0).archive_paths.size());
    CPPUNIT_ASSERT(store::remove_archived_files(r.at(0).archive_paths).empty());
    CPPUNIT_ASSERT(!exists(o.moved_to));
    // Quotes and backslashes in a path are kept exactly; a path that is not UTF-8 is not recorded.
    std::string path2 = env.deliver(kFace101Sjis);
    exchange::ImportOutcome o2 = env.import(path2);
    CPPUNIT_ASSERT(o2.state == ImportState::imported);
    env.conn->exec(
        "UPDATE onshi_received_file SET removed_from_share_at = NULL, archive_path = NULL");
    store::mark_removed_from_share(*env.conn, {{o2.file_id, "/srv/it's a \\ path"}});
    CPPUNIT_ASSERT_EQUAL(std::string("/srv/it's a \\ path"),
                         env.q("SELECT archive_path FROM onshi_received_file WHERE file_id = " +
                               std::to_string(o2.file_id)));
    env.conn->exec(
        "UPDATE onshi_received_file SET removed_from_share_at = NULL, archive_path = NULL");
    store::mark_removed_from_share(*env.conn, {{o2.file_id, "/srv/\xff\xfe"}});
    CPPUNIT_ASSERT_EQUAL(std::string("true|"),
                         env.q("SELECT (removed_from_share_at IS NOT NULL) || '|' || "
                               "coalesce(archive_path, '') FROM onshi_received_file "
                               "WHERE file_id = " +
                               std::to_string(o2.file_id)));
  }

  /// The terminal renames another file over the name (or rewrites it) while the import of the
  /// first waits for the database: only the file that was read is disposed of; the new one stays
  /// on the share, unread and untouched, and is imported at the next look. Removal and move alike.
  void testFileReplacedWhileItsImportWaits() {
    for (const bool move : {false, true}) {
      Env env;
      if (move) {
        env.facility.after_import = "move";
        env.facility.move_dir = env.host_dir.path() + "/taken";
      }
      const std::string path = env.deliver(kFace101);
      const std::string first = read_all(path);
      const std::string second = read_all(fixtures_dir() + "/" + kFace101Sjis);
      // Another session holds the received-file table: the import has read the file and waits.
      std::unique_ptr<db::Connection> blocker = env.tdb.connect();
      blocker->exec("BEGIN");
      blocker->exec("LOCK TABLE onshi_received_file IN SHARE ROW EXCLUSIVE MODE");
      exchange::ImportOutcome o;
      std::string failure;
      std::thread importer([&] {
        try {
          o = env.import(path);
        } catch (const std::exception& e) {
          failure = e.what();
        }
      });
      bool waiting = false;
      for (int i = 0; i < 200 && !waiting; ++i) {
        waiting = scalar(*blocker,
                         "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = "
                         "'Lock' AND datname = current_database()") != "0";
        if (!waiting) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      CPPUNIT_ASSERT(waiting);
      const std::string temp = env.put(Folder::face, ".incoming", second);
      CPPUNIT_ASSERT_EQUAL(0, std::rename(temp.c_str(), path.c_str()));
      blocker->exec("COMMIT");
      importer.join();
      CPPUNIT_ASSERT_EQUAL(std::string(), failure);
      CPPUNIT_ASSERT(o.state == ImportState::imported);
      CPPUNIT_ASSERT(o.replaced);
      CPPUNIT_ASSERT_EQUAL(std::string(), o.moved_to);
      CPPUNIT_ASSERT_EQUAL(second, read_all(path));  // the new file, untouched
      if (move) {
        struct stat st;
        CPPUNIT_ASSERT(::stat((env.host_dir.path() + "/taken").c_str(), &st) != 0 ||
                       ::rmdir((env.host_dir.path() + "/taken").c_str()) == 0);  // empty
      }
      // The database holds what was read, and the next look imports the new file.
      CPPUNIT_ASSERT_EQUAL(std::string("1"), env.q("SELECT count(*) FROM onshi_received_file"));
      CPPUNIT_ASSERT_EQUAL(std::string("t"), env.q("SELECT raw = decode('" + hex(first) +
                                                   "', 'hex') FROM onshi_received_file"));
      exchange::ImportOutcome again = env.import(path);
      CPPUNIT_ASSERT(again.state == ImportState::imported);
      CPPUNIT_ASSERT(!again.replaced);
      CPPUNIT_ASSERT(!exists(path));
      CPPUNIT_ASSERT_EQUAL(std::string("t"), env.q("SELECT raw = decode('" + hex(second) +
                                                   "', 'hex') FROM "
                                                   "onshi_received_file WHERE file_id = " +
                                                   std::to_string(again.file_id)));
    }
  }

  void testCrashAfterCommitOnlyDisposes() {
    Env env;
    std::string path = env.deliver(kFace101);
    // Simulate "committed, then crashed before the file was removed": import a copy under the
    // same name, then put the original back.
    std::string bytes = read_all(path);
    CPPUNIT_ASSERT(env.import(path).state == ImportState::imported);
    env.put(Folder::face, std::string(kFace101).substr(5), bytes);
    CPPUNIT_ASSERT(env.import(path).state == ImportState::duplicate);
    CPPUNIT_ASSERT(!exists(path));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), env.q("SELECT count(*) FROM onshi_confirmation"));
  }

  void testDisabledFacilityImportsNothing() {
    Env env;
    db::disable_facility(*env.conn, 1, "test");
    std::string path = env.deliver(kFace101);
    CPPUNIT_ASSERT_THROW(env.import(path), db::DbError);
    CPPUNIT_ASSERT(exists(path));  // nothing lost
    CPPUNIT_ASSERT_EQUAL(std::string("0"), env.q("SELECT count(*) FROM onshi_received_file"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ImporterTest);

}  // namespace onshi::test
