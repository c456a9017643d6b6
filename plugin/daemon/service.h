// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// onshi-exchanged as a Windows service (service_win.cc; issue 17): installed into and removed
/// from the service control manager by the program itself, and run by it. On Linux systemd runs
/// the engine (onshi-exchanged.service, notify.cc) and supported() is false: main() refuses the
/// service options there, nothing else here is called (service.cc).
///
/// Under the service manager (`--service`, the command line --install-service records):
/// START_PENDING while the engine starts (with a wait hint), RUNNING where Linux tells systemd
/// READY=1 (notify(): notify_systemd() forwards to it on Windows), or after kStartWaitMs when
/// the engine still waits (for the database: the service manager refuses every control to a
/// service that is still starting, so it could not even be stopped); STOP, SHUTDOWN -> SIGTERM on
/// the event loop (the clean stop), PARAMCHANGE -> SIGHUP (reload); STOP_PENDING with a wait
/// hint; STOPPED with the engine's exit status as the service-specific exit code.

#include <functional>
#include <string>
#include <vector>

namespace onshi::daemon::service {

/// The service's name when --service-name is not given (and the event source's: the same).
inline constexpr const char* kDefaultName = "onshi-exchanged";

/// Exit statuses of --install-service and --uninstall-service (sysexits.h numbers).
inline constexpr int kExitNotInstalled = 66;      ///< no such service to remove
inline constexpr int kExitFailed = 70;            ///< the service manager refused, see message
inline constexpr int kExitAlreadyInstalled = 73;  ///< a service of that name exists
inline constexpr int kExitNotAllowed = 77;        ///< not an administrator

/// The wait hints reported with START_PENDING and STOP_PENDING, and how long the service stays
/// START_PENDING while the engine is not ready yet.
inline constexpr unsigned kStartWaitMs = 30000;
inline constexpr unsigned kStopWaitMs = 30000;

/// True on Windows.
bool supported();

/// --install-service: creates the service `name` (automatic, delayed start; restarted after a
/// failure: 10 s, then 60 s, none after that within a day) running this program with
/// `--service --service-name NAME` and `engine_args` (`--config ABSOLUTE-PATH`), and registers
/// the event source `name` in the Application log with this program's message table. Prints
/// what it did (stdout) or why not (stderr). @return 0 or a kExit... status
int install(const std::string& name, const std::vector<std::string>& engine_args);

/// --uninstall-service: stops the service `name` when it runs (waiting up to kStopWaitMs),
/// removes it and its event source. @return 0 or a kExit... status
int uninstall(const std::string& name);

/// --service: hands the process to the service manager (StartServiceCtrlDispatcherW) and runs
/// `engine` on the service's thread; `engine` returns the engine's exit status. Started from a
/// console instead, it prints why that cannot work and returns 64.
int run(const std::string& name, const std::function<int()>& engine);

/// True in a process run(): no console, its log lines go to the event log (and log_file).
bool active();

/// The engine's state as systemd is told it ("READY=1", "STOPPING=1", "STATUS=...",
/// "RELOADING=1"), for the service manager. No-op when not active().
void notify(const std::string& state);

}  // namespace onshi::daemon::service
