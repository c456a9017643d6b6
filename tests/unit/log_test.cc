// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// Log lines: a hostile file name or error text never reaches a log raw. Control
// characters and invalid UTF-8 are escaped in the one place every line passes (log::write);
// valid UTF-8 (Japanese text, written here as bytes: sources stay ASCII) is kept.
#include "common/log.h"

#include <cppunit/extensions/HelperMacros.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "support/fixtures.h"

namespace onshi::test {
namespace {

/// True when `s` holds a C0 control character or DEL (what a terminal would act on).
bool has_control(const std::string& s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return true;
  }
  return false;
}

}  // namespace

class LogTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(LogTest);
  CPPUNIT_TEST(testControlCharactersEscaped);
  CPPUNIT_TEST(testNewlineFolded);
  CPPUNIT_TEST(testValidUtf8Kept);
  CPPUNIT_TEST(testInvalidUtf8Escaped);
  CPPUNIT_TEST(testC1ControlsEscaped);
  CPPUNIT_TEST(testBackslashCannotForgeAnEscape);
  CPPUNIT_TEST(testEveryLineIsEscaped);
  CPPUNIT_TEST(testStderrGetsNoRawControlCharacter);
  CPPUNIT_TEST(testJournalStreamMatchesDeviceAndInode);
  CPPUNIT_TEST(testStderrIsJournalFollowsJournalStream);
  CPPUNIT_TEST(testJournalOnlyWhenTheProgramAsks);
  CPPUNIT_TEST(testJournalFields);
  CPPUNIT_TEST(testJournalMessageIdIsNameBasedUuid);
  CPPUNIT_TEST(testFileStampIsLocalTimeWithOffset);
  CPPUNIT_TEST(testFileGetsStampedEscapedLines);
  CPPUNIT_TEST(testFileReopenedAfterRotation);
  CPPUNIT_TEST(testUnopenableFileRefusedSettingsKept);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testControlCharactersEscaped() {
    CPPUNIT_ASSERT_EQUAL(std::string("a\\x1B[31mb\\x1B]0;x\\x07"),
                         log::escape_line("a\x1b[31mb\x1b]0;x\x07"));
    CPPUNIT_ASSERT_EQUAL(std::string("ok\\x0Dfake"), log::escape_line("ok\rfake"));
    CPPUNIT_ASSERT_EQUAL(std::string("a\\x09b"), log::escape_line("a\tb"));
    CPPUNIT_ASSERT_EQUAL(std::string("\\x00\\x01\\x1F\\x7F~ "),
                         log::escape_line(std::string("\0\x01\x1f\x7f~ ", 6)));
    CPPUNIT_ASSERT_EQUAL(
        std::string("plain text: 0-9 A-Z a-z !\"#$%&'()*+,-./:;<=>?@[]^_`{|}~"),
        log::escape_line("plain text: 0-9 A-Z a-z !\"#$%&'()*+,-./:;<=>?@[]^_`{|}~"));
  }

  void testNewlineFolded() {
    // As before: one event, one line; a server message's DETAIL stays on it.
    CPPUNIT_ASSERT_EQUAL(std::string("ERROR:  x DETAIL:  y "),
                         log::escape_line("ERROR:  x\nDETAIL:  y\n"));
  }

  void testValidUtf8Kept() {
    const std::string japanese =
        "\xE6\x82\xA3\xE8\x80\x85 "              // kanji (U+60A3 U+8005)
        "\xEF\xBE\x83\xEF\xBD\xBD\xEF\xBE\x84 "  // half-width kana (U+FF83 U+FF7D U+FF84)
        "\xE2\x97\x8F "                          // the unrepresentable mark (U+25CF)
        "\xE3\x80\x80 "                          // ideographic space (U+3000)
        "\xF0\xA0\xAE\xB7 "                      // outside the BMP (U+20BB7)
        "\xC2\xA0\xC3\xA9 "                      // U+00A0, U+00E9
        "\xEF\xBF\xBD \xF4\x8F\xBF\xBF";         // U+FFFD, U+10FFFF
    CPPUNIT_ASSERT_EQUAL(japanese, log::escape_line(japanese));
  }

  void testInvalidUtf8Escaped() {
    CPPUNIT_ASSERT_EQUAL(std::string("\\xFF\\xFE"), log::escape_line("\xff\xfe"));
    // A lone continuation byte.
    CPPUNIT_ASSERT_EQUAL(std::string("a\\x80b"), log::escape_line(std::string("a\x80") + "b"));
    CPPUNIT_ASSERT_EQUAL(std::string("\\xE6\\x82x"), log::escape_line("\xe6\x82x"));  // truncated
    CPPUNIT_ASSERT_EQUAL(std::string("\\xE6\\x82"), log::escape_line("\xe6\x82"));    // at the end
    CPPUNIT_ASSERT_EQUAL(std::string("\\xC0\\xAF"), log::escape_line("\xc0\xaf"));  // overlong '/'
    CPPUNIT_ASSERT_EQUAL(std::string("\\xE0\\x80\\xAF"), log::escape_line("\xe0\x80\xaf"));
    CPPUNIT_ASSERT_EQUAL(std::string("\\xF0\\x80\\x80\\xAF"), log::escape_line("\xf0\x80\x80\xaf"));
    // A surrogate.
    CPPUNIT_ASSERT_EQUAL(std::string("\\xED\\xA0\\x80"), log::escape_line("\xed\xa0\x80"));
    CPPUNIT_ASSERT_EQUAL(std::string("\\xF4\\x90\\x80\\x80"), log::escape_line("\xf4\x90\x80\x80"));
    CPPUNIT_ASSERT_EQUAL(std::string("\\xF5\\x80"), log::escape_line("\xf5\x80"));
    // A Shift_JIS name (as a CP932 terminal might write it): every non-UTF-8 byte shown.
    CPPUNIT_ASSERT_EQUAL(std::string("\\x83e\\x83X\\x83g.xml"),
                         log::escape_line("\x83\x65\x83X\x83g.xml"));
    // Good text after a bad byte is kept.
    CPPUNIT_ASSERT_EQUAL(std::string("\\xFF\xE6\x82\xA3"), log::escape_line("\xff\xe6\x82\xa3"));
  }

  void testC1ControlsEscaped() {
    // U+009B (CSI) and U+0085 (NEL) are controls for some terminals even as UTF-8.
    CPPUNIT_ASSERT_EQUAL(std::string("a\\xC2\\x9B31mb\\xC2\\x85"),
                         log::escape_line(std::string("a\xc2\x9b") + "31mb\xc2\x85"));
  }

  void testBackslashCannotForgeAnEscape() {
    CPPUNIT_ASSERT_EQUAL(std::string("res/a\\\\b.xml"), log::escape_line("res/a\\b.xml"));
    // The text "\x1B" in a name is not mistaken for an escaped ESC.
    CPPUNIT_ASSERT_EQUAL(std::string("\\\\x1B \\x1B"), log::escape_line("\\x1B \x1b"));
  }

  void testEveryLineIsEscaped() {
    std::vector<std::string> lines;
    log::Settings saved = log::settings();
    log::Settings quiet;
    quiet.to_stderr = false;
    log::configure(quiet);
    log::set_capture([&](log::Level, const std::string& line) { lines.push_back(line); });
    log::warning("engine", "ONSHI-W-IMPORT-003",
                 "res/OQSsiquc01res_a\x1b[2J\rb\tc\x7f\xff.xml: refused (unknown_kind)");
    log::Complaint c("engine", "ONSHI-E-DB-001", "ONSHI-I-DB-002");
    c.complain("server said\x1b[31m no\nDETAIL: x");
    c.recover("back\r");
    log::set_capture(nullptr);
    log::configure(saved);
    CPPUNIT_ASSERT_EQUAL(std::size_t(3), lines.size());
    CPPUNIT_ASSERT_EQUAL(
        std::string(
            "engine: ONSHI-W-IMPORT-003 res/OQSsiquc01res_a\\x1B[2J\\x0Db\\x09c\\x7F\\xFF.xml: "
            "refused (unknown_kind)"),
        lines[0]);
    CPPUNIT_ASSERT_EQUAL(std::string("engine: ONSHI-E-DB-001 server said\\x1B[31m no DETAIL: x"),
                         lines[1]);
    CPPUNIT_ASSERT_EQUAL(std::string("engine: ONSHI-I-DB-002 back\\x0D (after 1 failures)"),
                         lines[2]);
  }

  void testStderrGetsNoRawControlCharacter() {
    TempDir dir;
    const std::string path = dir.path() + "/stderr.txt";
    std::fflush(stderr);
    const int saved_fd = ::dup(2);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CPPUNIT_ASSERT(saved_fd >= 0 && fd >= 0);
    ::dup2(fd, 2);
    ::close(fd);
    log::Settings saved = log::settings();
    log::Settings s;
    s.level = log::Level::debug;
    log::configure(s);
    log::debug("engine", std::string("face/x\x1b]2;title\x07\r\x00\x9b.xml: gone", 29));
    log::error("engine", "ONSHI-E-IMPORT-006", "face/\xe6\x82\xa3.xml: stat: \x1b[1m");
    log::configure(saved);
    std::fflush(stderr);
    ::dup2(saved_fd, 2);
    ::close(saved_fd);
    const std::string out = read_all(path);
    CPPUNIT_ASSERT_EQUAL(
        std::string("DEBUG engine: face/x\\x1B]2;title\\x07\\x0D\\x00\\x9B.xml: gone\n"
                    "ERROR engine: ONSHI-E-IMPORT-006 face/\xe6\x82\xa3.xml: stat: "
                    "\\x1B[1m\n"),
        out);
    std::string without_newlines;
    for (char c : out)
      if (c != '\n') without_newlines += c;
    CPPUNIT_ASSERT(!has_control(without_newlines));
  }

  void testJournalStreamMatchesDeviceAndInode() {
    CPPUNIT_ASSERT(log::journal_stream_matches("8:1234", 8, 1234));
    CPPUNIT_ASSERT(log::journal_stream_matches("0:18446744073709551615", 0, UINT64_MAX));
    CPPUNIT_ASSERT(!log::journal_stream_matches(nullptr, 8, 1234));   // not under systemd
    CPPUNIT_ASSERT(!log::journal_stream_matches("8:1235", 8, 1234));  // stderr redirected
    CPPUNIT_ASSERT(!log::journal_stream_matches("9:1234", 8, 1234));
    for (const char* bad : {"", "8", "8:", ":1234", "8:1234x", "8:1234:5", " 8:1234", "+8:1234",
                            "8:-1234", "0x8:1234", "18446744073709551616:1234"})
      CPPUNIT_ASSERT_MESSAGE(bad, !log::journal_stream_matches(bad, 8, 1234));
  }

  void testStderrIsJournalFollowsJournalStream() {
    // The real standard error of this process, compared the way configure() does; whether a
    // journal runs here does not matter (nothing is sent).
    struct stat st;
    CPPUNIT_ASSERT_EQUAL(0, ::fstat(2, &st));
    const char* old = std::getenv("JOURNAL_STREAM");
    const std::string saved = old ? old : "";
    const std::string same = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
    const std::string other = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino + 1);
    ::setenv("JOURNAL_STREAM", same.c_str(), 1);
    const bool matched = log::stderr_is_journal();
    ::setenv("JOURNAL_STREAM", other.c_str(), 1);
    const bool other_file = log::stderr_is_journal();
    ::unsetenv("JOURNAL_STREAM");
    const bool unset = log::stderr_is_journal();
    if (old) ::setenv("JOURNAL_STREAM", saved.c_str(), 1);
    CPPUNIT_ASSERT(matched);
    CPPUNIT_ASSERT(!other_file);
    CPPUNIT_ASSERT(!unset);
  }

  void testJournalOnlyWhenTheProgramAsks() {
    // configure() decides once: the journal only for a program that asks (the engine) and
    // writes stderr lines, and only when stderr is the journal stream. A tool or the host's
    // program whose stderr is the journal stream keeps plain lines. (Nothing is written here:
    // no journal is needed.)
    struct stat st;
    CPPUNIT_ASSERT_EQUAL(0, ::fstat(2, &st));
    const char* old = std::getenv("JOURNAL_STREAM");
    const std::string saved_env = old ? old : "";
    const log::Settings saved = log::settings();
    auto decided = [](bool journal, bool to_stderr) {
      log::Settings s;
      s.journal = journal;
      s.to_stderr = to_stderr;
      log::configure(s);
      return log::journal_active();
    };
    ::setenv("JOURNAL_STREAM",
             (std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino)).c_str(), 1);
    const bool engine = decided(true, true);
    const bool tool = decided(false, true);
    const bool no_stderr = decided(true, false);
    ::setenv("JOURNAL_STREAM",
             (std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino + 1)).c_str(), 1);
    const bool redirected = decided(true, true);
    if (old)
      ::setenv("JOURNAL_STREAM", saved_env.c_str(), 1);
    else
      ::unsetenv("JOURNAL_STREAM");
    log::configure(saved);
    CPPUNIT_ASSERT_EQUAL(log::journal_supported(), engine);  // --with-systemd=no: plain lines
    CPPUNIT_ASSERT(!tool);
    CPPUNIT_ASSERT(!no_stderr);
    CPPUNIT_ASSERT(!redirected);
    CPPUNIT_ASSERT(!log::journal_active());  // the default settings: plain stderr
  }

  void testJournalFields() {
    using V = std::vector<std::string>;
    CPPUNIT_ASSERT(V({"MESSAGE=engine: ONSHI-W-IMPORT-003 facility 2 res/x.xml: refused",
                      "PRIORITY=4", "SYSLOG_FACILITY=3", "SYSLOG_IDENTIFIER=onshi-exchanged",
                      "ONSHI_COMPONENT=engine", "ONSHI_MESSAGE_ID=ONSHI-W-IMPORT-003",
                      "ONSHI_HOSPNUM=2", "MESSAGE_ID=705f25f1d93e8e0f93c673dde98caa38"}) ==
                   log::journal_fields(log::Level::warning, "engine", "ONSHI-W-IMPORT-003", 2,
                                       "engine: ONSHI-W-IMPORT-003 facility 2 res/x.xml: refused",
                                       "onshi-exchanged"));
    // No ID, no facility: no empty fields.
    CPPUNIT_ASSERT(V({"MESSAGE=clock: jumped", "PRIORITY=7", "SYSLOG_FACILITY=3",
                      "SYSLOG_IDENTIFIER=onshi", "ONSHI_COMPONENT=clock"}) ==
                   log::journal_fields(log::Level::debug, "clock", "", std::nullopt,
                                       "clock: jumped", "onshi"));
    // PRIORITY is syslog's level of each of ours; MESSAGE is the line as given (escaped before).
    const std::pair<log::Level, const char*> levels[] = {{log::Level::error, "PRIORITY=3"},
                                                         {log::Level::warning, "PRIORITY=4"},
                                                         {log::Level::info, "PRIORITY=6"},
                                                         {log::Level::debug, "PRIORITY=7"}};
    for (const auto& [level, priority] : levels)
      CPPUNIT_ASSERT_EQUAL(std::string(priority),
                           log::journal_fields(level, "db", "ONSHI-E-DB-001", 1, "x", "p")[1]);
    CPPUNIT_ASSERT_EQUAL(std::string("MESSAGE=a\\x1B"),
                         log::journal_fields(log::Level::info, "c", "", 1, "a\\x1B", "p")[0]);
  }

  void testJournalMessageIdIsNameBasedUuid() {
    // RFC 9562 appendix B.2: the name-based UUIDv8 of "www.example.com" in the DNS namespace
    // with SHA-256 is 5c146b14-3c52-8afd-938a-375d0df1fbf6.
    const unsigned char dns[16] = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                   0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
    const std::string_view dns_ns(reinterpret_cast<const char*>(dns), sizeof dns);
    CPPUNIT_ASSERT_EQUAL(std::string("5c146b143c528afd938a375d0df1fbf6"),
                         log::name_based_uuid_sha256(dns_ns, "www.example.com"));
    CPPUNIT_ASSERT_THROW(log::name_based_uuid_sha256("short", "x"), std::invalid_argument);
    // Our IDs in the project's namespace: fixed for good (monitoring and a catalog may refer to
    // them), one per ID.
    CPPUNIT_ASSERT_EQUAL(std::string("b54f1fd4b5068aeb95f2b553fc0be15e"),
                         log::journal_message_id("ONSHI-E-DB-001"));
    CPPUNIT_ASSERT_EQUAL(std::string("f5b00e4f3daa890c8f76611db2327933"),
                         log::journal_message_id("ONSHI-I-DB-002"));
    CPPUNIT_ASSERT(log::journal_message_id("ONSHI-E-DB-001") !=
                   log::journal_message_id("ONSHI-E-DB-002"));
    for (const char* id : {"ONSHI-E-DB-001", "ONSHI-W-IMPORT-003", "", "E-TERMINAL-001"}) {
      const std::string uuid = log::journal_message_id(id);
      // journald's form: 32 lower-case hex digits; version 8, RFC 9562 variant.
      CPPUNIT_ASSERT_EQUAL(std::size_t(32), uuid.size());
      CPPUNIT_ASSERT_EQUAL(std::string::npos, uuid.find_first_not_of("0123456789abcdef"));
      CPPUNIT_ASSERT_EQUAL('8', uuid[12]);
      CPPUNIT_ASSERT(std::string("89ab").find(uuid[16]) != std::string::npos);
    }
    // The entry carries both names of the ID, and neither without one.
    const auto fields =
        log::journal_fields(log::Level::error, "db", "ONSHI-E-DB-001", std::nullopt, "x", "p");
    CPPUNIT_ASSERT(std::find(fields.begin(), fields.end(),
                             "MESSAGE_ID=b54f1fd4b5068aeb95f2b553fc0be15e") != fields.end());
    for (const std::string& f : log::journal_fields(log::Level::info, "c", "", 1, "x", "p"))
      CPPUNIT_ASSERT(f.rfind("MESSAGE_ID=", 0) != 0 && f.rfind("CODE_", 0) != 0);
  }

  /// Runs `f` with the time zone `tz` ($TZ), then restores the one before.
  template <class F>
  static void in_time_zone(const char* tz, F f) {
    const char* old = std::getenv("TZ");
    const std::string saved = old ? old : "";
    ::setenv("TZ", tz, 1);
    ::tzset();
    try {
      f();
    } catch (...) {
      old ? ::setenv("TZ", saved.c_str(), 1) : ::unsetenv("TZ");
      ::tzset();
      throw;
    }
    old ? ::setenv("TZ", saved.c_str(), 1) : ::unsetenv("TZ");
    ::tzset();
  }

  void testFileStampIsLocalTimeWithOffset() {
    in_time_zone("UTC0", [] {
      CPPUNIT_ASSERT_EQUAL(std::string("1970-01-01T00:00:00.005+00:00"), log::file_stamp(0, 5));
    });
    // 2026-04-01 00:30:00 UTC: 09:30 in Japan, 19:00 of the day before at UTC-05:30.
    in_time_zone("JST-9", [] {
      CPPUNIT_ASSERT_EQUAL(std::string("2026-04-01T09:30:00.123+09:00"),
                           log::file_stamp(1775003400, 123));
    });
    in_time_zone("XYZ5:30", [] {
      CPPUNIT_ASSERT_EQUAL(std::string("2026-03-31T19:00:00.999-05:30"),
                           log::file_stamp(1775003400, 999));
    });
    CPPUNIT_ASSERT_EQUAL(std::string("S WARNING engine: x\n"),
                         log::file_line("S", log::Level::warning, "engine: x"));
  }

  /// The lines of the file after the stamp: "LEVEL text" each.
  static std::vector<std::string> file_lines_without_stamps(const std::string& path) {
    std::vector<std::string> out;
    std::string all = read_all(path), line;
    for (char c : all) {
      if (c != '\n') {
        line += c;
        continue;
      }
      // 2026-04-01T09:30:00.123+09:00 = 29 characters, then a space.
      CPPUNIT_ASSERT_MESSAGE(line, line.size() > 30 && line[10] == 'T' && line[19] == '.' &&
                                       (line[23] == '+' || line[23] == '-') && line[29] == ' ');
      out.push_back(line.substr(30));
      line.clear();
    }
    CPPUNIT_ASSERT_MESSAGE("the last line ends in a line feed", line.empty());
    return out;
  }

  void testFileGetsStampedEscapedLines() {
    TempDir dir;
    const std::string path = dir.path() + "/engine.log";
    log::Settings saved = log::settings();
    log::Settings s;
    s.to_stderr = false;
    s.file = path;
    log::configure(s);
    log::info("engine", "ONSHI-I-ENGINE-002", "ready: serving facilities 1");
    log::debug("engine", "below the level: not written");
    log::error("import", "ONSHI-E-IMPORT-006", "face/\x1b[1m\xe6\x82\xa3.xml\r: gone");
    log::configure(saved);
    log::info("engine", "ONSHI-I-ENGINE-004", "after the file was closed: not in it");
    const std::vector<std::string> lines = file_lines_without_stamps(path);
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), lines.size());
    CPPUNIT_ASSERT_EQUAL(std::string("INFO engine: ONSHI-I-ENGINE-002 ready: serving facilities 1"),
                         lines[0]);
    CPPUNIT_ASSERT_EQUAL(
        std::string("ERROR import: ONSHI-E-IMPORT-006 face/\\x1B[1m\xe6\x82\xa3.xml\\x0D: gone"),
        lines[1]);
  }

  void testFileReopenedAfterRotation() {
    TempDir dir;
    const std::string path = dir.path() + "/engine.log";
    log::Settings saved = log::settings();
    log::Settings s;
    s.to_stderr = false;
    s.file = path;
    log::configure(s);
    log::info("engine", "ONSHI-I-ENGINE-002", "one");
    CPPUNIT_ASSERT_EQUAL(0, std::rename(path.c_str(), (path + ".1").c_str()));
    log::info("engine", "ONSHI-I-ENGINE-002", "two (still the rotated file)");
    log::reopen_file();
    log::info("engine", "ONSHI-I-CONFIG-004", "three");
    log::configure(saved);
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), file_lines_without_stamps(path + ".1").size());
    const std::vector<std::string> now = file_lines_without_stamps(path);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), now.size());
    CPPUNIT_ASSERT_EQUAL(std::string("INFO engine: ONSHI-I-CONFIG-004 three"), now[0]);
  }

  void testUnopenableFileRefusedSettingsKept() {
    TempDir dir;
    log::Settings saved = log::settings();
    log::Settings s;
    s.level = log::Level::warning;
    s.file = dir.path() + "/no-such-folder/engine.log";
    try {
      log::configure(s);
      CPPUNIT_FAIL("a log file in a missing folder was accepted");
    } catch (const std::runtime_error& e) {
      const std::string what = e.what();
      CPPUNIT_ASSERT_MESSAGE(what, what.find("no-such-folder/engine.log") != std::string::npos &&
                                       what.find("cannot open") != std::string::npos);
    }
    CPPUNIT_ASSERT(log::settings().file == saved.file && log::settings().level == saved.level);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LogTest);

}  // namespace onshi::test
