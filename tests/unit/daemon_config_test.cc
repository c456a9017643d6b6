// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The engine's config table and parser, the log helper's complaints, systemd notification.
#include <cppunit/extensions/HelperMacros.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "common/log.h"
#include "common/path.h"
#include "daemon/config.h"
#include "daemon/notify.h"
#include "support/fixtures.h"

namespace onshi::test {

using daemon::ConfigError;
using daemon::EngineConfig;

class DaemonConfigTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(DaemonConfigTest);
  CPPUNIT_TEST(testDefaultsComeFromTheTable);
  CPPUNIT_TEST(testAbsolutePathsOfThisPlatform);
  CPPUNIT_TEST(testParsesEveryKind);
  CPPUNIT_TEST(testErrorsNameFileLineAndKey);
  CPPUNIT_TEST(testRenderedConfigReadsBack);
  CPPUNIT_TEST(testExampleFileMatchesTheTable);
  CPPUNIT_TEST(testNonReloadableKeysAreKept);
  CPPUNIT_TEST(testComplaintIsRateLimited);
  CPPUNIT_TEST(testNotifySendsDatagram);
  CPPUNIT_TEST(testNotifySocketSendAbstractAndBadAddresses);
  CPPUNIT_TEST_SUITE_END();

  static ConfigError parse_error(const std::string& text) {
    try {
      daemon::parse_config(text, "test.conf");
    } catch (const ConfigError& e) {
      return e;
    }
    CPPUNIT_FAIL("accepted: " + text);
    throw;
  }

 public:
  void testAbsolutePathsOfThisPlatform() {
    // Linux: "/..." only; Windows' forms are refused here (their cases run under wine,
    // tests/windows/share_win_test.cc).
    CPPUNIT_ASSERT(is_absolute_path("/srv/oqs"));
    CPPUNIT_ASSERT(!is_absolute_path(""));
    CPPUNIT_ASSERT(!is_absolute_path("oqs/share"));
    CPPUNIT_ASSERT(!is_absolute_path("C:\\OQS\\share"));
    CPPUNIT_ASSERT(!is_absolute_path("\\\\server\\share"));
    CPPUNIT_ASSERT(has_parent_component("/srv/../etc"));
    CPPUNIT_ASSERT(has_parent_component("/srv/.."));
    CPPUNIT_ASSERT(!has_parent_component("/srv/..a/b.."));
    CPPUNIT_ASSERT(!has_parent_component("/srv/a\\..\\b"));  // one name on Linux
  }

  void testDefaultsComeFromTheTable() {
    EngineConfig c = daemon::default_config();
    for (const daemon::ConfigKey& k : daemon::config_keys())
      CPPUNIT_ASSERT_EQUAL_MESSAGE(k.key, std::string(k.default_value),
                                   daemon::config_value(c, k.key));
    CPPUNIT_ASSERT(c.facilities.empty());
    CPPUNIT_ASSERT(c.watch_backend == watch::Backend::automatic);
    CPPUNIT_ASSERT_EQUAL(std::string("/var/lib/onshi-link/quarantine"), c.quarantine_dir);
  }

  void testParsesEveryKind() {
    EngineConfig c = daemon::parse_config(
        "# comment\n"
        "\n"
        "  conninfo = host=/tmp port=5 password=a#b  \n"
        "facilities = 2, 1 2\n"
        "watch_backend = poll\n"
        "poll_interval_ms = 250\n"
        "quarantine_dir = \"/srv/q\"\n"
        "archive_raw = no\n"
        "log_level = warning\n",
        "x.conf");
    CPPUNIT_ASSERT_EQUAL(std::string("host=/tmp port=5 password=a#b"), c.conninfo);
    CPPUNIT_ASSERT(c.facilities == std::vector<int>({1, 2}));
    CPPUNIT_ASSERT(c.watch_backend == watch::Backend::polling);
    CPPUNIT_ASSERT_EQUAL(250, c.poll_interval_ms);
    CPPUNIT_ASSERT_EQUAL(std::string("/srv/q"), c.quarantine_dir);
    CPPUNIT_ASSERT(!c.archive_raw);
    CPPUNIT_ASSERT(c.log_level == log::Level::warning);
    CPPUNIT_ASSERT_EQUAL(300, c.settle_ms);  // untouched keys keep their default
  }

  void testErrorsNameFileLineAndKey() {
    ConfigError e = parse_error("log_level = info\n\nsettle_ms = 5\n");
    CPPUNIT_ASSERT_EQUAL(3, e.line());
    CPPUNIT_ASSERT_EQUAL(std::string("settle_ms"), e.key());
    CPPUNIT_ASSERT(std::string(e.what()).find("test.conf:3: settle_ms: out of range") == 0);
    CPPUNIT_ASSERT_EQUAL(std::string("nosuch"), parse_error("nosuch = 1\n").key());
    CPPUNIT_ASSERT_EQUAL(2, parse_error("syslog = yes\nsyslog = no\n").line());
    CPPUNIT_ASSERT_EQUAL(1, parse_error("just words\n").line());
    CPPUNIT_ASSERT_EQUAL(std::string("watch_backend"), parse_error("watch_backend = smb").key());
    CPPUNIT_ASSERT_EQUAL(std::string("facilities"), parse_error("facilities = 1 x").key());
    CPPUNIT_ASSERT_EQUAL(std::string("quarantine_dir"), parse_error("quarantine_dir = q").key());
    CPPUNIT_ASSERT_EQUAL(std::string("archive_raw"), parse_error("archive_raw = maybe").key());
    CPPUNIT_ASSERT_EQUAL(std::string("settle_ms"), parse_error("settle_ms = 12x").key());
  }

  void testRenderedConfigReadsBack() {
    EngineConfig c = daemon::parse_config("facilities = 3 1\nconninfo = dbname=orca\n", "a");
    EngineConfig back = daemon::parse_config(daemon::render_config(c), "b");
    CPPUNIT_ASSERT_EQUAL(daemon::render_config(c), daemon::render_config(back));
    // The defaults, rendered, read back too (the empty conninfo is quoted).
    EngineConfig d = daemon::parse_config(daemon::render_config(daemon::default_config()), "c");
    CPPUNIT_ASSERT_EQUAL(std::string(""), d.conninfo);
  }

  void testExampleFileMatchesTheTable() {
    const char* src = std::getenv("ONSHI_SRCDIR");
    CPPUNIT_ASSERT_MESSAGE("ONSHI_SRCDIR is not set", src);
    std::string example =
        read_all(std::string(src) + "/plugin/daemon/onshi-exchanged.conf.example");
    for (const daemon::ConfigKey& k : daemon::config_keys())
      CPPUNIT_ASSERT_MESSAGE(std::string("key missing from the example: ") + k.key,
                             example.find(std::string("#") + k.key + " = ") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(
        "regenerate: onshi-exchanged --print-example > plugin/daemon/onshi-exchanged.conf.example",
        daemon::render_example(), example);
    // Uncommenting every line of the example gives the defaults.
    std::string active;
    std::size_t pos = 0;
    while (pos < example.size()) {
      std::size_t nl = example.find('\n', pos);
      std::string line = example.substr(pos, nl - pos);
      pos = nl == std::string::npos ? example.size() : nl + 1;
      if (line.size() > 1 && line[0] == '#' && line[1] != ' ' &&
          line.find(" = ") != std::string::npos)
        active += line.substr(1) + "\n";
    }
    CPPUNIT_ASSERT_EQUAL(daemon::render_config(daemon::default_config()),
                         daemon::render_config(daemon::parse_config(active, "example")));
  }

  void testNonReloadableKeysAreKept() {
    EngineConfig running = daemon::default_config();
    EngineConfig next = daemon::parse_config("syslog = yes\nsettle_ms = 500\n", "n");
    std::vector<std::string> fixed = daemon::non_reloadable_changes(running, next);
    CPPUNIT_ASSERT(fixed == std::vector<std::string>({"syslog"}));
    daemon::keep_non_reloadable(running, next);
    CPPUNIT_ASSERT(!next.syslog);
    CPPUNIT_ASSERT_EQUAL(500, next.settle_ms);
  }

  void testComplaintIsRateLimited() {
    std::vector<std::string> lines;
    log::set_capture([&](log::Level, const std::string& line) { lines.push_back(line); });
    log::Settings quiet;
    quiet.to_stderr = false;
    log::Settings saved = log::settings();
    log::configure(quiet);
    log::Complaint c("engine", "ONSHI-E-DB-001", "ONSHI-I-DB-002");
    CPPUNIT_ASSERT(c.complain("database down"));
    for (int i = 0; i < 50; ++i) CPPUNIT_ASSERT(!c.complain("database down"));
    CPPUNIT_ASSERT(c.active());
    CPPUNIT_ASSERT(c.recover("database back"));
    CPPUNIT_ASSERT(!c.recover("database back"));
    log::set_capture(nullptr);
    log::configure(saved);
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), lines.size());
    CPPUNIT_ASSERT_EQUAL(std::string("engine: ONSHI-E-DB-001 database down"), lines[0]);
    CPPUNIT_ASSERT(lines[1].find("engine: ONSHI-I-DB-002 database back (after 51 failures)") == 0);
  }

  void testNotifySendsDatagram() {
    unsetenv("NOTIFY_SOCKET");
    CPPUNIT_ASSERT(!daemon::notify_systemd("READY=1"));  // not under systemd: no-op
    TempDir dir;
    std::string path = dir.path() + "/notify";
    int fd = ::socket(AF_UNIX, SOCK_DGRAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    CPPUNIT_ASSERT_EQUAL(0, ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr));
    setenv("NOTIFY_SOCKET", path.c_str(), 1);
    bool sent = daemon::notify_systemd("READY=1\nSTATUS=x");
    bool reload = daemon::notify_systemd(daemon::reloading_state());
    unsetenv("NOTIFY_SOCKET");
    CPPUNIT_ASSERT(sent && reload);
    char buf[256];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    CPPUNIT_ASSERT_EQUAL(std::string("READY=1\nSTATUS=x"), std::string(buf, n > 0 ? n : 0));
    n = ::recv(fd, buf, sizeof buf, 0);
    CPPUNIT_ASSERT(std::string(buf, n > 0 ? n : 0).find("RELOADING=1\nMONOTONIC_USEC=") == 0);
    // The datagram without libsystemd (--with-systemd=no): the same bytes to the same path.
    CPPUNIT_ASSERT_EQUAL(1, daemon::notify_socket_send(path.c_str(), "READY=1\nSTATUS=y"));
    n = ::recv(fd, buf, sizeof buf, 0);
    CPPUNIT_ASSERT_EQUAL(std::string("READY=1\nSTATUS=y"), std::string(buf, n > 0 ? n : 0));
    ::close(fd);
  }

  void testNotifySocketSendAbstractAndBadAddresses() {
    // '@': an abstract socket (the name after a NUL byte), as systemd may pass it.
    const std::string name = "@onshi-notify-test-" + std::to_string(::getpid());
    int fd = ::socket(AF_UNIX, SOCK_DGRAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path + 1, name.data() + 1, name.size() - 1);
    const socklen_t len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size());
    CPPUNIT_ASSERT_EQUAL(0, ::bind(fd, reinterpret_cast<sockaddr*>(&addr), len));
    CPPUNIT_ASSERT_EQUAL(1, daemon::notify_socket_send(name.c_str(), "READY=1"));
    char buf[64];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    CPPUNIT_ASSERT_EQUAL(std::string("READY=1"), std::string(buf, n > 0 ? n : 0));
    ::close(fd);
    CPPUNIT_ASSERT_EQUAL(0, daemon::notify_socket_send(nullptr, "READY=1"));  // not under systemd
    CPPUNIT_ASSERT_EQUAL(0, daemon::notify_socket_send("", "READY=1"));
    CPPUNIT_ASSERT_EQUAL(-1, daemon::notify_socket_send("relative/path", "READY=1"));
    CPPUNIT_ASSERT_EQUAL(-1, daemon::notify_socket_send("@", "READY=1"));
    CPPUNIT_ASSERT_EQUAL(-1, daemon::notify_socket_send(std::string(200, '/').c_str(), "X=1"));
    CPPUNIT_ASSERT_EQUAL(-1, daemon::notify_socket_send("/nonexistent/onshi/notify", "X=1"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DaemonConfigTest);

}  // namespace onshi::test
