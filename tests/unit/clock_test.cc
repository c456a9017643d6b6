// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Local date/time stamps and the test-only clock offset (ONSHI_TEST_CLOCK_OFFSET_FILE): a running
// program's wall clock moves when the file is replaced; no file or no number means no offset.
#include "common/clock.h"

#include <cppunit/extensions/HelperMacros.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "common/log.h"
#include "support/fixtures.h"

namespace onshi::test {

class ClockTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ClockTest);
  CPPUNIT_TEST(testFormats);
  CPPUNIT_TEST(testNoOffsetByDefault);
  CPPUNIT_TEST(testOffsetFileMovesTheClock);
  CPPUNIT_TEST_SUITE_END();

  /// wall_clock_now() - time(nullptr), rounded to whole minutes (the test takes well under one).
  static long long minutes_moved() {
    const std::time_t before = std::time(nullptr);
    const std::time_t moved = wall_clock_now();
    return static_cast<long long>(moved - before + (moved >= before ? 30 : -30)) / 60;
  }

  /// Replaces `path` atomically with `text` (as a test script would: write, then rename).
  static void replace(const TempDir& dir, const std::string& path, const std::string& text) {
    ::usleep(20 * 1000);  // a new mtime even on coarse file-system clocks
    const std::string tmp = dir.write("offset.tmp", text);
    CPPUNIT_ASSERT_EQUAL(0, std::rename(tmp.c_str(), path.c_str()));
  }

 public:
  void tearDown() override { ::unsetenv(kTestClockOffsetEnv); }

  void testFormats() {
    std::tm tm{};
    tm.tm_year = 2025 - 1900;
    tm.tm_mon = 5;
    tm.tm_mday = 12;
    tm.tm_hour = 7;
    tm.tm_min = 5;
    tm.tm_sec = 9;
    tm.tm_isdst = -1;
    const std::time_t t = std::mktime(&tm);
    CPPUNIT_ASSERT_EQUAL(std::string("20250612"), local_date8(t));
    CPPUNIT_ASSERT_EQUAL(std::string("070509"), local_time6(t));
  }

  void testNoOffsetByDefault() {
    ::unsetenv(kTestClockOffsetEnv);
    CPPUNIT_ASSERT_EQUAL(0LL, minutes_moved());
    TempDir dir;
    ::setenv(kTestClockOffsetEnv, (dir.path() + "/missing").c_str(), 1);
    CPPUNIT_ASSERT_EQUAL(0LL, minutes_moved());
  }

  void testOffsetFileMovesTheClock() {
    log::Settings saved = log::settings();
    log::Settings quiet;
    quiet.to_stderr = false;
    log::configure(quiet);
    std::vector<std::string> lines;
    log::set_capture([&](log::Level, const std::string& line) { lines.push_back(line); });

    TempDir dir;
    const std::string path = dir.path() + "/offset";
    ::setenv(kTestClockOffsetEnv, path.c_str(), 1);
    replace(dir, path, "86400\n");
    CPPUNIT_ASSERT_EQUAL(24LL * 60, minutes_moved());
    // Tomorrow's date by default (unless midnight passes between the two calls: then retry).
    std::string expected, got;
    for (int i = 0; i < 3 && (expected.empty() || expected != got); ++i) {
      expected = local_date8(std::time(nullptr) + 86400);
      got = local_date8();
    }
    CPPUNIT_ASSERT_EQUAL(expected, got);
    // A running program sees each change (a jump back, then forward again).
    replace(dir, path, "-3600");
    CPPUNIT_ASSERT_EQUAL(-60LL, minutes_moved());
    replace(dir, path, "  7200 \n");
    CPPUNIT_ASSERT_EQUAL(120LL, minutes_moved());
    CPPUNIT_ASSERT_EQUAL(120LL, minutes_moved());  // unchanged file: same offset, no re-read
    // Not a number: no offset (and said so).
    replace(dir, path, "3600 s");
    CPPUNIT_ASSERT_EQUAL(0LL, minutes_moved());
    replace(dir, path, "-60");
    CPPUNIT_ASSERT_EQUAL(-1LL, minutes_moved());
    // The file removed: no offset.
    CPPUNIT_ASSERT_EQUAL(0, ::unlink(path.c_str()));
    CPPUNIT_ASSERT_EQUAL(0LL, minutes_moved());
    // The variable unset: no offset, even with a file there.
    replace(dir, path, "600");
    ::unsetenv(kTestClockOffsetEnv);
    CPPUNIT_ASSERT_EQUAL(0LL, minutes_moved());

    log::set_capture(nullptr);
    log::configure(saved);
    std::string all;
    for (const std::string& l : lines) all += l + "\n";
    CPPUNIT_ASSERT_MESSAGE(all, all.find("clock: test clock offset 86400 s") != std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(all, all.find("clock: test clock offset -3600 s") != std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(all, all.find("holds no number") != std::string::npos);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ClockTest);

}  // namespace onshi::test
