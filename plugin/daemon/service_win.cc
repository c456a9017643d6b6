// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// onshi-exchanged as a Windows service (service.h): install, uninstall, and the service itself
// under the service control manager. On Linux this file compiles to nothing (service.cc).
#ifdef _WIN32
#include <windows.h>
//
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <mutex>
#include <thread>

#include "common/i18n.h"
#include "common/win32.h"
#include "daemon/event_loop.h"
#include "daemon/service.h"

namespace onshi::daemon::service {
namespace {

constexpr int kExitUsage = 64;
constexpr const wchar_t* kEventSourceKey =
    L"SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\";

// --- the running service ----------------------------------------------------------------------
// Written by the service's thread (service_main, notify) and by the control handler (on the
// dispatcher's thread, the process's main thread), always under g_mutex.
std::mutex g_mutex;
std::condition_variable g_changed;
SERVICE_STATUS_HANDLE g_handle = nullptr;
SERVICE_STATUS g_status{};
bool g_active = false;
bool g_engine_done = false;
std::wstring g_name;
const std::function<int()>* g_engine = nullptr;
int g_exit = 0;

/// Reports `state` (the lock held). Pending states count their checkpoint up at each report.
void report_locked(DWORD state, DWORD wait_hint) {
  const bool pending = state == SERVICE_START_PENDING || state == SERVICE_STOP_PENDING;
  g_status.dwCheckPoint = pending && g_status.dwCurrentState == state ? g_status.dwCheckPoint + 1
                          : pending                                   ? 1
                                                                      : 0;
  g_status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
  g_status.dwCurrentState = state;
  // The service manager passes no control to a pending service anyway.
  g_status.dwControlsAccepted =
      state == SERVICE_RUNNING
          ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN | SERVICE_ACCEPT_PARAMCHANGE
          : 0;
  g_status.dwWaitHint = pending ? wait_hint : 0;
  if (g_handle) ::SetServiceStatus(g_handle, &g_status);
  g_changed.notify_all();
}

/// A control's signal on the event loop, as a console control event brings it.
void raise(int signo) {
  try {
    EventLoop::raise_signal(signo);
  } catch (const std::exception&) {
    // No loop with signal handlers (yet, or any more): nothing to tell.
  }
}

DWORD WINAPI on_control(DWORD control, DWORD, void*, void*) {
  switch (control) {
    case SERVICE_CONTROL_STOP:
    case SERVICE_CONTROL_SHUTDOWN: {
      {
        std::lock_guard<std::mutex> lock(g_mutex);
        if (g_status.dwCurrentState == SERVICE_RUNNING)
          report_locked(SERVICE_STOP_PENDING, kStopWaitMs);
      }
      raise(SIGTERM);  // the engine's clean stop (Engine::stop)
      return NO_ERROR;
    }
    case SERVICE_CONTROL_PARAMCHANGE:
      raise(SIGHUP);  // reload (Engine::reload)
      return NO_ERROR;
    case SERVICE_CONTROL_INTERROGATE:
      return NO_ERROR;
    default:
      return ERROR_CALL_NOT_IMPLEMENTED;
  }
}

void WINAPI service_main(DWORD, LPWSTR*) {
  g_handle = ::RegisterServiceCtrlHandlerExW(g_name.c_str(), on_control, nullptr);
  if (!g_handle) return;  // nobody to report to: the service manager gives up on its own
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    report_locked(SERVICE_START_PENDING, kStartWaitMs);
  }
  // Still starting after kStartWaitMs (the engine waits for the database): RUNNING, so that the
  // service can be stopped; the engine keeps trying and logs why it is not ready.
  std::thread start_watch([] {
    std::unique_lock<std::mutex> lock(g_mutex);
    const bool settled = g_changed.wait_for(lock, std::chrono::milliseconds(kStartWaitMs), [] {
      return g_engine_done || g_status.dwCurrentState != SERVICE_START_PENDING;
    });
    if (!settled) report_locked(SERVICE_RUNNING, 0);
  });
  int rc;
  try {
    rc = (*g_engine)();
  } catch (const std::exception& e) {
    std::cerr << "onshi-exchanged: " << e.what() << '\n';
    rc = 70;
  }
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    g_engine_done = true;
    g_exit = rc;
    g_changed.notify_all();
  }
  start_watch.join();
  std::lock_guard<std::mutex> lock(g_mutex);
  // The engine's exit status as the service-specific exit code (sc query shows both).
  g_status.dwWin32ExitCode = rc == 0 ? NO_ERROR : ERROR_SERVICE_SPECIFIC_ERROR;
  g_status.dwServiceSpecificExitCode = static_cast<DWORD>(rc);
  report_locked(SERVICE_STOPPED, 0);  // the process may be ended from here on
}

// --- install, uninstall -----------------------------------------------------------------------

std::wstring module_path() {
  std::wstring buf(MAX_PATH, L'\0');
  for (;;) {
    const DWORD n = ::GetModuleFileNameW(nullptr, buf.data(), static_cast<DWORD>(buf.size()));
    if (n == 0) return std::wstring();
    if (n < buf.size()) {
      buf.resize(n);
      return buf;
    }
    buf.resize(buf.size() * 2);
  }
}

/// One argument of a command line as CommandLineToArgvW and the C runtime split it again.
std::wstring quote_arg(const std::wstring& a) {
  if (!a.empty() && a.find_first_of(L" \t\"") == std::wstring::npos) return a;
  std::wstring out = L"\"";
  std::size_t backslashes = 0;
  for (wchar_t c : a) {
    if (c == L'\\') {
      ++backslashes;
      continue;
    }
    // Backslashes before a quote are doubled, and the quote escaped.
    out.append(c == L'"' ? backslashes * 2 + 1 : backslashes, L'\\');
    backslashes = 0;
    out += c;
  }
  out.append(backslashes * 2, L'\\');  // before the closing quote
  return out + L"\"";
}

/// RAII for SC_HANDLE.
struct ScHandle {
  SC_HANDLE h;
  explicit ScHandle(SC_HANDLE handle) : h(handle) {}
  ~ScHandle() {
    if (h) ::CloseServiceHandle(h);
  }
  ScHandle(const ScHandle&) = delete;
  ScHandle& operator=(const ScHandle&) = delete;
};

/// The failure of a service manager call as an exit status, with its message on stderr.
int failed(const std::string& what, DWORD error) {
  std::cerr << "onshi-exchanged: " << what << ": " << win::error_text(error) << '\n';
  if (error == ERROR_ACCESS_DENIED) {
    std::cerr << "onshi-exchanged: "
              << tr("installing or removing a service needs an administrator: run it from an "
                    "elevated command prompt")
              << '\n';
    return kExitNotAllowed;
  }
  return kExitFailed;
}

/// True when this program's message table formats event `id` as its one string (the Event
/// Viewer shows the text only then).
bool message_table_ok(DWORD id) {
  wchar_t arg[] = L"onshi";
  DWORD_PTR args[] = {reinterpret_cast<DWORD_PTR>(arg)};
  wchar_t buf[64] = {};
  const DWORD n = ::FormatMessageW(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_ARGUMENT_ARRAY,
                                   ::GetModuleHandleW(nullptr), id, 0, buf, 64,
                                   reinterpret_cast<va_list*>(args));
  return n >= 5 && std::wstring(buf, 5) == L"onshi";
}

/// Registers the event source `name` with this program's message table. @return a Windows error
LONG register_event_source(const std::wstring& name, const std::wstring& exe) {
  HKEY key = nullptr;
  LONG r = ::RegCreateKeyExW(HKEY_LOCAL_MACHINE, (kEventSourceKey + name).c_str(), 0, nullptr, 0,
                             KEY_SET_VALUE, nullptr, &key, nullptr);
  if (r != ERROR_SUCCESS) return r;
  const DWORD types = EVENTLOG_ERROR_TYPE | EVENTLOG_WARNING_TYPE | EVENTLOG_INFORMATION_TYPE;
  r = ::RegSetValueExW(key, L"EventMessageFile", 0, REG_EXPAND_SZ,
                       reinterpret_cast<const BYTE*>(exe.c_str()),
                       static_cast<DWORD>((exe.size() + 1) * sizeof(wchar_t)));
  if (r == ERROR_SUCCESS)
    r = ::RegSetValueExW(key, L"TypesSupported", 0, REG_DWORD,
                         reinterpret_cast<const BYTE*>(&types), sizeof types);
  ::RegCloseKey(key);
  return r;
}

}  // namespace

bool supported() {
  return true;
}

bool active() {
  std::lock_guard<std::mutex> lock(g_mutex);
  return g_active;
}

void notify(const std::string& state) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (!g_active || !g_handle) return;
  std::size_t pos = 0;
  while (pos < state.size()) {
    const DWORD now = g_status.dwCurrentState;
    std::size_t end = state.find('\n', pos);
    if (end == std::string::npos) end = state.size();
    const std::string line = state.substr(pos, end - pos);
    pos = end + 1;
    if (line == "READY=1" && now == SERVICE_START_PENDING) {
      report_locked(SERVICE_RUNNING, 0);
    } else if (line == "STOPPING=1") {
      report_locked(SERVICE_STOP_PENDING, kStopWaitMs);
    } else if (line.rfind("STATUS=", 0) == 0 &&
               (now == SERVICE_START_PENDING || now == SERVICE_STOP_PENDING)) {
      report_locked(now, now == SERVICE_START_PENDING ? kStartWaitMs : kStopWaitMs);  // progress
    }
    // RELOADING=1: the service manager has no such state; the service stays RUNNING.
  }
}

int run(const std::string& name, const std::function<int()>& engine) {
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    g_name = win::wide(name);
    g_engine = &engine;
    g_active = true;
  }
  EventLoop::set_service_process(true);
  // A service starts in the system folder: paths rooted without a drive ("/oqs/share") are then
  // on the drive of this program, as for a console program started there.
  std::wstring dir = module_path();
  const std::size_t slash = dir.find_last_of(L"\\/");
  if (slash != std::wstring::npos) ::SetCurrentDirectoryW(dir.substr(0, slash + 1).c_str());
  SERVICE_TABLE_ENTRYW table[] = {{g_name.data(), service_main}, {nullptr, nullptr}};
  if (!::StartServiceCtrlDispatcherW(table)) {
    const DWORD e = ::GetLastError();
    {
      std::lock_guard<std::mutex> lock(g_mutex);
      g_active = false;
    }
    EventLoop::set_service_process(false);
    if (e == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) {
      std::cerr << "onshi-exchanged: "
                << tr("--service is for the service manager (sc start {1}); in a console run "
                      "the engine without it",
                      name)
                << '\n';
      return kExitUsage;
    }
    return failed("StartServiceCtrlDispatcher", e);
  }
  std::lock_guard<std::mutex> lock(g_mutex);
  return g_exit;
}

int install(const std::string& name, const std::vector<std::string>& engine_args) {
  const std::wstring wname = win::wide(name);
  const std::wstring exe = module_path();
  if (exe.empty()) return failed("GetModuleFileName", ::GetLastError());
  for (DWORD id = 1; id <= 4; ++id) {
    if (!message_table_ok(id)) {
      std::cerr << "onshi-exchanged: "
                << tr("this program has no message table for the event log (event {1}); not "
                      "installed",
                      static_cast<int>(id))
                << '\n';
      return kExitFailed;
    }
  }
  std::wstring command = quote_arg(exe) + L" --service --service-name " + quote_arg(wname);
  for (const std::string& a : engine_args) command += L" " + quote_arg(win::wide(a));

  ScHandle scm(::OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT | SC_MANAGER_CREATE_SERVICE));
  if (!scm.h) return failed(tr("cannot open the service manager"), ::GetLastError());
  const std::wstring display = L"onshi-link exchange engine (" + wname + L")";
  ScHandle svc(::CreateServiceW(scm.h, wname.c_str(), display.c_str(), SERVICE_ALL_ACCESS,
                                SERVICE_WIN32_OWN_PROCESS, SERVICE_AUTO_START, SERVICE_ERROR_NORMAL,
                                command.c_str(), nullptr, nullptr, nullptr, nullptr, nullptr));
  if (!svc.h) {
    const DWORD e = ::GetLastError();
    if (e == ERROR_SERVICE_EXISTS || e == ERROR_DUPLICATE_SERVICE_NAME) {
      std::cerr << "onshi-exchanged: "
                << tr("service {1} is already installed (onshi-exchanged --uninstall-service "
                      "--service-name {1} removes it)",
                      name)
                << '\n';
      return kExitAlreadyInstalled;
    }
    return failed(tr("cannot install service {1}", name), e);
  }
  // The rest of the configuration; any failure removes the service again (nothing half done).
  std::wstring description =
      win::wide(tr("Imports the eligibility terminal's answers into the receipt computer's "
                   "database and writes its requests (onshi-link)."));
  SERVICE_DESCRIPTIONW desc{description.data()};
  SERVICE_DELAYED_AUTO_START_INFO delayed{TRUE};  // after the network and the boot rush
  // Restarted after a failure (a non-zero exit status too): 10 s, then 60 s, then left stopped
  // until the counter resets after a day (configuration refused: no endless restarts).
  SC_ACTION actions[] = {{SC_ACTION_RESTART, 10000}, {SC_ACTION_RESTART, 60000}};
  SERVICE_FAILURE_ACTIONSW failure{86400, nullptr, nullptr, 2, actions};
  SERVICE_FAILURE_ACTIONS_FLAG on_exit_status{TRUE};
  // Optional steps (`missing`: what is lost) are left out by a service manager that does not
  // know them (ERROR_INVALID_LEVEL: wine's), with a warning; any other failure undoes the install.
  struct Step {
    DWORD level;
    void* info;
    const char* what;
    const char* missing;
  } steps[] = {
      {SERVICE_CONFIG_DESCRIPTION, &desc, "description", nullptr},
      {SERVICE_CONFIG_FAILURE_ACTIONS, &failure, "failure actions", nullptr},
      {SERVICE_CONFIG_DELAYED_AUTO_START_INFO, &delayed, "delayed automatic start",
       N_("this service manager has no delayed start: service {1} starts with the system")},
      {SERVICE_CONFIG_FAILURE_ACTIONS_FLAG, &on_exit_status, "failure actions flag",
       N_("this service manager restarts service {1} only when it ends without reporting "
          "its stop, not after a non-zero exit status")},
  };
  for (const Step& s : steps) {
    if (!::ChangeServiceConfig2W(svc.h, s.level, s.info)) {
      const DWORD e = ::GetLastError();
      if (s.missing && e == ERROR_INVALID_LEVEL) {
        std::cerr << "onshi-exchanged: " << tr(s.missing, name) << '\n';
        continue;
      }
      ::DeleteService(svc.h);
      return failed(tr("cannot configure service {1} ({2}); not installed", name, s.what), e);
    }
  }
  const LONG r = register_event_source(wname, exe);
  if (r != ERROR_SUCCESS) {
    ::DeleteService(svc.h);
    return failed(tr("cannot register the event source {1}; not installed", name),
                  static_cast<DWORD>(r));
  }
  std::cout << tr("service {1} installed: {2}", name, win::narrow(command)) << '\n'
            << tr("event source {1} registered in the Application log", name) << '\n'
            << tr("start it with: sc start {1}", name) << '\n';
  return 0;
}

int uninstall(const std::string& name) {
  const std::wstring wname = win::wide(name);
  ScHandle scm(::OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT));
  if (!scm.h) return failed(tr("cannot open the service manager"), ::GetLastError());
  ScHandle svc(::OpenServiceW(scm.h, wname.c_str(), SERVICE_STOP | SERVICE_QUERY_STATUS | DELETE));
  if (!svc.h) {
    const DWORD e = ::GetLastError();
    if (e == ERROR_SERVICE_DOES_NOT_EXIST) {
      std::cerr << "onshi-exchanged: " << tr("service {1} is not installed", name) << '\n';
      return kExitNotInstalled;
    }
    return failed(tr("cannot open service {1}", name), e);
  }
  SERVICE_STATUS st{};
  if (::QueryServiceStatus(svc.h, &st) && st.dwCurrentState != SERVICE_STOPPED) {
    std::cout << tr("stopping service {1}", name) << '\n';
    ::ControlService(svc.h, SERVICE_CONTROL_STOP, &st);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kStopWaitMs);
    while (::QueryServiceStatus(svc.h, &st) && st.dwCurrentState != SERVICE_STOPPED &&
           std::chrono::steady_clock::now() < deadline)
      ::Sleep(200);
    if (st.dwCurrentState != SERVICE_STOPPED)
      std::cerr << "onshi-exchanged: "
                << tr("service {1} did not stop in time; it is removed once it stops", name)
                << '\n';
  }
  if (!::DeleteService(svc.h)) {
    const DWORD e = ::GetLastError();
    if (e == ERROR_SERVICE_MARKED_FOR_DELETE) {
      std::cerr << "onshi-exchanged: "
                << tr("service {1} is already being removed (close the Services console)", name)
                << '\n';
      return kExitNotInstalled;
    }
    return failed(tr("cannot remove service {1}", name), e);
  }
  const LONG r = ::RegDeleteKeyW(HKEY_LOCAL_MACHINE, (kEventSourceKey + wname).c_str());
  if (r != ERROR_SUCCESS && r != ERROR_FILE_NOT_FOUND)
    std::cerr << "onshi-exchanged: " << tr("event source {1} not removed", name) << ": "
              << win::error_text(static_cast<DWORD>(r)) << '\n';
  std::cout << tr("service {1} removed", name) << '\n';
  return 0;
}

}  // namespace onshi::daemon::service
#endif
