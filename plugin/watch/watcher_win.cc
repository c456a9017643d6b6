// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The Windows watchers (watcher.h): ReadDirectoryChangesW on each folder's handle with
// overlapped I/O, and polling. For Windows only (mingw-w64); on Linux this file compiles to
// nothing (it is listed with the engine's sources all the same) and watcher.cc is the Linux side.
#ifdef _WIN32
#include <windows.h>

#include <algorithm>
#include <cstring>
#include <queue>
#include <stdexcept>
#include <vector>

#include "common/error.h"
#include "common/log.h"
#include "common/win32.h"
#include "watch/presence.h"
#include "watch/watcher.h"

namespace onshi::watch {
namespace {

using Clock = FolderTracker::Clock;

// Log lines: component "watch" (the folder lines are FolderPresence's, presence.h).
constexpr const char* kComponent = "watch";

using win::narrow;
using win::wide;

/// The text of a Windows error code, with its number (common/win32.h).
std::string win_error(DWORD code) {
  return win::error_text(code);
}

long long ticks_ns(const FILETIME& t) {  // 100 ns units; any epoch will do for comparisons
  return static_cast<long long>((static_cast<unsigned long long>(t.dwHighDateTime) << 32) |
                                t.dwLowDateTime) *
         100;
}

/// Names the terminal or we use while writing (dot files, our temporaries) are never reported.
bool ignored_name(const std::string& name) {
  return name.empty() || name[0] == '.';
}

int ms_until(Clock::time_point when) {
  auto d = std::chrono::duration_cast<std::chrono::milliseconds>(when - Clock::now()).count();
  return d < 0 ? 0 : static_cast<int>(d) + 1;
}

/// `path` with '/' for '\', without repeated or trailing separators (for comparisons).
std::string normal_path(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '\\') c = '/';
    if (c != '/' || out.empty() || out.back() != '/') out += c;
  }
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

/// What a look at one entry found (from a listing, or from its own handle).
struct Entry {
  DWORD attributes = 0;
  long long size = 0;
  long long mtime_ns = 0;
  FolderId id;
  bool folder() const { return (attributes & FILE_ATTRIBUTE_DIRECTORY) != 0; }
  bool reparse() const { return (attributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0; }
  bool regular() const { return !folder() && !reparse(); }
};

using win::Handle;

constexpr DWORD kShareAll = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

/// Opens `path` itself for its attributes (a link or junction is not followed unless `follow`).
Handle open_entry(const std::string& path, bool follow) {
  return Handle(::CreateFileW(
      wide(path).c_str(), FILE_READ_ATTRIBUTES, kShareAll, nullptr, OPEN_EXISTING,
      FILE_FLAG_BACKUP_SEMANTICS | (follow ? 0 : FILE_FLAG_OPEN_REPARSE_POINT), nullptr));
}

bool describe(HANDLE h, Entry& e) {
  BY_HANDLE_FILE_INFORMATION info;
  if (!::GetFileInformationByHandle(h, &info)) return false;
  e.attributes = info.dwFileAttributes;
  e.size = static_cast<long long>((static_cast<unsigned long long>(info.nFileSizeHigh) << 32) |
                                  info.nFileSizeLow);
  e.mtime_ns = ticks_ns(info.ftLastWriteTime);
  e.id = FolderId{info.dwVolumeSerialNumber,
                  (static_cast<std::uint64_t>(info.nFileIndexHigh) << 32) | info.nFileIndexLow};
  return true;
}

/// Looks at the entry `path` without following it (the lstat() of watcher.cc).
bool look_at(const std::string& path, Entry& e) {
  Handle h = open_entry(path, false);
  return h.valid() && describe(h.get(), e);
}

/// Opens the watched folder `dir` itself, never through a reparse point (the terminal could
/// replace res\ by a junction pointing anywhere), for listing or, with FILE_FLAG_OVERLAPPED in
/// `flags`, for ReadDirectoryChangesW. @return an invalid handle with the reason when it is not
/// a folder now
Handle open_folder(const std::string& dir, DWORD flags, FolderId& id, std::string& why) {
  Handle h(::CreateFileW(wide(dir).c_str(), FILE_LIST_DIRECTORY, kShareAll, nullptr, OPEN_EXISTING,
                         FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT | flags,
                         nullptr));
  if (!h.valid()) {
    why = win_error(::GetLastError());
    return h;
  }
  Entry e;
  if (!describe(h.get(), e)) {
    why = win_error(::GetLastError());
    return Handle();
  }
  if (e.reparse()) {
    why = "a link or junction now, not followed";
    return Handle();
  }
  if (!e.folder()) {
    why = "not a folder now";
    return Handle();
  }
  id = e.id;
  return h;
}

/// The folder open as `h` was removed but lives on while handles to it are open (Windows keeps
/// a removed folder "delete pending" until its last handle is closed; ours included).
bool delete_pending(HANDLE h) {
  FILE_STANDARD_INFO info{};
  return ::GetFileInformationByHandleEx(h, FileStandardInfo, &info, sizeof info) &&
         info.DeletePending;
}

/// A regular file someone still has open for writing: opening it while denying writers fails
/// with a sharing violation. (The handle is closed at once; nothing is read.)
bool being_written(const std::string& path) {
  HANDLE h = ::CreateFileW(wide(path).c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr,
                           OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
  if (h == INVALID_HANDLE_VALUE) return ::GetLastError() == ERROR_SHARING_VIOLATION;
  ::CloseHandle(h);
  return false;
}

/// Our own folders that a watched folder may contain by configuration: never reported.
class KeepSet {
 public:
  explicit KeepSet(const std::vector<std::string>& paths) {
    for (const std::string& p : paths)
      if (!p.empty()) paths_.push_back(normal_path(p));
  }
  bool empty() const { return paths_.empty(); }
  /// True when the entry at `path` (looked at as `e`) is one of them.
  bool matches(const std::string& path, const Entry& e) const {
    if (!e.folder() || paths_.empty()) return false;
    const std::string p = normal_path(path);
    for (const std::string& keep : paths_) {
      if (::lstrcmpiW(wide(keep).c_str(), wide(p).c_str()) == 0) return true;
      Entry k;  // the configured path may legitimately name a link to the folder
      Handle h = open_entry(keep, true);
      if (h.valid() && describe(h.get(), k) && k.id == e.id) return true;
    }
    return false;
  }

 private:
  std::vector<std::string> paths_;
};

/// Lists the folder open as `h` (its volume serial `volume`) through the handle itself, so a
/// folder replaced by a junction after open_folder() is never listed: every entry (with its
/// attributes, size and last write time) goes to `each(name, entry)`.
template <typename Each>
bool list_folder(HANDLE h, std::uint64_t volume, Each each) {
  alignas(8) static thread_local char buf[64 * 1024];
  FILE_INFO_BY_HANDLE_CLASS cls = FileIdBothDirectoryRestartInfo;
  while (::GetFileInformationByHandleEx(h, cls, buf, sizeof buf)) {
    cls = FileIdBothDirectoryInfo;
    for (char* p = buf;;) {
      auto* info = reinterpret_cast<FILE_ID_BOTH_DIR_INFO*>(p);
      const std::string name = narrow(info->FileName, info->FileNameLength / sizeof(wchar_t));
      if (!ignored_name(name)) {
        Entry e;
        e.attributes = info->FileAttributes;
        e.size = info->EndOfFile.QuadPart;
        FILETIME t{static_cast<DWORD>(info->LastWriteTime.LowPart),
                   static_cast<DWORD>(info->LastWriteTime.HighPart)};
        e.mtime_ns = ticks_ns(t);
        e.id = FolderId{volume, static_cast<std::uint64_t>(info->FileId.QuadPart)};
        each(name, e);
      }
      if (info->NextEntryOffset == 0) break;
      p += info->NextEntryOffset;
    }
  }
  return ::GetLastError() == ERROR_NO_MORE_FILES;
}

/// One watched folder: its entries, its change notification and its presence.
struct Folder {
  Folder(std::string d, std::size_t batch) : dir(std::move(d)), tracker(batch), presence(dir) {}

  std::string dir;
  FolderTracker tracker;  ///< its entries, by name
  FolderPresence presence;
  Handle watch;                ///< opened with FILE_FLAG_OVERLAPPED (events backend)
  OVERLAPPED overlapped = {};  ///< of the ReadDirectoryChangesW under way
  bool pending = false;        ///< a ReadDirectoryChangesW is under way
  std::vector<DWORD> buffer;   ///< DWORD-aligned, as ReadDirectoryChangesW wants
};

/// Looks at a tracked entry again (a re-check, a listing): seen, or busy while written.
void observe(Folder& f, const std::string& name, const Entry& e, Clock::time_point now,
             std::chrono::milliseconds settle, bool fresh = false) {
  if (e.regular() && f.tracker.tracking(name) && being_written(f.dir + "/" + name))
    f.tracker.busy(name, now);
  else
    f.tracker.seen(name, e.size, e.mtime_ns, now, settle, fresh);
}

/// One listing of `f` (open as `h`, identity `id`) into its tracker: the entries the tracker
/// knows and the new ones it takes (fresh names first, then the first ones by name, within its
/// room) are remembered; the rest is left for a later listing. Dot names and our own folders
/// (`keep`) are skipped. The same selection as watcher.cc's walk_folder(). @return false when
/// the listing was cut short
bool walk_folder(Folder& f, HANDLE h, const FolderId& id, const KeepSet& keep,
                 Clock::time_point now, std::chrono::milliseconds settle) {
  FolderTracker& tracker = f.tracker;
  tracker.begin_listing();
  const std::size_t fresh_room = tracker.fresh_room(), room = tracker.listing_room();
  using Named = std::pair<std::string, Entry>;
  auto by_name = [](const Named& a, const Named& b) { return a.first < b.first; };
  std::vector<Named> fresh;
  std::priority_queue<Named, std::vector<Named>, decltype(by_name)> first(by_name);
  bool left_out = false;
  const bool complete = list_folder(h, id.device, [&](const std::string& name, const Entry& e) {
    const FolderTracker::Listed l = tracker.listed(name);
    if (keep.matches(f.dir + "/" + name, e)) return;
    if (l == FolderTracker::Listed::known) {
      observe(f, name, e, now, settle);
      return;
    }
    if (l == FolderTracker::Listed::fresh && fresh.size() < fresh_room) {
      fresh.emplace_back(name, e);
    } else if (first.size() < room) {
      first.emplace(name, e);
    } else {
      left_out = true;
      if (room > 0 && name < first.top().first) {
        first.pop();
        first.emplace(name, e);
      }
    }
  });
  for (const Named& n : fresh)
    tracker.seen(n.first, n.second.size, n.second.mtime_ns, now, settle, true);
  for (; !first.empty(); first.pop())
    tracker.seen(first.top().first, first.top().second.size, first.top().second.mtime_ns, now,
                 settle);
  // A listing cut short (the folder went away meanwhile, a failed read) is not ended: it forgets
  // nothing it did not see, and the caller lists again.
  if (complete) tracker.end_listing(left_out);
  return complete;
}

/// Both Windows backends: `events` = ReadDirectoryChangesW, otherwise polling.
class WindowsWatcher final : public Watcher {
 public:
  WindowsWatcher(const WatchOptions& o, bool events)
      : options_(o), keep_(o.keep), events_(events), next_look_(Clock::now() + o.poll_interval) {
    event_ = ::CreateEventW(nullptr, TRUE, FALSE, nullptr);
    if (!event_) throw Error("CreateEvent: " + win_error(::GetLastError()));
  }
  ~WindowsWatcher() override {
    for (auto& f : folders_) stop_watch(*f);
    ::CloseHandle(event_);
  }

  void add(const std::string& dir) override {
    auto f = std::make_unique<Folder>(dir, options_.batch);
    std::string why;
    if (events_) {
      if (!start_watch(*f, why)) throw Error(dir + ": " + why);
    } else {
      FolderId id;
      if (!open_folder(dir, 0, id, why).valid()) throw Error(dir + ": " + why);
      f->presence.found(id);
    }
    folders_.push_back(std::move(f));
  }
  int fd() const override { return -1; }
  void* wait_handle() const override { return events_ ? event_ : nullptr; }
  Backend backend() const override {
    return events_ ? Backend::directory_changes : Backend::polling;
  }
  std::size_t remembered() const override {
    std::size_t n = 0;
    for (const auto& f : folders_) n += f->tracker.size();
    return n;
  }
  std::size_t ready() const override {
    std::size_t n = 0;
    for (const auto& f : folders_) n += f->tracker.ready();
    return n;
  }
  std::vector<std::string> lost() const override {
    std::vector<std::string> out;
    for (const auto& f : folders_)
      if (f->presence.lost()) out.push_back(f->dir);
    return out;
  }
  void rescan() override { rescan_due_ = true; }

  int timeout_ms() const override {
    if (rescan_due_) return 0;
    int t = folders_.empty() ? -1 : ms_until(next_look_);
    for (const auto& f : folders_) {
      if (f->tracker.wants_listing()) return 0;
      if (f->tracker.has_settling() || relist_) {
        int c = ms_until(next_check_);
        t = t < 0 ? c : std::min(t, c);
      }
    }
    return t;
  }

  void collect(std::vector<std::string>& out, std::size_t max) override {
    if (events_) read_events();
    Clock::time_point now = Clock::now();
    if (now >= next_look_) {
      next_look_ = now + options_.poll_interval;
      if (events_)
        look_at_folders();
      else
        rescan_due_ = true;  // polling: every interval is a listing
    }
    if (rescan_due_) {
      rescan_due_ = false;
      for (auto& f : folders_) list(*f, now);
      next_check_ = now + options_.settle;
      if (!events_) {  // a file still settling is looked at again after `settle`
        for (const auto& f : folders_)
          if (f->tracker.has_settling()) next_look_ = std::min(next_look_, now + options_.settle);
      }
    } else if (now >= next_check_) {
      if (relist_) rescan_due_ = true;  // a listing was cut short: the next call lists again
      relist_ = false;
      bool checked = false;
      for (auto& f : folders_) {
        if (!f->tracker.has_settling()) continue;
        checked = true;
        for (const std::string& name : f->tracker.settling()) {
          const std::string path = f->dir + "/" + name;
          Entry e;
          if (!look_at(path, e) || keep_.matches(path, e))
            f->tracker.gone(name);
          else
            observe(*f, name, e, now, options_.settle);
        }
      }
      if (checked) next_check_ = now + options_.settle;
    }
    take_ready(max, out);
    // The consumer took most of a backlog batch: list again for the next names.
    for (const auto& f : folders_)
      if (f->tracker.wants_listing()) rescan_due_ = true;
  }

 private:
  static constexpr DWORD kFilter = FILE_NOTIFY_CHANGE_FILE_NAME | FILE_NOTIFY_CHANGE_DIR_NAME |
                                   FILE_NOTIFY_CHANGE_SIZE | FILE_NOTIFY_CHANGE_LAST_WRITE;
  static constexpr std::size_t kBufferBytes = 64 * 1024;  // the most a network share returns

  /// Lists `f` by path (polling: after a remount this is the new folder, never a stale one).
  void list(Folder& f, Clock::time_point now) {
    if (events_ && !f.watch.valid()) return;  // lost: the next look tells
    FolderId id;
    std::string why;
    Handle h = open_folder(f.dir, 0, id, why);
    if (!h.valid()) {
      if (!events_) {
        f.presence.lose(why);
        f.tracker.clear();
      }
      return;
    }
    if (events_ && id != f.presence.id()) {
      next_look_ = now;  // replaced since the watch started: the look watches the new one
      return;
    }
    if (!events_ && f.presence.found(id)) f.tracker.clear();  // another folder: all new
    if (!walk_folder(f, h.get(), id, keep_, now, options_.settle)) {
      log::debug(kComponent, f.dir + ": listing cut short (" + win_error(::GetLastError()) +
                                 "): listing again");
      relist_ = true;  // after `settle`, not at once
    }
  }

  /// Hands out up to `max` ready entries (full paths), each looked at first: polling sees no
  /// removals between its listings, and ReadDirectoryChangesW may tell of a removal only after
  /// the next wait (its notices arrive asynchronously).
  void take_ready(std::size_t max, std::vector<std::string>& out) {
    std::vector<std::string> names;
    for (auto& f : folders_) {
      names.clear();
      f->tracker.take(max, names, [&](const std::string& name) {
        Entry e;
        return look_at(f->dir + "/" + name, e);
      });
      max -= names.size();
      for (const std::string& name : names) out.push_back(f->dir + "/" + name);
    }
  }

  /// Watches the folder now at `f.dir`: opens it and starts the first ReadDirectoryChangesW.
  bool start_watch(Folder& f, std::string& why) {
    FolderId id;
    Handle h = open_folder(f.dir, FILE_FLAG_OVERLAPPED, id, why);
    if (!h.valid()) return false;
    f.watch = std::move(h);
    f.buffer.assign(kBufferBytes / sizeof(DWORD), 0);
    if (!issue(f, why)) {
      stop_watch(f);
      return false;
    }
    f.presence.found(id);
    return true;
  }

  /// Starts the next ReadDirectoryChangesW on `f` (the changes in between are kept by the
  /// system for the handle).
  bool issue(Folder& f, std::string& why) {
    f.overlapped = OVERLAPPED{};
    f.overlapped.hEvent = event_;  // one event for every folder: the loop waits on one handle
    if (!::ReadDirectoryChangesW(f.watch.get(), f.buffer.data(),
                                 static_cast<DWORD>(f.buffer.size() * sizeof(DWORD)), FALSE,
                                 kFilter, nullptr, &f.overlapped, nullptr)) {
      why = "ReadDirectoryChangesW: " + win_error(::GetLastError());
      f.pending = false;
      return false;
    }
    f.pending = true;
    return true;
  }

  /// Cancels the request under way (waiting for it: the buffer and OVERLAPPED belong to it until
  /// then) and closes the folder's handle.
  void stop_watch(Folder& f) {
    if (f.pending) {
      ::CancelIoEx(f.watch.get(), &f.overlapped);
      // Not GetOverlappedResult(..., TRUE): it waits on the event, which every folder shares,
      // so another folder's completion could end the wait before this request is over.
      DWORD n = 0;
      while (!::GetOverlappedResult(f.watch.get(), &f.overlapped, &n, FALSE) &&
             ::GetLastError() == ERROR_IO_INCOMPLETE)
        ::Sleep(1);
      f.pending = false;
    }
    f.watch.reset();
  }

  void lose(Folder& f, const std::string& why) {
    stop_watch(f);
    f.tracker.clear();
    f.presence.lose(why);
  }

  /// Every poll interval: is each watched folder still the one at its path, and are lost ones
  /// back? A folder replaced by another one (a new share over the old path) is watched anew.
  void look_at_folders() {
    for (auto& fp : folders_) {
      Folder& f = *fp;
      std::string why;
      if (f.watch.valid()) {
        FolderId id;
        Handle h = open_folder(f.dir, 0, id, why);
        if (!h.valid()) {
          lose(f, why);
          continue;
        }
        if (id == f.presence.id() && f.pending && !delete_pending(f.watch.get())) continue;
        if (id == f.presence.id() && f.pending) {  // removed, kept only by our own handles
          lose(f, "removed");
          continue;
        }
        stop_watch(f);  // replaced (found() below says so), or its request failed
        f.tracker.clear();
      }
      if (start_watch(f, why))
        rescan_due_ = true;  // files that arrived meanwhile, or that the new folder holds
      else
        f.presence.lose(why);  // first time logged, then rate-limited
    }
  }

  /// Reads every completed request into the folders' trackers and starts the next ones.
  void read_events() {
    ::ResetEvent(event_);  // before looking: a completion after this sets it again
    const Clock::time_point now = Clock::now();
    for (auto& fp : folders_) {
      Folder& f = *fp;
      if (!f.pending) continue;
      DWORD bytes = 0;
      if (!::GetOverlappedResult(f.watch.get(), &f.overlapped, &bytes, FALSE)) {
        const DWORD err = ::GetLastError();
        if (err == ERROR_IO_INCOMPLETE) continue;
        f.pending = false;
        if (err == ERROR_NOTIFY_ENUM_DIR) {  // the system's buffer overflowed: list again
          log::debug(kComponent, f.dir + ": change notices lost (ERROR_NOTIFY_ENUM_DIR): listing");
          rescan_due_ = true;
        } else {  // removed, the share gone: the look decides (lost, replaced, or again)
          next_look_ = now;
          continue;
        }
      } else {
        f.pending = false;
        if (bytes == 0) {  // changes were lost (our buffer was too small): list again
          log::debug(kComponent, f.dir + ": change notices lost (buffer overflow): listing");
          rescan_due_ = true;
        } else {
          take_events(f, bytes, now);
        }
      }
      std::string why;
      if (!issue(f, why)) next_look_ = now;
    }
  }

  void take_events(Folder& f, DWORD bytes, Clock::time_point now) {
    const char* base = reinterpret_cast<const char*>(f.buffer.data());
    for (DWORD offset = 0; offset < bytes;) {
      auto* ev = reinterpret_cast<const FILE_NOTIFY_INFORMATION*>(base + offset);
      const std::string name = narrow(ev->FileName, ev->FileNameLength / sizeof(wchar_t));
      const DWORD action = ev->Action;
      offset = ev->NextEntryOffset == 0 ? bytes : offset + ev->NextEntryOffset;
      if (ignored_name(name) || name.find_first_of("\\/") != std::string::npos) continue;
      if (action == FILE_ACTION_REMOVED || action == FILE_ACTION_RENAMED_OLD_NAME) {
        f.tracker.gone(name);  // gone (imported and removed): nothing to remember
        continue;
      }
      const std::string path = f.dir + "/" + name;
      Entry e;
      if (!look_at(path, e) || keep_.matches(path, e)) continue;
      if (e.regular() && action == FILE_ACTION_RENAMED_NEW_NAME && !being_written(path)) {
        f.tracker.arrived(name, e.size, e.mtime_ns);  // renamed into place whole
        continue;
      }
      // Added or written to: complete once settled and closed; a link, folder: once settled.
      const bool had_settling = f.tracker.has_settling();
      f.tracker.appeared(name, e.size, e.mtime_ns, now, options_.settle);
      if (!had_settling || next_check_ < now) next_check_ = now + options_.settle;
    }
  }

  WatchOptions options_;
  KeepSet keep_;
  bool events_;
  HANDLE event_ = nullptr;
  std::vector<std::unique_ptr<Folder>> folders_;  ///< stable addresses: OVERLAPPED in flight
  Clock::time_point next_look_;
  bool rescan_due_ = false;
  bool relist_ = false;  ///< a listing was cut short: list again at next_check_
  Clock::time_point next_check_{};
};

}  // namespace

bool is_network_filesystem(const std::string& dir) {
  const std::wstring w = wide(dir);
  if (::GetFileAttributesW(w.c_str()) == INVALID_FILE_ATTRIBUTES)
    throw Error(dir + ": " + win_error(::GetLastError()));
  const std::string n = normal_path(dir);
  if (n.rfind("//", 0) == 0) return true;  // \\server\share
  wchar_t root[MAX_PATH + 1];
  if (!::GetVolumePathNameW(w.c_str(), root, MAX_PATH)) return false;
  return ::GetDriveTypeW(root) == DRIVE_REMOTE;
}

std::unique_ptr<Watcher> make_watcher(Backend backend, const WatchOptions& options,
                                      const std::string& probe_dir) {
  (void)probe_dir;  // ReadDirectoryChangesW works on local folders and SMB shares alike
  if (backend == Backend::inotify)
    throw Error("watch backend inotify is available on Linux only (on Windows: auto, rdcw, poll)");
  return std::make_unique<WindowsWatcher>(options, backend != Backend::polling);
}

}  // namespace onshi::watch

#endif  // _WIN32
