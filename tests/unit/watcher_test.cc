// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Both watcher backends against real files in a real folder.
#include <cppunit/extensions/HelperMacros.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "support/fixtures.h"
#include "common/error.h"
#include "watch/watcher.h"

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
                                         deadline - std::chrono::steady_clock::now()).count());
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
  CPPUNIT_TEST(testInotifyReportsClosedAndRenamedFiles);
  CPPUNIT_TEST(testInotifyWaitsForClose);
  CPPUNIT_TEST(testInotifyRescanFindsExistingFiles);
  CPPUNIT_TEST(testPollingReportsStableFilesOnce);
  CPPUNIT_TEST(testPollingWaitsWhileFileGrows);
  CPPUNIT_TEST(testIgnoresDotFilesDirectoriesAndSymlinks);
  CPPUNIT_TEST(testAutomaticPicksInotifyOnLocalDisk);
  CPPUNIT_TEST(testRemovedFilesAreForgotten);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testTrackerNeedsTwoEqualLooks() {
    watch::StabilityTracker t;
    auto now = std::chrono::steady_clock::now();
    CPPUNIT_ASSERT(!t.observe("/d/a", 10, 1, now, 100ms));            // first look
    CPPUNIT_ASSERT(!t.observe("/d/a", 10, 1, now + 50ms, 100ms));     // not settled yet
    CPPUNIT_ASSERT(!t.observe("/d/a", 20, 2, now + 150ms, 100ms));    // changed: start again
    CPPUNIT_ASSERT(t.observe("/d/a", 20, 2, now + 300ms, 100ms));     // stable: report
    CPPUNIT_ASSERT(!t.observe("/d/a", 20, 2, now + 400ms, 100ms));    // once
    CPPUNIT_ASSERT(!t.observe("/d/a", 30, 3, now + 500ms, 100ms));    // rewritten
    CPPUNIT_ASSERT(t.observe("/d/a", 30, 3, now + 700ms, 100ms));     // reported again
    t.retain_only("/d", {});
    CPPUNIT_ASSERT(!t.has_pending());
    CPPUNIT_ASSERT(!t.observe("/d/a", 30, 3, now + 800ms, 100ms));    // forgotten: new again
  }

  void testInotifyReportsClosedAndRenamedFiles() {
    TempDir share, other;
    auto w = watch::make_watcher(Backend::inotify, fast(), share.path());
    CPPUNIT_ASSERT(w->backend() == Backend::inotify);
    w->add(share.path());
    write_file(share.path() + "/a.xml", "<a/>");
    write_file(other.path() + "/b.xml", "<b/>");
    CPPUNIT_ASSERT_EQUAL(0, ::rename((other.path() + "/b.xml").c_str(), (share.path() + "/b.xml").c_str()));
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

  void testIgnoresDotFilesDirectoriesAndSymlinks() {
    for (Backend b : {Backend::inotify, Backend::polling}) {
      TempDir share;
      auto w = watch::make_watcher(b, fast(), share.path());
      w->add(share.path());
      w->rescan();
      write_file(share.path() + "/.tmp-writing.xml", "x");
      CPPUNIT_ASSERT_EQUAL(0, ::mkdir((share.path() + "/sub").c_str(), 0700));
      CPPUNIT_ASSERT_EQUAL(0, ::symlink("/etc/passwd", (share.path() + "/link.xml").c_str()));
      write_file(share.path() + "/real.xml", "x");
      std::vector<std::string> got = run_until(*w, 2, 400ms);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(watch::backend_name(b), std::size_t{1}, got.size());
      CPPUNIT_ASSERT_EQUAL(share.path() + "/real.xml", got[0]);
    }
  }

  void testRemovedFilesAreForgotten() {
    for (Backend b : {Backend::inotify, Backend::polling}) {
      TempDir share;
      auto w = watch::make_watcher(b, fast(), share.path());
      w->add(share.path());
      for (int i = 0; i < 50; ++i) write_file(share.path() + "/f" + std::to_string(i) + ".xml", "x");
      CPPUNIT_ASSERT_EQUAL_MESSAGE(watch::backend_name(b), std::size_t{50}, run_until(*w, 50).size());
      CPPUNIT_ASSERT_EQUAL(std::size_t{50}, w->remembered());
      for (int i = 0; i < 50; ++i) ::unlink((share.path() + "/f" + std::to_string(i) + ".xml").c_str());
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
