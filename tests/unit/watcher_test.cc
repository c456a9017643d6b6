// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Both Linux watcher backends against real files in a real folder: the cases shared with the
// Windows runner (watcher_cases.h), and those only Linux has (symbolic links, fifos, /proc).
#include <cppunit/extensions/HelperMacros.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/fixtures.h"
#include "unit/watcher_cases.h"

namespace onshi::test {

using namespace watcher_cases;

class WatcherTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(WatcherTest);
  CPPUNIT_TEST(testTrackerNeedsTwoEqualLooks);
  CPPUNIT_TEST(testTrackerBusyEntryWaits);
  CPPUNIT_TEST(testTrackerKeepsBoundedBatches);
  CPPUNIT_TEST(testBacklogDeliveredOnceInBoundedBatches);
  CPPUNIT_TEST(testBacklogLeftInPlaceDeliveredOnce);
  CPPUNIT_TEST(testFileAddedDuringDrainGoesFirst);
  CPPUNIT_TEST(testFileRemovedBeforeItsTurnIsNotDelivered);
  CPPUNIT_TEST(testInotifyOverflowListsAgain);
  CPPUNIT_TEST(testInotifyReportsClosedAndRenamedFiles);
  CPPUNIT_TEST(testInotifyWaitsForClose);
  CPPUNIT_TEST(testInotifyRescanFindsExistingFiles);
  CPPUNIT_TEST(testPollingReportsStableFilesOnce);
  CPPUNIT_TEST(testPollingWaitsWhileFileGrows);
  CPPUNIT_TEST(testReportsLinksFoldersAndFifosButNotDotFiles);
  CPPUNIT_TEST(testRescanReportsLinksFoldersAndFifos);
  CPPUNIT_TEST(testOwnFoldersAreNeverReported);
  CPPUNIT_TEST(testLostFolderLoggedOnceAndWatchedWhenBack);
  CPPUNIT_TEST(testReplacedFolderIsWatchedAnew);
  CPPUNIT_TEST(testFolderReplacedByLinkIsNotFollowed);
  CPPUNIT_TEST(testAutomaticPicksInotifyOnLocalDisk);
  CPPUNIT_TEST(testRemovedFilesAreForgotten);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testTrackerNeedsTwoEqualLooks() { trackerNeedsTwoEqualLooks(); }
  void testTrackerBusyEntryWaits() { trackerBusyEntryWaits(); }
  void testTrackerKeepsBoundedBatches() { trackerKeepsBoundedBatches(); }
  void testBacklogDeliveredOnceInBoundedBatches() { backlogDeliveredOnceInBoundedBatches(); }
  void testBacklogLeftInPlaceDeliveredOnce() { backlogLeftInPlaceDeliveredOnce(); }
  void testFileAddedDuringDrainGoesFirst() { fileAddedDuringDrainGoesFirst(); }
  void testFileRemovedBeforeItsTurnIsNotDelivered() { fileRemovedBeforeItsTurnIsNotDelivered(); }

  // More events than the kernel queues (IN_Q_OVERFLOW).
  void testInotifyOverflowListsAgain() {
    std::size_t queued = 16384;
    std::ifstream("/proc/sys/fs/inotify/max_queued_events") >> queued;
    overflowListsAgain(queued / 2 + 500);  // two events each (create, close)
  }

  void testInotifyReportsClosedAndRenamedFiles() { reportsClosedAndRenamedFiles(); }
  void testInotifyWaitsForClose() { waitsForClose(); }
  void testInotifyRescanFindsExistingFiles() { rescanFindsExistingFiles(); }
  void testPollingReportsStableFilesOnce() { pollingReportsStableFilesOnce(); }
  void testPollingWaitsWhileFileGrows() { pollingWaitsWhileFileGrows(); }

  // Everything but dot names is reported, once, found with lstat(): a link (to a file outside,
  // to a folder), a sub-folder, a fifo (opening one would block). Nothing is followed or opened:
  // the importer refuses and quarantines them.
  void testReportsLinksFoldersAndFifosButNotDotFiles() {
    for (Backend b : backends()) {
      TempDir share, outside;
      const std::string secret = outside.write("secret.xml", "keep");
      auto w = watch::make_watcher(b, fast(), share.path());
      w->add(share.path());
      w->rescan();
      const std::string s = share.path();
      write_file(s + "/.tmp-writing.xml", "x");
      CPPUNIT_ASSERT_EQUAL(0, ::symlink(".tmp-writing.xml", (s + "/.link").c_str()));
      CPPUNIT_ASSERT_EQUAL(0, ::mkdir((s + "/sub").c_str(), 0700));
      write_file(s + "/sub/inner.xml", "x");
      CPPUNIT_ASSERT_EQUAL(0, ::symlink(secret.c_str(), (s + "/link.xml").c_str()));
      CPPUNIT_ASSERT_EQUAL(0, ::symlink(outside.path().c_str(), (s + "/dirlink.xml").c_str()));
      CPPUNIT_ASSERT_EQUAL(0, ::mkfifo((s + "/fifo.xml").c_str(), 0600));
      write_file(s + "/real.xml", "x");
      // A folder moved in whole (renamed into the share).
      CPPUNIT_ASSERT_EQUAL(0, ::mkdir((outside.path() + "/moved").c_str(), 0700));
      CPPUNIT_ASSERT_EQUAL(0,
                           ::rename((outside.path() + "/moved").c_str(), (s + "/moved").c_str()));
      const std::vector<std::string> want{s + "/dirlink.xml", s + "/fifo.xml", s + "/link.xml",
                                          s + "/moved",       s + "/real.xml", s + "/sub"};
      std::vector<std::string> got = sorted(run_until(*w, want.size()));
      CPPUNIT_ASSERT_EQUAL_MESSAGE(watch::backend_name(b), want.size(), got.size());
      CPPUNIT_ASSERT_MESSAGE(watch::backend_name(b), want == got);
      CPPUNIT_ASSERT_MESSAGE("reported once", run_until(*w, 1, 300ms).empty());
      CPPUNIT_ASSERT_EQUAL(std::string("keep"), read_all(secret));
    }
  }

  // Present before the watcher starts (the engine was down): the startup rescan reports them.
  void testRescanReportsLinksFoldersAndFifos() {
    for (Backend b : backends()) {
      TempDir share, outside;
      const std::string s = share.path();
      CPPUNIT_ASSERT_EQUAL(
          0, ::symlink(outside.write("secret", "x").c_str(), (s + "/link.xml").c_str()));
      CPPUNIT_ASSERT_EQUAL(0, ::mkdir((s + "/sub.xml").c_str(), 0700));
      CPPUNIT_ASSERT_EQUAL(0, ::mkfifo((s + "/fifo.xml").c_str(), 0600));
      auto w = watch::make_watcher(b, fast(), s);
      w->add(s);
      w->rescan();
      std::vector<std::string> got = sorted(run_until(*w, 3));
      const std::vector<std::string> want{s + "/fifo.xml", s + "/link.xml", s + "/sub.xml"};
      CPPUNIT_ASSERT_MESSAGE(watch::backend_name(b), want == got);
    }
  }

  // By path and by identity: archive/ configured through a link to it.
  void testOwnFoldersAreNeverReported() {
    TempDir other;
    ownFoldersAreNeverReported([&](const std::string& archive) {
      const std::string link = other.path() + "/a" + std::to_string(++links_);
      CPPUNIT_ASSERT_EQUAL(0, ::symlink(archive.c_str(), link.c_str()));
      return link;
    });
  }

  void testLostFolderLoggedOnceAndWatchedWhenBack() { lostFolderLoggedOnceAndWatchedWhenBack(); }
  void testReplacedFolderIsWatchedAnew() { replacedFolderIsWatchedAnew(); }

  // res/ replaced by a link to a folder elsewhere: never listed through it.
  void testFolderReplacedByLinkIsNotFollowed() {
    for (Backend b : backends()) {
      LogCapture log;
      TempDir share, outside;
      outside.write("passwd.xml", "secret");
      const std::string res = share.path() + "/res";
      auto w = watched_folder(b, res);
      CPPUNIT_ASSERT_EQUAL(0, ::rmdir(res.c_str()));
      CPPUNIT_ASSERT_EQUAL(0, ::symlink(outside.path().c_str(), res.c_str()));
      w->rescan();
      CPPUNIT_ASSERT_MESSAGE(watch::backend_name(b), run_until(*w, 1, 400ms).empty());
      CPPUNIT_ASSERT_EQUAL_MESSAGE(watch::backend_name(b), std::size_t{1}, w->lost().size());
      CPPUNIT_ASSERT_EQUAL(1, log.count("ONSHI-E-WATCH-001"));
      CPPUNIT_ASSERT_THROW(watch::make_watcher(b, fast(), share.path())->add(res), Error);
    }
  }

  void testRemovedFilesAreForgotten() { removedFilesAreForgotten(); }
  void testAutomaticPicksInotifyOnLocalDisk() { automaticPicksEventBackendOnLocalDisk(); }

 private:
  int links_ = 0;
};

CPPUNIT_TEST_SUITE_REGISTRATION(WatcherTest);

}  // namespace onshi::test
