// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Both watcher backends against real files in a real folder.
#include "watch/watcher.h"

#include <cppunit/extensions/HelperMacros.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <set>
#include <thread>

#include "common/error.h"
#include "common/log.h"
#include "support/fixtures.h"

namespace onshi::test {

using namespace std::chrono_literals;
using watch::Backend;

namespace {

watch::WatchOptions fast() {
  watch::WatchOptions o;
  o.poll_interval = 40ms;
  o.settle = 30ms;
  return o;
}

/// Runs the watcher's loop for up to `limit`, collecting reports, until `want` files came.
std::vector<std::string> run_until(watch::Watcher& w, std::size_t want,
                                   std::chrono::milliseconds limit = 3000ms) {
  std::vector<std::string> got;
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (got.size() < want && std::chrono::steady_clock::now() < deadline) {
    int t = w.timeout_ms();
    int remaining = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         deadline - std::chrono::steady_clock::now())
                                         .count());
    if (t < 0 || t > remaining) t = std::max(remaining, 0);
    if (w.fd() >= 0) {
      pollfd p{w.fd(), POLLIN, 0};
      ::poll(&p, 1, t);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(t));
    }
    w.collect(got);
  }
  return got;
}

/// Like run_until, but takes at most `max` files per collect() (a consumer with that much room)
/// and calls `after` with each non-empty batch, until `want` files came.
std::vector<std::string> drain(watch::Watcher& w, std::size_t want, std::size_t max,
                               const std::function<void(const std::vector<std::string>&)>& after,
                               std::chrono::milliseconds limit = 5000ms) {
  std::vector<std::string> got;
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (got.size() < want && std::chrono::steady_clock::now() < deadline) {
    int t = w.ready() > 0 ? 0 : w.timeout_ms();
    if (t < 0 || t > 50) t = 50;
    if (w.fd() >= 0) {
      pollfd p{w.fd(), POLLIN, 0};
      ::poll(&p, 1, t);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(t));
    }
    std::vector<std::string> batch;
    w.collect(batch, max);
    if (batch.empty()) continue;
    CPPUNIT_ASSERT(batch.size() <= max);
    got.insert(got.end(), batch.begin(), batch.end());
    after(batch);
  }
  return got;
}

/// Makes the folder `dir`, watches it with backend `b` and lets the first look pass.
std::unique_ptr<watch::Watcher> watched_folder(Backend b, const std::string& dir) {
  CPPUNIT_ASSERT_EQUAL(0, ::mkdir(dir.c_str(), 0700));
  auto w = watch::make_watcher(b, fast(), dir);
  w->add(dir);
  w->rescan();
  run_until(*w, 1, std::chrono::milliseconds(100));
  return w;
}

/// Log lines written while it lives (the watchers log lost and found folders).
class LogCapture {
 public:
  LogCapture() : saved_(log::settings()) {
    log::Settings quiet = saved_;
    quiet.to_stderr = false;
    log::configure(quiet);
    log::set_capture([this](log::Level, const std::string& line) { lines_.push_back(line); });
  }
  ~LogCapture() {
    log::set_capture(nullptr);
    log::configure(saved_);
  }
  int count(const std::string& id) const {
    return static_cast<int>(std::count_if(lines_.begin(), lines_.end(), [&](const std::string& l) {
      return l.find(id) != std::string::npos;
    }));
  }

 private:
  log::Settings saved_;
  std::vector<std::string> lines_;
};

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

void write_file(const std::string& path, const std::string& bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  CPPUNIT_ASSERT(fd >= 0);
  CPPUNIT_ASSERT_EQUAL(static_cast<ssize_t>(bytes.size()), ::write(fd, bytes.data(), bytes.size()));
  ::close(fd);
}

}  // namespace

class WatcherTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(WatcherTest);
  CPPUNIT_TEST(testTrackerNeedsTwoEqualLooks);
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
  void testTrackerNeedsTwoEqualLooks() {
    watch::FolderTracker t;
    auto now = std::chrono::steady_clock::now();
    auto look = [&](long long size, long long mtime, std::chrono::milliseconds at) {
      t.begin_listing();
      if (t.listed("a") == watch::FolderTracker::Listed::known || t.listing_room() > 0)
        t.seen("a", size, mtime, now + at, 100ms);
      t.end_listing(false);
      std::vector<std::string> out;
      t.take(100, out);
      return out.size() == 1;
    };
    CPPUNIT_ASSERT(!look(10, 1, 0ms));    // first look
    CPPUNIT_ASSERT(!look(10, 1, 50ms));   // not settled yet
    CPPUNIT_ASSERT(!look(20, 2, 150ms));  // changed: start again
    CPPUNIT_ASSERT(look(20, 2, 300ms));   // stable: handed out
    CPPUNIT_ASSERT(!look(20, 2, 400ms));  // once
    CPPUNIT_ASSERT(!look(30, 3, 500ms));  // rewritten
    CPPUNIT_ASSERT(look(30, 3, 700ms));   // reported again
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, t.size());
    t.begin_listing();
    t.end_listing(false);  // no longer listed: forgotten
    CPPUNIT_ASSERT_EQUAL(std::size_t{0}, t.size());
    CPPUNIT_ASSERT(!look(30, 3, 800ms));  // new again
  }

  // The tracker itself: a listing takes at most a batch of new names, the first by name, says
  // that it left some out, and asks for another listing once half a batch was handed out.
  void testTrackerKeepsBoundedBatches() {
    watch::FolderTracker t(4);
    auto now = std::chrono::steady_clock::now();
    std::vector<std::string> names;
    for (char c = 'j'; c >= 'a'; --c) names.push_back(std::string(1, c) + ".xml");  // 10
    auto listing = [&](std::chrono::milliseconds at) {
      t.begin_listing();
      std::vector<std::string> take;
      bool left_out = false;
      for (const std::string& n : names)
        if (t.listed(n) == watch::FolderTracker::Listed::known)
          t.seen(n, 1, 1, now + at, 10ms);
        else
          take.push_back(n);
      std::sort(take.begin(), take.end());
      const std::size_t room = t.listing_room();
      if (take.size() > room) {
        left_out = true;
        take.resize(room);
      }
      for (const std::string& n : take) t.seen(n, 1, 1, now + at, 10ms);
      t.end_listing(left_out);
    };
    listing(0ms);
    CPPUNIT_ASSERT_EQUAL(std::size_t{4}, t.size());
    CPPUNIT_ASSERT_EQUAL(std::size_t{0}, t.ready());
    CPPUNIT_ASSERT(!t.wants_listing());
    listing(20ms);  // settled
    CPPUNIT_ASSERT_EQUAL(std::size_t{4}, t.ready());
    std::vector<std::string> out;
    t.take(1, out);
    CPPUNIT_ASSERT(!t.wants_listing());  // 3 wait: more than half a batch
    t.take(1, out);
    CPPUNIT_ASSERT(t.wants_listing());
    CPPUNIT_ASSERT((out == std::vector<std::string>{"a.xml", "b.xml"}));
    t.gone("a.xml");  // the consumer removed it; b.xml stays (left for another program)
    names.erase(std::find(names.begin(), names.end(), "a.xml"));
    listing(40ms);  // c, d waiting; e, f new
    listing(60ms);
    t.take(100, out);
    CPPUNIT_ASSERT(
        (out == std::vector<std::string>{"a.xml", "b.xml", "c.xml", "d.xml", "e.xml", "f.xml"}));
    // An event's file goes before the backlog.
    listing(80ms);  // g..j
    t.arrived("z.xml", 1, 1);
    names.push_back("z.xml");
    listing(100ms);
    CPPUNIT_ASSERT_EQUAL(std::size_t{5}, t.ready());
    out.clear();
    t.take(1, out);
    CPPUNIT_ASSERT((out == std::vector<std::string>{"z.xml"}));
  }

  // A backlog three times the batch, present before the watcher starts, and a consumer that
  // removes what it imported (face_files = take): every file exactly once, never more than a
  // batch remembered whole.
  void testBacklogDeliveredOnceInBoundedBatches() {
    for (Backend b : {Backend::inotify, Backend::polling}) {
      TempDir share;
      const std::string s = share.path();
      std::set<std::string> want;
      for (int i = 0; i < 30; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "/f%02d.xml", i);
        write_file(s + name, "x");
        want.insert(s + name);
      }
      watch::WatchOptions o = fast();
      o.batch = 10;
      auto w = watch::make_watcher(b, o, s);
      w->add(s);
      w->rescan();
      std::vector<std::string> got = drain(*w, 30, 4, [&](const std::vector<std::string>& batch) {
        CPPUNIT_ASSERT(w->remembered() <= 2 * o.batch);  // not all 30
        for (const std::string& p : batch) ::unlink(p.c_str());
      });
      CPPUNIT_ASSERT_EQUAL_MESSAGE(watch::backend_name(b), std::size_t{30}, got.size());
      CPPUNIT_ASSERT(std::set<std::string>(got.begin(), got.end()) == want);
      CPPUNIT_ASSERT_MESSAGE("reported once", run_until(*w, 1, 300ms).empty());
      CPPUNIT_ASSERT_EQUAL(std::size_t{0}, w->remembered());
    }
  }

  // The same backlog left in place (face_files = leave, another program's files): each file once
  // all the same, as later listings know which ones were handed out.
  void testBacklogLeftInPlaceDeliveredOnce() {
    for (Backend b : {Backend::inotify, Backend::polling}) {
      TempDir share;
      const std::string s = share.path();
      for (int i = 0; i < 30; ++i) write_file(s + "/f" + std::to_string(i) + ".xml", "x");
      watch::WatchOptions o = fast();
      o.batch = 10;
      auto w = watch::make_watcher(b, o, s);
      w->add(s);
      w->rescan();
      std::vector<std::string> got = drain(
          *w, 31, 100, [](const std::vector<std::string>&) {},
          1500ms);  // waits for a 31st that never comes
      CPPUNIT_ASSERT_EQUAL_MESSAGE(watch::backend_name(b), std::size_t{30}, got.size());
      CPPUNIT_ASSERT_EQUAL(std::size_t{30}, std::set<std::string>(got.begin(), got.end()).size());
      CPPUNIT_ASSERT_EQUAL(std::size_t{30}, w->remembered());  // as hashes
      w->rescan();
      CPPUNIT_ASSERT_MESSAGE("reported once", run_until(*w, 1, 300ms).empty());
    }
  }

  // A check-in arriving while a backlog is worked on is delivered before the rest of the
  // backlog: it waits for what the consumer took already, not behind every waiting file.
  void testFileAddedDuringDrainGoesFirst() {
    for (Backend b : {Backend::inotify, Backend::polling}) {
      TempDir share;
      const std::string s = share.path();
      for (int i = 0; i < 30; ++i) write_file(s + "/f" + std::to_string(i) + ".xml", "x");
      watch::WatchOptions o = fast();
      o.batch = 10;
      auto w = watch::make_watcher(b, o, s);
      w->add(s);
      w->rescan();
      bool added = false;
      std::vector<std::string> got = drain(*w, 31, 2, [&](const std::vector<std::string>& batch) {
        for (const std::string& p : batch) ::unlink(p.c_str());
        if (!added) {
          write_file(s + "/new.xml", "x");
          added = true;
        }
      });
      CPPUNIT_ASSERT_EQUAL_MESSAGE(watch::backend_name(b), std::size_t{31}, got.size());
      const auto at = std::find(got.begin(), got.end(), s + "/new.xml") - got.begin();
      CPPUNIT_ASSERT_MESSAGE(watch::backend_name(b), at < 15);  // not after the 30 others
      CPPUNIT_ASSERT_EQUAL(std::size_t{31}, std::set<std::string>(got.begin(), got.end()).size());
    }
  }

  // Removed (by the terminal, another engine) before its turn: one that was ready, one not
  // listed yet. Neither is delivered; the others are, once.
  void testFileRemovedBeforeItsTurnIsNotDelivered() {
    for (Backend b : {Backend::inotify, Backend::polling}) {
      TempDir share;
      const std::string s = share.path();
      for (int i = 0; i < 30; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "/f%02d.xml", i);
        write_file(s + name, "x");
      }
      watch::WatchOptions o = fast();
      o.batch = 10;
      auto w = watch::make_watcher(b, o, s);
      w->add(s);
      w->rescan();
      bool removed = false;
      std::vector<std::string> got = drain(
          *w, 29, 3,
          [&](const std::vector<std::string>& batch) {
            for (const std::string& p : batch) ::unlink(p.c_str());
            if (!removed) {
              ::unlink((s + "/f05.xml").c_str());  // in the first batch, not taken yet
              ::unlink((s + "/f25.xml").c_str());  // not listed yet
              removed = true;
            }
          },
          2000ms);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(watch::backend_name(b), std::size_t{28}, got.size());
      CPPUNIT_ASSERT(std::find(got.begin(), got.end(), s + "/f05.xml") == got.end());
      CPPUNIT_ASSERT(std::find(got.begin(), got.end(), s + "/f25.xml") == got.end());
      CPPUNIT_ASSERT_EQUAL(std::size_t{28}, std::set<std::string>(got.begin(), got.end()).size());
    }
  }

  // More events than the kernel queues (IN_Q_OVERFLOW): the folder is listed again, in bounded
  // batches, and every file is delivered once.
  void testInotifyOverflowListsAgain() {
    std::size_t queued = 16384;
    std::ifstream("/proc/sys/fs/inotify/max_queued_events") >> queued;
    const std::size_t n = queued / 2 + 500;  // two events each (create, close)
    TempDir share;
    const std::string s = share.path();
    watch::WatchOptions o = fast();
    o.batch = 1000;
    auto w = watch::make_watcher(Backend::inotify, o, s);
    w->add(s);
    w->rescan();
    CPPUNIT_ASSERT(run_until(*w, 1, 50ms).empty());
    for (std::size_t i = 0; i < n; ++i) write_file(s + "/f" + std::to_string(i), "");
    std::set<std::string> got;
    std::size_t reports = 0;
    drain(
        *w, n, 500,
        [&](const std::vector<std::string>& batch) {
          reports += batch.size();
          got.insert(batch.begin(), batch.end());
          for (const std::string& p : batch) ::unlink(p.c_str());
        },
        20000ms);
    CPPUNIT_ASSERT_EQUAL(n, got.size());
    CPPUNIT_ASSERT_EQUAL(n, reports);
  }

  void testInotifyReportsClosedAndRenamedFiles() {
    TempDir share, other;
    auto w = watch::make_watcher(Backend::inotify, fast(), share.path());
    CPPUNIT_ASSERT(w->backend() == Backend::inotify);
    w->add(share.path());
    write_file(share.path() + "/a.xml", "<a/>");
    write_file(other.path() + "/b.xml", "<b/>");
    CPPUNIT_ASSERT_EQUAL(
        0, ::rename((other.path() + "/b.xml").c_str(), (share.path() + "/b.xml").c_str()));
    std::vector<std::string> got = run_until(*w, 2);
    std::sort(got.begin(), got.end());
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, got.size());
    CPPUNIT_ASSERT_EQUAL(share.path() + "/a.xml", got[0]);
    CPPUNIT_ASSERT_EQUAL(share.path() + "/b.xml", got[1]);
  }

  void testInotifyWaitsForClose() {
    TempDir share;
    auto w = watch::make_watcher(Backend::inotify, fast(), share.path());
    w->add(share.path());
    std::string path = share.path() + "/partial.xml";
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT, 0600);
    CPPUNIT_ASSERT(::write(fd, "<XmlMsg>", 8) == 8);
    CPPUNIT_ASSERT(run_until(*w, 1, 200ms).empty());  // still open for writing
    CPPUNIT_ASSERT(::write(fd, "</XmlMsg>", 9) == 9);
    ::close(fd);
    std::vector<std::string> got = run_until(*w, 1);
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, got.size());
    CPPUNIT_ASSERT_EQUAL(path, got[0]);
  }

  void testInotifyRescanFindsExistingFiles() {
    TempDir share;
    write_file(share.path() + "/before1.xml", "x");
    write_file(share.path() + "/before2.xml", "y");
    auto w = watch::make_watcher(Backend::inotify, fast(), share.path());
    w->add(share.path());
    w->rescan();
    std::vector<std::string> got = run_until(*w, 2);
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, got.size());
    // Nothing is reported twice without a change.
    CPPUNIT_ASSERT(run_until(*w, 1, 200ms).empty());
  }

  void testPollingReportsStableFilesOnce() {
    TempDir share;
    auto w = watch::make_watcher(Backend::polling, fast(), share.path());
    CPPUNIT_ASSERT(w->backend() == Backend::polling);
    CPPUNIT_ASSERT_EQUAL(-1, w->fd());
    w->add(share.path());
    write_file(share.path() + "/r.xml", "<r/>");
    std::vector<std::string> got = run_until(*w, 1);
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, got.size());
    CPPUNIT_ASSERT(run_until(*w, 1, 200ms).empty());
    // Removed and written again: reported again.
    ::unlink((share.path() + "/r.xml").c_str());
    run_until(*w, 1, 100ms);
    write_file(share.path() + "/r.xml", "<r>2</r>");
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, run_until(*w, 1).size());
  }

  void testPollingWaitsWhileFileGrows() {
    TempDir share;
    watch::WatchOptions o = fast();
    o.settle = 500ms;
    auto w = watch::make_watcher(Backend::polling, o, share.path());
    w->add(share.path());
    std::string path = share.path() + "/growing.xml";
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT, 0600);
    std::vector<std::string> got;
    for (int i = 0; i < 8; ++i) {  // keeps changing every 40 ms: never stable
      CPPUNIT_ASSERT(::write(fd, "0123456789", 10) == 10);
      std::vector<std::string> some = run_until(*w, 1, 40ms);
      got.insert(got.end(), some.begin(), some.end());
    }
    ::close(fd);
    CPPUNIT_ASSERT(got.empty());
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, run_until(*w, 1).size());
  }

  // Everything but dot names is reported, once, found with lstat(): a link (to a file outside,
  // to a folder), a sub-folder, a fifo (opening one would block). Nothing is followed or opened:
  // the importer refuses and quarantines them.
  void testReportsLinksFoldersAndFifosButNotDotFiles() {
    for (Backend b : {Backend::inotify, Backend::polling}) {
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
    for (Backend b : {Backend::inotify, Backend::polling}) {
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

  // Our own folders nested in a watched one by configuration are never reported (they would be
  // quarantined): by path and by identity.
  void testOwnFoldersAreNeverReported() {
    for (Backend b : {Backend::inotify, Backend::polling}) {
      TempDir share, other;
      const std::string s = share.path();
      CPPUNIT_ASSERT_EQUAL(0, ::mkdir((s + "/req").c_str(), 0700));
      CPPUNIT_ASSERT_EQUAL(0, ::mkdir((s + "/archive").c_str(), 0700));
      CPPUNIT_ASSERT_EQUAL(0, ::symlink((s + "/archive").c_str(), (other.path() + "/a").c_str()));
      watch::WatchOptions o = fast();
      o.keep = {s + "/req/", other.path() + "/a"};  // a trailing slash; a link to the folder
      auto w = watch::make_watcher(b, o, s);
      w->add(s);
      w->rescan();
      CPPUNIT_ASSERT_EQUAL(0, ::mkdir((s + "/stray").c_str(), 0700));
      std::vector<std::string> got = run_until(*w, 2, 600ms);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(watch::backend_name(b), std::size_t{1}, got.size());
      CPPUNIT_ASSERT_EQUAL(s + "/stray", got[0]);
    }
  }

  // The folder disappears (removed; an unmounted share looks the same): one ONSHI-E-WATCH-001
  // line, lost() names it, then one ONSHI-I-WATCH-002 when it is back, and files in it are
  // reported again.
  void testLostFolderLoggedOnceAndWatchedWhenBack() {
    for (Backend b : {Backend::inotify, Backend::polling}) {
      LogCapture log;
      TempDir share;
      const std::string res = share.path() + "/res";
      auto w = watched_folder(b, res);
      CPPUNIT_ASSERT(w->lost().empty());
      CPPUNIT_ASSERT_EQUAL(0, ::rmdir(res.c_str()));
      run_until(*w, 1, 400ms);  // several looks at the missing folder
      CPPUNIT_ASSERT_EQUAL_MESSAGE(watch::backend_name(b), std::size_t{1}, w->lost().size());
      CPPUNIT_ASSERT_EQUAL(res, w->lost()[0]);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(watch::backend_name(b), 1, log.count("ONSHI-E-WATCH-001"));
      CPPUNIT_ASSERT_EQUAL(0, log.count("ONSHI-I-WATCH-002"));
      CPPUNIT_ASSERT_EQUAL(0, ::mkdir(res.c_str(), 0700));
      write_file(res + "/after.xml", "x");
      std::vector<std::string> got = run_until(*w, 1);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(watch::backend_name(b), std::size_t{1}, got.size());
      CPPUNIT_ASSERT_EQUAL(res + "/after.xml", got[0]);
      CPPUNIT_ASSERT(w->lost().empty());
      CPPUNIT_ASSERT_EQUAL(1, log.count("ONSHI-E-WATCH-001"));
      CPPUNIT_ASSERT_EQUAL(1, log.count("ONSHI-I-WATCH-002"));
    }
  }

  // The folder is replaced by another one at the same path without ever going away (renamed
  // away and made again; a share mounted over a mount point that holds local folders is the
  // same for the watcher): the new folder is watched, the old one no longer reported under the
  // path. Without a look at the folder's identity inotify would keep watching the old inode.
  void testReplacedFolderIsWatchedAnew() {
    for (Backend b : {Backend::inotify, Backend::polling}) {
      LogCapture log;
      TempDir share;
      const std::string res = share.path() + "/res", old = share.path() + "/res.old";
      auto w = watched_folder(b, res);
      CPPUNIT_ASSERT_EQUAL(0, ::rename(res.c_str(), old.c_str()));
      CPPUNIT_ASSERT_EQUAL(0, ::mkdir(res.c_str(), 0700));
      write_file(old + "/hidden.xml", "x");
      write_file(res + "/new.xml", "x");
      std::vector<std::string> got = run_until(*w, 2, 1000ms);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(watch::backend_name(b), std::size_t{1}, got.size());
      CPPUNIT_ASSERT_EQUAL(res + "/new.xml", got[0]);
      CPPUNIT_ASSERT(w->lost().empty());
      CPPUNIT_ASSERT_EQUAL_MESSAGE(watch::backend_name(b), 1, log.count("ONSHI-I-WATCH-004"));
      write_file(res + "/later.xml", "x");  // and it keeps watching the new one
      got = run_until(*w, 1);
      CPPUNIT_ASSERT_EQUAL(std::size_t{1}, got.size());
      CPPUNIT_ASSERT_EQUAL(res + "/later.xml", got[0]);
    }
  }

  // res/ replaced by a link to a folder elsewhere: never listed through it.
  void testFolderReplacedByLinkIsNotFollowed() {
    for (Backend b : {Backend::inotify, Backend::polling}) {
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

  void testRemovedFilesAreForgotten() {
    for (Backend b : {Backend::inotify, Backend::polling}) {
      TempDir share;
      auto w = watch::make_watcher(b, fast(), share.path());
      w->add(share.path());
      for (int i = 0; i < 50; ++i)
        write_file(share.path() + "/f" + std::to_string(i) + ".xml", "x");
      CPPUNIT_ASSERT_EQUAL_MESSAGE(watch::backend_name(b), std::size_t{50},
                                   run_until(*w, 50).size());
      CPPUNIT_ASSERT_EQUAL(std::size_t{50}, w->remembered());
      for (int i = 0; i < 50; ++i)
        ::unlink((share.path() + "/f" + std::to_string(i) + ".xml").c_str());
      run_until(*w, 1, 200ms);  // delete events (inotify) or the next listing (polling)
      CPPUNIT_ASSERT_EQUAL_MESSAGE(watch::backend_name(b), std::size_t{0}, w->remembered());
    }
  }

  void testAutomaticPicksInotifyOnLocalDisk() {
    TempDir share;
    CPPUNIT_ASSERT(!watch::is_network_filesystem(share.path()));
    CPPUNIT_ASSERT(watch::make_watcher(Backend::automatic, fast(), share.path())->backend() ==
                   Backend::inotify);
    CPPUNIT_ASSERT(watch::backend_from_name("poll") == Backend::polling);
    CPPUNIT_ASSERT_THROW(watch::backend_from_name("magic"), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(watch::is_network_filesystem(share.path() + "/missing"), Error);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(WatcherTest);

}  // namespace onshi::test
