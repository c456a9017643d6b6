// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Folder watching behind one small interface (requirements section 1): inotify for local
/// folders, polling for SMB/NFS mounts where inotify sees nothing; a ReadDirectoryChangesW backend
/// would implement the same interface on Windows. A watcher reports a file only once it is
/// complete: closed after writing or renamed into the folder (inotify), or with size and mtime
/// unchanged across two looks (polling, and every file found by a rescan).
///
/// Everything else that appears in a watched folder (a symbolic link, a sub-folder, a fifo, a
/// socket, a device) is reported too, once its lstat() size and mtime settled, so that the
/// importer refuses and quarantines it: it is found with lstat() and never followed, opened or
/// read here. Names starting with '.' (temporary names of the terminal and of our own writes)
/// are never reported.
///
/// The watched folders themselves are looked at by path, never through a symbolic link, and
/// their identity (st_dev, st_ino) is checked at every poll interval: a folder that disappears
/// (removed, share unmounted, server gone) is logged once (ONSHI-E-WATCH-001, rate-limited) and
/// watched again when it is back (ONSHI-I-WATCH-002); one that was replaced by another folder at
/// the same path (the share mounted again over a mount point that holds local folders) is
/// watched anew (ONSHI-I-WATCH-004). Either way the folder is listed again.

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace onshi::watch {

/// Which backend to use; `automatic` picks polling on network filesystems (statfs).
enum class Backend { automatic, inotify, polling };

/// Parses "auto" / "inotify" / "poll"; @throws std::invalid_argument otherwise.
Backend backend_from_name(const std::string& name);
const char* backend_name(Backend b);

/// True when `dir` is on a filesystem whose remote changes inotify cannot see (CIFS/SMB, NFS,
/// FUSE-based network mounts).
bool is_network_filesystem(const std::string& dir);

/// Decides when a file found by listing a folder is complete: its size and mtime were the same
/// at two looks at least `settle` apart. Remembers what was reported, so a file that stays in the
/// folder is reported again only when it changes.
class StabilityTracker {
 public:
  using Clock = std::chrono::steady_clock;

  /// Records a look at `path`. @return true when it is complete and not reported in this state.
  bool observe(const std::string& path, long long size, long long mtime_ns, Clock::time_point now,
               Clock::duration settle);
  /// Records that `path` was reported by other means (e.g. an inotify close event) in this state.
  void mark_reported(const std::string& path, long long size, long long mtime_ns);
  /// Forgets one file (removed).
  void forget(const std::string& path) { files_.erase(path); }
  /// Forgets files that are no longer in the folder `dir` (`seen` = all names listed there).
  void retain_only(const std::string& dir, const std::vector<std::string>& seen);
  /// Files seen but not yet complete.
  std::vector<std::string> pending() const;
  bool has_pending() const;
  /// Number of files remembered (pending or reported and still present).
  std::size_t size() const { return files_.size(); }

 private:
  struct State {
    long long size;
    long long mtime_ns;
    Clock::time_point since;
    bool reported;
  };
  std::map<std::string, State> files_;
};

/// Watches a set of folders (not recursive) for complete files and other entries.
class Watcher {
 public:
  virtual ~Watcher() = default;

  /// Starts watching `dir` (must exist and be a folder; a symbolic link is not followed).
  /// Existing files are found by the next rescan().
  /// @throws onshi::Error when `dir` cannot be watched (inotify) or is not a folder
  virtual void add(const std::string& dir) = 0;

  /// File descriptor that becomes readable when events are pending (for epoll), or -1.
  virtual int fd() const = 0;

  /// Milliseconds until collect() should be called again even without fd activity
  /// (pending stability checks, poll interval), or -1 for "only on fd activity".
  virtual int timeout_ms() const = 0;

  /// Handles pending events/timeouts and appends complete files and settled other entries
  /// (full paths) to `out`. The same file may be reported again later (e.g. rewritten):
  /// consumers are idempotent.
  virtual void collect(std::vector<std::string>& out) = 0;

  /// Lists every watched folder again; files found are reported through collect() once stable.
  /// Called at startup (files that arrived while we were down) and after an event overflow.
  virtual void rescan() = 0;

  virtual Backend backend() const = 0;

  /// Files the watcher currently remembers (settling, or reported and still in the folder):
  /// bounded by what is in the folders, so a long-running engine does not grow.
  virtual std::size_t remembered() const = 0;

  /// Watched folders that are unreachable now (removed, unmounted, not a folder any more);
  /// each is looked for again every poll interval and watched and listed again once back.
  virtual std::vector<std::string> lost() const = 0;
};

/// Tuning of a watcher.
struct WatchOptions {
  std::chrono::milliseconds poll_interval{1000};  ///< polling: time between listings; both:
                                                  ///< between looks at the folders themselves
  std::chrono::milliseconds settle{300};          ///< size+mtime unchanged this long = complete
  /// Folders of our own that may sit inside a watched folder by configuration (another
  /// facility folder, req/, an archive or EMR folder): never reported, so never quarantined.
  /// Compared by path and by identity (st_dev, st_ino).
  std::vector<std::string> keep;
};

/// Creates a watcher. Backend::automatic probes `probe_dir` (the folder the watcher is for):
/// polling on a network filesystem, inotify otherwise.
/// @throws onshi::Error when inotify cannot be initialised or `probe_dir` cannot be examined
std::unique_ptr<Watcher> make_watcher(Backend backend, const WatchOptions& options,
                                      const std::string& probe_dir);

}  // namespace onshi::watch
