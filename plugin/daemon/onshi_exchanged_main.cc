// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// onshi-exchanged: the exchange engine daemon. A shim over daemon::Engine (plugin/daemon/).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "common/i18n.h"
#include "common/log.h"
#include "common/message_ids.h"
#include "daemon/config.h"
#include "daemon/engine.h"
#include "daemon/event_loop.h"
#include "db/db_error.h"

namespace {

constexpr int kExitUsage = 64;
constexpr int kExitUnavailable = 69;
constexpr int kExitSoftware = 70;
constexpr int kExitConfig = 78;

constexpr const char* kDefaultConfig = "/etc/onshi-link/onshi-exchanged.conf";

// Translatable (po/): onshi::tr(kUsage).
const char* const kUsage =
    N_("usage: onshi-exchanged [--config FILE] [--foreground] [--once] [--check-config]\n"
       "  --config FILE    configuration file (default "
       "/etc/onshi-link/onshi-exchanged.conf;\n"
       "                   built-in defaults when that file does not exist)\n"
       "  --foreground     do not detach (systemd and tests; logs go to standard error)\n"
       "  --once           import every file present, run each request queue once, exit\n"
       "  --check-config   validate the configuration, print the effective values, exit\n"
       "  --print-example  print the annotated example configuration file, exit\n"
       "exit status: 0 ok, 64 usage, 69 database unreachable (--once), 70 failure,\n"
       "78 configuration or schema version refused\n");

/// Detaches from the terminal (double fork, new session, standard streams to /dev/null).
void detach() {
#ifdef _WIN32
  throw onshi::Error("no detaching on Windows");  // never called: a console program there
#else
  pid_t pid = ::fork();
  if (pid < 0) throw onshi::Error(std::string("fork: ") + std::strerror(errno));
  if (pid > 0) std::_Exit(0);
  ::setsid();
  pid = ::fork();
  if (pid < 0) std::_Exit(kExitSoftware);
  if (pid > 0) std::_Exit(0);
  if (::chdir("/") != 0) std::_Exit(kExitSoftware);
  int fd = ::open("/dev/null", O_RDWR);
  if (fd >= 0) {
    ::dup2(fd, 0);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    if (fd > 2) ::close(fd);
  }
#endif
}

}  // namespace

int main(int argc, char** argv) {
  namespace daemon = onshi::daemon;
  namespace log = onshi::log;
  namespace msg = onshi::msg;
  using onshi::tr;
  onshi::init_program_messages();
  std::string config_path;
  bool foreground = false, once = false, check = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--config" && i + 1 < argc) {
      config_path = argv[++i];
    } else if (a.rfind("--config=", 0) == 0) {
      config_path = a.substr(9);
    } else if (a == "--foreground" || a == "-f") {
      foreground = true;
    } else if (a == "--once") {
      once = true;
    } else if (a == "--check-config") {
      check = true;
    } else if (a == "--print-example") {
      std::cout << daemon::render_example();
      return 0;
    } else if (a == "--help" || a == "-h") {
      std::cout << tr(kUsage);
      return 0;
    } else {
      std::cerr << "onshi-exchanged: " << tr("unknown option \"{1}\"", a) << '\n' << tr(kUsage);
      return kExitUsage;
    }
  }

  log::Settings ls;
  ls.program = "onshi-exchanged";
  ls.journal = true;  // under systemd: structured journal entries (ONSHI_MESSAGE_ID, ...)
  log::configure(ls);

#ifdef _WIN32
  foreground = true;  // a console program (the Windows service is the next step of issue 17)
#endif
  // 1. configuration
  daemon::EngineConfig config = daemon::default_config();
  bool explicit_config = !config_path.empty();
  if (!explicit_config) {
    struct stat st;
    if (::stat(kDefaultConfig, &st) == 0) config_path = kDefaultConfig;
  }
  try {
    if (!config_path.empty()) config = daemon::load_config(config_path);
  } catch (const daemon::ConfigError& e) {
    log::error("config", msg::kConfigRefused,
               tr("configuration refused, not starting: {1}", e.what()));
    return kExitConfig;
  }
  if (check) {
    std::cout << "# "
              << tr("{1}: ok",
                    config_path.empty() ? std::string(tr("built-in defaults")) : config_path)
              << '\n'
              << daemon::render_config(config);
    return 0;
  }

  ls.level = config.log_level;
  ls.to_syslog = config.syslog || (!foreground && !once);
  ls.to_stderr = foreground || once;
  if (!foreground && !once && std::getenv("NOTIFY_SOCKET")) {
    ls.to_stderr = true;  // systemd does not want a fork; the journal takes standard error
    foreground = true;
  }
  try {
    if (!foreground && !once) detach();
    log::configure(ls);

    daemon::EventLoop loop;
    daemon::Engine engine(loop, config, config_path);
    if (once) {
      bool ok = engine.run_once();
      if (!engine.db_up()) return kExitUnavailable;  // lost during the run (logged)
      return ok ? 0 : kExitSoftware;
    }
    engine.install_signal_handlers();  // before start: a SIGTERM during start is not lost
    engine.start();
    loop.run();
    return 0;
  } catch (const onshi::db::SchemaVersionError& e) {
    log::error("engine", msg::kDbSchemaRefused,
               tr("database schema version refused: {1}", e.what()));
    return kExitConfig;
  } catch (const onshi::db::AuthenticationError& e) {
    log::error("engine", msg::kDbCredentialsRefused,
               tr("database credentials refused: {1}", e.what()));
    return kExitConfig;
  } catch (const onshi::db::ConnectionError& e) {
    log::error("engine", msg::kDbDown, tr("database unreachable: {1}", e.what()));
    return kExitUnavailable;
  } catch (const std::exception& e) {
    log::error("engine", msg::kEngineFatal, tr("fatal error, stopping: {1}", e.what()));
    return kExitSoftware;
  }
}
