// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "watch/watcher.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <stdexcept>

#include "common/error.h"
#include "common/i18n.h"
#include "common/log.h"
#include "common/message_ids.h"

namespace onshi::watch {
namespace {

using Clock = StabilityTracker::Clock;

// Log lines: component "watch", the IDs of common/message_ids.h (README, section Engine).
constexpr const char* kComponent = "watch";

long long mtime_ns(const struct stat& st) {
  return static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

/// Names the terminal or we use while writing (dot files, our temporaries) are never reported.
bool ignored_name(const char* name) {
  return name[0] == '.';
}

bool same_object(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/// `path` without repeated or trailing slashes.
std::string normal_path(const std::string& path) {
  std::string out;
  for (char c : path)
    if (c != '/' || out.empty() || out.back() != '/') out += c;
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

/// Looks at the watched folder `dir` itself, never through a symbolic link.
/// @return false with the reason when it is not a folder now
bool look_at_folder(const std::string& dir, struct stat& st, std::string& why) {
  if (::lstat(dir.c_str(), &st) != 0) {
    why = std::strerror(errno);
    return false;
  }
  if (S_ISLNK(st.st_mode)) {
    why = "a symbolic link now, not followed";
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    why = "not a folder now";
    return false;
  }
  return true;
}

/// One entry directly in a watched folder, with its lstat() (a symbolic link is not followed).
struct Entry {
  std::string path;
  struct stat st;
};

/// Every entry of folder `dir` but dot names, sorted. The folder is opened without following a
/// symbolic link (the terminal could replace res/ by one pointing anywhere) and its entries are
/// examined relative to it. @return false with the reason when `dir` cannot be listed; `dir_st`
/// is the folder's own stat
bool list_entries(const std::string& dir, std::vector<Entry>& out, struct stat& dir_st,
                  std::string& why) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (look_at_folder(dir, dir_st, why)) why = std::strerror(err);  // else: why it is not one
    return false;
  }
  DIR* d = ::fdopendir(fd);
  if (!d || ::fstat(fd, &dir_st) != 0) {
    why = std::strerror(errno);
    if (d)
      ::closedir(d);
    else
      ::close(fd);
    return false;
  }
  while (dirent* e = ::readdir(d)) {
    if (ignored_name(e->d_name)) continue;
    Entry entry{dir + "/" + e->d_name, {}};
    if (::fstatat(fd, e->d_name, &entry.st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // gone
    out.push_back(std::move(entry));
  }
  ::closedir(d);
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });
  return true;
}

int ms_until(Clock::time_point when) {
  auto d = std::chrono::duration_cast<std::chrono::milliseconds>(when - Clock::now()).count();
  return d < 0 ? 0 : static_cast<int>(d) + 1;
}

/// Our own folders that a watched folder may contain by configuration: never reported.
class KeepSet {
 public:
  explicit KeepSet(const std::vector<std::string>& paths) {
    for (const std::string& p : paths)
      if (!p.empty()) paths_.push_back(normal_path(p));
  }
  /// True when the entry at `path` (lstat `st`) is one of them.
  bool matches(const std::string& path, const struct stat& st) const {
    if (!S_ISDIR(st.st_mode) || paths_.empty()) return false;
    const std::string p = normal_path(path);
    for (const std::string& keep : paths_) {
      if (keep == p) return true;
      struct stat k;  // the configured path may legitimately name a link to the folder
      if (::stat(keep.c_str(), &k) == 0 && same_object(k, st)) return true;
    }
    return false;
  }

 private:
  std::vector<std::string> paths_;
};

/// One watched folder: its identity when last seen, and the complaint while it is lost.
struct Folder {
  explicit Folder(std::string d) : dir(std::move(d)) {}

  std::string dir;
  int wd = -1;         ///< inotify watch (-1: none)
  bool known = false;  ///< dev/ino are valid
  dev_t dev = 0;
  ino_t ino = 0;
  bool lost = false;
  log::Complaint complaint{kComponent, msg::kWatchFail, msg::kWatchBack};

  /// The folder cannot be reached (first time, or again): logged once, then rate-limited.
  void lose(const std::string& why) {
    lost = true;
    complaint.complain(
        tr("folder {1} is unreachable ({2}): removed, or the share is not "
           "mounted; its files are imported once it is back",
           dir, why));
  }
  /// The folder is there (again) with stat `st`. @return true when it is not the one seen last
  /// (replaced while watched, or back after a loss): its files must be listed again
  bool found(const struct stat& st) {
    bool fresh = false;
    if (lost) {
      lost = false;
      complaint.recover(tr("folder {1} is back and watched again", dir));
      fresh = true;
    } else if (known && !same_object(st, statbuf())) {
      log::info(kComponent, msg::kWatchReplaced,
                tr("folder {1} was replaced by another folder at the same path (the share "
                   "mounted again?): watching the new one",
                   dir));
      fresh = true;
    }
    known = true;
    dev = st.st_dev;
    ino = st.st_ino;
    return fresh;
  }
  struct stat statbuf() const {
    struct stat st {};
    st.st_dev = dev;
    st.st_ino = ino;
    return st;
  }
};

/// Polling backend: lists every folder each interval.
/// Feeds one listing of `dir` to `tracker`: entries that settled are appended to `out`; entries
/// no longer listed are forgotten; our own folders (`keep`) are skipped. Both backends list.
void observe_listing(StabilityTracker& tracker, const KeepSet& keep, const std::string& dir,
                     const std::vector<Entry>& entries, Clock::time_point now,
                     std::chrono::milliseconds settle, std::vector<std::string>& out) {
  std::vector<std::string> seen;
  for (const Entry& e : entries) {
    if (keep.matches(e.path, e.st)) continue;
    seen.push_back(e.path);
    if (tracker.observe(e.path, e.st.st_size, mtime_ns(e.st), now, settle)) out.push_back(e.path);
  }
  tracker.retain_only(dir, seen);
}

class PollingWatcher final : public Watcher {
 public:
  explicit PollingWatcher(const WatchOptions& o)
      : options_(o), keep_(o.keep), next_(Clock::now()) {}

  void add(const std::string& dir) override {
    struct stat st;
    std::string why;
    if (!look_at_folder(dir, st, why)) throw Error(dir + ": " + why);
    folders_.emplace_back(dir);
    folders_.back().found(st);
  }
  int fd() const override { return -1; }
  int timeout_ms() const override { return ms_until(next_); }
  Backend backend() const override { return Backend::polling; }
  std::size_t remembered() const override { return tracker_.size(); }
  void rescan() override { next_ = Clock::now(); }

  std::vector<std::string> lost() const override {
    std::vector<std::string> out;
    for (const Folder& f : folders_)
      if (f.lost) out.push_back(f.dir);
    return out;
  }

  void collect(std::vector<std::string>& out) override {
    Clock::time_point now = Clock::now();
    if (now < next_) return;
    next_ = now + options_.poll_interval;
    for (Folder& f : folders_) {
      // Listed by path each time: after a remount this is the new folder, never a stale one.
      std::vector<Entry> entries;
      struct stat dir_st;
      std::string why;
      if (!list_entries(f.dir, entries, dir_st, why)) {
        f.lose(why);
        tracker_.retain_only(f.dir, {});
        continue;
      }
      if (f.found(dir_st)) tracker_.retain_only(f.dir, {});  // another folder: all new
      observe_listing(tracker_, keep_, f.dir, entries, now, options_.settle, out);
    }
    // A file still settling is looked at again after `settle`, not a whole interval later.
    if (tracker_.has_pending()) next_ = std::min(next_, now + options_.settle);
  }

 private:
  WatchOptions options_;
  KeepSet keep_;
  std::vector<Folder> folders_;
  StabilityTracker tracker_;
  Clock::time_point next_;
};

/// inotify backend: IN_CLOSE_WRITE / IN_MOVED_TO report complete files; other entries
/// (IN_CREATE / IN_MOVED_TO of a link, folder, fifo ...) and rescans (startup, IN_Q_OVERFLOW) go
/// through the stability tracker. Every poll interval the folders themselves are looked at: a
/// watch sits on an inode, so a folder removed, unmounted or hidden under a new mount must be
/// noticed by path and watched anew.
class InotifyWatcher final : public Watcher {
 public:
  explicit InotifyWatcher(const WatchOptions& o)
      : options_(o), keep_(o.keep), next_look_(Clock::now() + o.poll_interval) {
    fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ < 0) throw Error(std::string("inotify_init1: ") + std::strerror(errno));
  }
  ~InotifyWatcher() override { ::close(fd_); }

  void add(const std::string& dir) override {
    Folder f(dir);
    std::string why;
    if (!start_watch(f, why)) throw Error(dir + ": " + why);
    folders_.push_back(std::move(f));
    wds_[folders_.back().wd] = folders_.size() - 1;
  }
  int fd() const override { return fd_; }
  Backend backend() const override { return Backend::inotify; }
  std::size_t remembered() const override { return tracker_.size(); }

  std::vector<std::string> lost() const override {
    std::vector<std::string> out;
    for (const Folder& f : folders_)
      if (f.lost) out.push_back(f.dir);
    return out;
  }

  int timeout_ms() const override {
    if (rescan_due_) return 0;
    int t = folders_.empty() ? -1 : ms_until(next_look_);
    if (tracker_.has_pending()) {
      int c = ms_until(next_check_);
      t = t < 0 ? c : std::min(t, c);
    }
    return t;
  }

  void rescan() override { rescan_due_ = true; }

  void collect(std::vector<std::string>& out) override {
    read_events(out);
    Clock::time_point now = Clock::now();
    if (now >= next_look_) look_at_folders(now);
    if (rescan_due_) {
      rescan_due_ = false;
      for (const Folder& f : folders_) {
        if (f.wd < 0) continue;
        std::vector<Entry> entries;
        struct stat dir_st;
        std::string why;
        if (!list_entries(f.dir, entries, dir_st, why)) continue;  // the next look tells
        observe_listing(tracker_, keep_, f.dir, entries, now, options_.settle, out);
      }
      next_check_ = now + options_.settle;
    } else if (tracker_.has_pending() && now >= next_check_) {
      for (const std::string& path : tracker_.pending()) {
        struct stat st;
        if (::lstat(path.c_str(), &st) != 0 || keep_.matches(path, st)) {
          tracker_.forget(path);
          continue;
        }
        if (tracker_.observe(path, st.st_size, mtime_ns(st), now, options_.settle))
          out.push_back(path);
      }
      next_check_ = now + options_.settle;
    }
  }

 private:
  static constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE |
                                    IN_MOVED_FROM | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW |
                                    IN_EXCL_UNLINK;

  /// Watches the folder now at `f.dir`. @return false with the reason
  bool start_watch(Folder& f, std::string& why) {
    struct stat before, after;
    if (!look_at_folder(f.dir, before, why)) return false;
    int wd = ::inotify_add_watch(fd_, f.dir.c_str(), kMask);
    if (wd < 0) {
      why = std::string("inotify_add_watch: ") + std::strerror(errno);
      return false;
    }
    if (!look_at_folder(f.dir, after, why) || !same_object(before, after)) {
      // Replaced between the looks: the watch may sit on the old one. The next look retries.
      if (!wds_.count(wd)) ::inotify_rm_watch(fd_, wd);
      if (why.empty()) why = "replaced while being watched";
      return false;
    }
    f.wd = wd;
    f.found(after);
    return true;
  }

  /// Stops watching `f` (its watch is gone or on the wrong folder) and complains.
  void lose(Folder& f, const std::string& why, bool remove_watch) {
    drop_watch(f, remove_watch);
    f.lose(why);
  }

  void drop_watch(Folder& f, bool remove_watch) {
    if (f.wd >= 0) {
      wds_.erase(f.wd);
      if (remove_watch) ::inotify_rm_watch(fd_, f.wd);  // its IN_IGNORED then matches nothing
      f.wd = -1;
    }
    tracker_.retain_only(f.dir, {});
  }

  /// Every poll interval: is each watched folder still the one at its path, and are lost ones
  /// back? A folder replaced by another one (a new mount over local folders) is watched anew.
  void look_at_folders(Clock::time_point now) {
    next_look_ = now + options_.poll_interval;
    for (std::size_t i = 0; i < folders_.size(); ++i) {
      Folder& f = folders_[i];
      std::string why;
      if (f.wd >= 0) {
        struct stat st;
        if (!look_at_folder(f.dir, st, why)) {
          lose(f, why, true);
          continue;
        }
        if (same_object(st, f.statbuf())) continue;
        drop_watch(f, true);  // replaced: found() below says so
      }
      if (start_watch(f, why)) {
        wds_[f.wd] = i;
        rescan_due_ = true;  // files that arrived meanwhile, or that the new folder holds
      } else {
        f.lose(why);  // first time logged, then rate-limited
      }
    }
  }

  void read_events(std::vector<std::string>& out) {
    alignas(struct inotify_event) char buf[16384];
    while (true) {
      ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;  // EAGAIN: drained
      const Clock::time_point now = Clock::now();
      for (char* p = buf; p < buf + n;) {
        auto* ev = reinterpret_cast<struct inotify_event*>(p);
        p += sizeof(struct inotify_event) + ev->len;
        if (ev->mask & IN_Q_OVERFLOW) {
          rescan_due_ = true;  // events were lost: list everything again
          continue;
        }
        auto it = wds_.find(ev->wd);
        if (it == wds_.end()) continue;  // a watch we dropped
        Folder& f = folders_[it->second];
        if (ev->mask & IN_IGNORED) {  // the folder was removed or unmounted
          lose(f, "removed or unmounted", false);
          next_look_ = std::min(next_look_, now + options_.poll_interval);
          continue;
        }
        if (ev->mask & IN_MOVE_SELF) {  // renamed away: its path names something else now
          next_look_ = now;
          continue;
        }
        if (ev->len == 0 || ignored_name(ev->name)) continue;
        std::string path = f.dir + "/" + ev->name;
        if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) {
          tracker_.forget(path);  // gone (imported and removed): nothing to remember
          continue;
        }
        if (!(ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE))) continue;
        struct stat st;
        if (::lstat(path.c_str(), &st) != 0) continue;
        if (S_ISREG(st.st_mode)) {
          if (!(ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO))) continue;  // reported once closed
          tracker_.mark_reported(path, st.st_size, mtime_ns(st));
          out.push_back(std::move(path));
          continue;
        }
        // A link, folder, fifo ...: reported once settled (a folder may still be filled).
        if (keep_.matches(path, st)) continue;
        const bool had_pending = tracker_.has_pending();
        tracker_.observe(path, st.st_size, mtime_ns(st), now, options_.settle);
        if (!had_pending || next_check_ < now) next_check_ = now + options_.settle;
      }
    }
  }

  WatchOptions options_;
  KeepSet keep_;
  int fd_ = -1;
  std::vector<Folder> folders_;
  std::map<int, std::size_t> wds_;  ///< watch -> index in folders_
  Clock::time_point next_look_;
  bool rescan_due_ = false;
  StabilityTracker tracker_;
  Clock::time_point next_check_{};
};

}  // namespace

Backend backend_from_name(const std::string& name) {
  if (name == "auto") return Backend::automatic;
  if (name == "inotify") return Backend::inotify;
  if (name == "poll" || name == "polling") return Backend::polling;
  throw std::invalid_argument("unknown watch backend \"" + name + "\" (auto, inotify, poll)");
}

const char* backend_name(Backend b) {
  switch (b) {
    case Backend::automatic:
      return "auto";
    case Backend::inotify:
      return "inotify";
    case Backend::polling:
      return "poll";
  }
  return "?";
}

bool is_network_filesystem(const std::string& dir) {
  struct statfs fs;
  if (::statfs(dir.c_str(), &fs) != 0) throw Error("statfs " + dir + ": " + std::strerror(errno));
  switch (static_cast<unsigned long>(fs.f_type)) {
    case 0xFF534D42UL:  // CIFS_MAGIC_NUMBER
    case 0xFE534D42UL:  // SMB2_MAGIC_NUMBER
    case 0x517BUL:      // SMB_SUPER_MAGIC
    case 0x6969UL:      // NFS_SUPER_MAGIC
    case 0x65735546UL:  // FUSE_SUPER_MAGIC (sshfs, smbnetfs, ...)
    case 0x564C:        // NCP_SUPER_MAGIC
    case 0x01021994UL:  // V9FS_MAGIC (9p)
    case 0x73757245UL:  // CODA_SUPER_MAGIC
    case 0x6B414653UL:  // AFS_FS_MAGIC
      return true;
    default:
      return false;
  }
}

bool StabilityTracker::observe(const std::string& path, long long size, long long mtime,
                               Clock::time_point now, Clock::duration settle) {
  auto [it, inserted] = files_.try_emplace(path, State{size, mtime, now, false});
  State& s = it->second;
  if (inserted) return false;
  if (s.size != size || s.mtime_ns != mtime) {
    s = State{size, mtime, now, false};
    return false;
  }
  if (s.reported || now - s.since < settle) return false;
  s.reported = true;
  return true;
}

void StabilityTracker::mark_reported(const std::string& path, long long size, long long mtime) {
  files_[path] = State{size, mtime, Clock::now(), true};
}

void StabilityTracker::retain_only(const std::string& dir, const std::vector<std::string>& seen) {
  std::set<std::string> keep(seen.begin(), seen.end());
  const std::string prefix = dir + "/";
  for (auto it = files_.begin(); it != files_.end();) {
    bool in_dir = it->first == dir || it->first.compare(0, prefix.size(), prefix) == 0;
    if (in_dir && !keep.count(it->first))
      it = files_.erase(it);
    else
      ++it;
  }
}

std::vector<std::string> StabilityTracker::pending() const {
  std::vector<std::string> out;
  for (const auto& [path, s] : files_)
    if (!s.reported) out.push_back(path);
  return out;
}

bool StabilityTracker::has_pending() const {
  for (const auto& entry : files_)
    if (!entry.second.reported) return true;
  return false;
}

std::unique_ptr<Watcher> make_watcher(Backend backend, const WatchOptions& options,
                                      const std::string& probe_dir) {
  if (backend == Backend::automatic)
    backend = is_network_filesystem(probe_dir) ? Backend::polling : Backend::inotify;
  if (backend == Backend::polling) return std::make_unique<PollingWatcher>(options);
  return std::make_unique<InotifyWatcher>(options);
}

}  // namespace onshi::watch
