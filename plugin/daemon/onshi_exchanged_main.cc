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
#include "common/path.h"
#include "daemon/config.h"
#include "daemon/engine.h"
#include "daemon/event_loop.h"
#include "daemon/service.h"
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

// Translatable (po/): the Windows service options, shown where service::supported().
const char* const kServiceUsage =
    N_("Windows service:\n"
       "  --install-service --config FILE [--service-name NAME]\n"
       "                   install the engine as the service NAME (default onshi-exchanged)\n"
       "                   with this configuration, and the event source NAME\n"
       "  --uninstall-service [--service-name NAME]\n"
       "                   stop and remove the service and its event source\n"
       "  --service        (the service manager's command line: run as the service)\n"
       "exit status: 66 not installed, 73 already installed, 77 not allowed (an administrator\n"
       "must run it), 70 other failure\n");

/// The command line.
struct Options {
  std::string config_path;
  bool foreground = false, once = false, check = false;
  enum class Service { none, install, uninstall, run } service = Service::none;
  std::string service_name = onshi::daemon::service::kDefaultName;
};

void print_usage(std::ostream& out) {
  out << onshi::tr(kUsage);
  if (onshi::daemon::service::supported()) out << onshi::tr(kServiceUsage);
}

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

/// The engine: configuration, logging, start, the loop. In a console, or on the service's
/// thread (--service: no console, lines to the event log and log_file).
int run_engine(Options o) {
  namespace daemon = onshi::daemon;
  namespace log = onshi::log;
  namespace msg = onshi::msg;
  using onshi::tr;
  const bool as_service = o.service == Options::Service::run;
  log::Settings ls;
  ls.program = as_service ? o.service_name : "onshi-exchanged";
  ls.journal = true;  // under systemd: structured journal entries (ONSHI_MESSAGE_ID, ...)
  if (as_service) {
    ls.to_stderr = false;  // no console: the event log (syslog on Windows, log_win.cc)
    ls.to_syslog = true;
  }
  log::configure(ls);

#ifdef _WIN32
  o.foreground = true;  // no fork on Windows: a console program, or the service's thread
#endif
  // 1. configuration
  daemon::EngineConfig config = daemon::default_config();
  bool explicit_config = !o.config_path.empty();
  if (!explicit_config) {
    struct stat st;
    if (::stat(kDefaultConfig, &st) == 0) o.config_path = kDefaultConfig;
  }
  try {
    if (!o.config_path.empty()) config = daemon::load_config(o.config_path);
  } catch (const daemon::ConfigError& e) {
    log::error("config", msg::kConfigRefused,
               tr("configuration refused, not starting: {1}", e.what()));
    return kExitConfig;
  }
  if (o.check) {
    std::cout << "# "
              << tr("{1}: ok",
                    o.config_path.empty() ? std::string(tr("built-in defaults")) : o.config_path)
              << '\n'
              << daemon::render_config(config);
    return 0;
  }

  ls.level = config.log_level;
  ls.file = config.log_file;
  if (!as_service) {
    ls.to_syslog = config.syslog || (!o.foreground && !o.once);
    ls.to_stderr = o.foreground || o.once;
    if (!o.foreground && !o.once && std::getenv("NOTIFY_SOCKET")) {
      ls.to_stderr = true;  // systemd does not want a fork; the journal takes standard error
      o.foreground = true;
    }
  }
  try {
    if (!o.foreground && !o.once) detach();
    try {
      log::configure(ls);
    } catch (const std::runtime_error& e) {  // log_file cannot be opened
      log::error("config", msg::kConfigRefused,
                 tr("configuration refused, not starting: {1}", e.what()));
      return kExitConfig;
    }

    daemon::EventLoop loop;
    daemon::Engine engine(loop, config, o.config_path);
    if (o.once) {
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

/// --install-service: the configuration must be named, absolute (the service starts elsewhere)
/// and acceptable now, so that the service does not fail at its first start.
int install_service(const Options& o) {
  namespace daemon = onshi::daemon;
  using onshi::tr;
  if (o.config_path.empty() || !onshi::is_absolute_path(o.config_path)) {
    std::cerr << "onshi-exchanged: "
              << tr("--install-service needs --config with an absolute path (the service does "
                    "not start in this folder)")
              << '\n';
    return kExitUsage;
  }
  try {
    daemon::load_config(o.config_path);
  } catch (const daemon::ConfigError& e) {
    std::cerr << "onshi-exchanged: " << tr("configuration refused, not installed: {1}", e.what())
              << '\n';
    return kExitConfig;
  }
  return daemon::service::install(o.service_name, {"--config", o.config_path});
}

}  // namespace

int main(int argc, char** argv) {
  namespace daemon = onshi::daemon;
  using onshi::tr;
  onshi::init_program_messages();
  Options o;
  auto usage_error = [](const std::string& what) {
    std::cerr << "onshi-exchanged: " << what << '\n';
    print_usage(std::cerr);
    return kExitUsage;
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--config" && i + 1 < argc) {
      o.config_path = argv[++i];
    } else if (a.rfind("--config=", 0) == 0) {
      o.config_path = a.substr(9);
    } else if (a == "--foreground" || a == "-f") {
      o.foreground = true;
    } else if (a == "--once") {
      o.once = true;
    } else if (a == "--check-config") {
      o.check = true;
    } else if (a == "--print-example") {
      std::cout << daemon::render_example();
      return 0;
    } else if (a == "--help" || a == "-h") {
      print_usage(std::cout);
      return 0;
    } else if (daemon::service::supported() && a == "--install-service") {
      o.service = Options::Service::install;
    } else if (daemon::service::supported() && a == "--uninstall-service") {
      o.service = Options::Service::uninstall;
    } else if (daemon::service::supported() && a == "--service") {
      o.service = Options::Service::run;
    } else if (daemon::service::supported() && a == "--service-name" && i + 1 < argc) {
      o.service_name = argv[++i];
    } else {
      return usage_error(tr("unknown option \"{1}\"", a));
    }
  }
  if (o.service != Options::Service::none && (o.once || o.check || o.foreground))
    return usage_error(
        tr("--install-service, --uninstall-service and --service take no --once, "
           "--check-config or --foreground"));
  if (o.service_name.empty() || o.service_name.find_first_of("/\\") != std::string::npos)
    return usage_error(tr("--service-name: a name without / or \\"));
  switch (o.service) {
    case Options::Service::install:
      return install_service(o);
    case Options::Service::uninstall:
      return daemon::service::uninstall(o.service_name);
    case Options::Service::run:
      return daemon::service::run(o.service_name, [&o] { return run_engine(o); });
    case Options::Service::none:
      break;
  }
  return run_engine(o);
}
