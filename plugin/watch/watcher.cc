// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The Linux watchers (inotify, polling); watcher_win.cc is the Windows side.
#ifndef _WIN32
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
#include <functional>
#include <map>
#include <queue>
#include <stdexcept>

#include "common/error.h"
#include "common/log.h"
#include "watch/presence.h"

namespace onshi::watch {
namespace {

using Clock = FolderTracker::Clock;

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
  bool empty() const { return paths_.empty(); }
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

/// One watched folder: its entries, its inotify watch and its presence (presence.h).
struct Folder {
  Folder(std::string d, std::size_t batch) : dir(std::move(d)), tracker(batch), presence(dir) {}

  std::string dir;
  FolderTracker tracker;  ///< its entries, by name
  int wd = -1;            ///< inotify watch (-1: none)
  FolderPresence presence;

  void lose(const std::string& why) { presence.lose(why); }
  bool found(const struct stat& st) {
    return presence.found(
        FolderId{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)});
  }
  struct stat statbuf() const {
    struct stat st {};
    st.st_dev = static_cast<dev_t>(presence.id().device);
    st.st_ino = static_cast<ino_t>(presence.id().index);
    return st;
  }
};

/// Opens the watched folder `dir` for a listing without following a symbolic link (the terminal
/// could replace res/ by one pointing anywhere); its entries are then examined relative to it.
/// @return null with the reason when it cannot be listed; `dir_st` is the folder's own stat
DIR* open_folder(const std::string& dir, struct stat& dir_st, std::string& why) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (look_at_folder(dir, dir_st, why)) why = std::strerror(err);  // else: why it is not one
    return nullptr;
  }
  DIR* d = ::fdopendir(fd);
  if (!d || ::fstat(fd, &dir_st) != 0) {
    why = std::strerror(errno);
    if (d)
      ::closedir(d);
    else
      ::close(fd);
    return nullptr;
  }
  return d;
}

/// One listing of the folder `d` (at `dir`, from open_folder(), closed here) into `tracker`:
/// every name is walked with readdir, but only the entries the tracker knows and the new ones
/// it takes (fresh names first, then the first ones by name, within its room) are looked at
/// with lstat() and remembered; the rest is left for a later listing. Dot names and our own
/// folders (`keep`) are skipped. Memory: 8 bytes per name plus the names taken.
void walk_folder(DIR* d, const std::string& dir, FolderTracker& tracker, const KeepSet& keep,
                 Clock::time_point now, std::chrono::milliseconds settle) {
  const int fd = ::dirfd(d);
  // lstat of `name`: false when it is gone or one of our own folders
  auto look = [&](const char* name, struct stat& st) {
    return ::fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
           !keep.matches(dir + "/" + name, st);
  };
  tracker.begin_listing();
  const std::size_t fresh_room = tracker.fresh_room(), room = tracker.listing_room();
  std::vector<std::string> fresh;
  std::priority_queue<std::string> first;  // the first new names by name, at most `room`
  bool left_out = false;
  struct stat st;
  while (dirent* e = ::readdir(d)) {
    if (ignored_name(e->d_name)) continue;
    const std::string name = e->d_name;
    const FolderTracker::Listed l = tracker.listed(name);
    if (l == FolderTracker::Listed::known) {
      if (look(e->d_name, st)) tracker.seen(name, st.st_size, mtime_ns(st), now, settle);
      continue;
    }
    // A folder may be one of ours: it never takes a place (nor leaves a name out for ever).
    if (!keep.empty() && (e->d_type == DT_DIR || e->d_type == DT_UNKNOWN) && !look(e->d_name, st))
      continue;
    if (l == FolderTracker::Listed::fresh && fresh.size() < fresh_room) {
      fresh.push_back(name);
    } else if (first.size() < room) {
      first.push(name);
    } else {
      left_out = true;
      if (room > 0 && name < first.top()) {
        first.pop();
        first.push(name);
      }
    }
  }
  for (const std::string& name : fresh)
    if (look(name.c_str(), st)) tracker.seen(name, st.st_size, mtime_ns(st), now, settle, true);
  std::vector<std::string> taken;
  taken.reserve(first.size());
  for (; !first.empty(); first.pop()) taken.push_back(first.top());
  for (auto it = taken.rbegin(); it != taken.rend(); ++it)
    if (look(it->c_str(), st)) tracker.seen(*it, st.st_size, mtime_ns(st), now, settle);
  ::closedir(d);
  tracker.end_listing(left_out);
}

/// Hands out up to `max` ready entries of `folders` (full paths) to `out`. `check`: each is
/// looked at first (polling, which sees no removals between its listings).
template <typename Folders>
void take_ready(Folders& folders, std::size_t max, std::vector<std::string>& out, bool check) {
  std::vector<std::string> names;
  for (auto& f : folders) {
    names.clear();
    f.tracker.take(max, names, [&](const std::string& name) {
      struct stat st;
      return !check || ::lstat((f.dir + "/" + name).c_str(), &st) == 0;
    });
    max -= names.size();
    for (const std::string& name : names) out.push_back(f.dir + "/" + name);
  }
}

/// Polling backend: lists every folder each interval.
class PollingWatcher final : public Watcher {
 public:
  explicit PollingWatcher(const WatchOptions& o)
      : options_(o), keep_(o.keep), next_(Clock::now()) {}

  void add(const std::string& dir) override {
    struct stat st;
    std::string why;
    if (!look_at_folder(dir, st, why)) throw Error(dir + ": " + why);
    folders_.emplace_back(dir, options_.batch);
    folders_.back().found(st);
  }
  int fd() const override { return -1; }
  int timeout_ms() const override { return ms_until(next_); }
  Backend backend() const override { return Backend::polling; }
  std::size_t remembered() const override {
    std::size_t n = 0;
    for (const Folder& f : folders_) n += f.tracker.size();
    return n;
  }
  std::size_t ready() const override {
    std::size_t n = 0;
    for (const Folder& f : folders_) n += f.tracker.ready();
    return n;
  }
  void rescan() override { next_ = Clock::now(); }

  std::vector<std::string> lost() const override {
    std::vector<std::string> out;
    for (const Folder& f : folders_)
      if (f.presence.lost()) out.push_back(f.dir);
    return out;
  }

  void collect(std::vector<std::string>& out, std::size_t max) override {
    Clock::time_point now = Clock::now();
    if (now >= next_) {
      next_ = now + options_.poll_interval;
      bool settling = false;
      for (Folder& f : folders_) {
        // Listed by path each time: after a remount this is the new folder, never a stale one.
        struct stat dir_st;
        std::string why;
        DIR* d = open_folder(f.dir, dir_st, why);
        if (!d) {
          f.lose(why);
          f.tracker.clear();
          continue;
        }
        if (f.found(dir_st)) f.tracker.clear();  // another folder: all new
        walk_folder(d, f.dir, f.tracker, keep_, now, options_.settle);
        settling = settling || f.tracker.has_settling();
      }
      // A file still settling is looked at again after `settle`, not a whole interval later.
      if (settling) next_ = std::min(next_, now + options_.settle);
    }
    take_ready(folders_, max, out, true);
    // The consumer took most of a backlog batch: list again for the next names.
    for (const Folder& f : folders_)
      if (f.tracker.wants_listing()) next_ = now;
  }

 private:
  WatchOptions options_;
  KeepSet keep_;
  std::vector<Folder> folders_;
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
    Folder f(dir, options_.batch);
    std::string why;
    if (!start_watch(f, why)) throw Error(dir + ": " + why);
    folders_.push_back(std::move(f));
    wds_[folders_.back().wd] = folders_.size() - 1;
  }
  int fd() const override { return fd_; }
  Backend backend() const override { return Backend::inotify; }
  std::size_t remembered() const override {
    std::size_t n = 0;
    for (const Folder& f : folders_) n += f.tracker.size();
    return n;
  }
  std::size_t ready() const override {
    std::size_t n = 0;
    for (const Folder& f : folders_) n += f.tracker.ready();
    return n;
  }

  std::vector<std::string> lost() const override {
    std::vector<std::string> out;
    for (const Folder& f : folders_)
      if (f.presence.lost()) out.push_back(f.dir);
    return out;
  }

  int timeout_ms() const override {
    if (rescan_due_) return 0;
    int t = folders_.empty() ? -1 : ms_until(next_look_);
    for (const Folder& f : folders_) {
      if (f.tracker.wants_listing()) return 0;
      if (f.tracker.has_settling()) {
        int c = ms_until(next_check_);
        t = t < 0 ? c : std::min(t, c);
      }
    }
    return t;
  }

  void rescan() override { rescan_due_ = true; }

  void collect(std::vector<std::string>& out, std::size_t max) override {
    read_events();
    Clock::time_point now = Clock::now();
    if (now >= next_look_) look_at_folders(now);
    if (rescan_due_) {
      rescan_due_ = false;
      for (Folder& f : folders_) {
        if (f.wd < 0) continue;
        struct stat dir_st;
        std::string why;
        DIR* d = open_folder(f.dir, dir_st, why);
        if (!d) continue;  // the next look tells
        walk_folder(d, f.dir, f.tracker, keep_, now, options_.settle);
      }
      next_check_ = now + options_.settle;
    } else if (now >= next_check_) {
      bool checked = false;
      for (Folder& f : folders_) {
        if (!f.tracker.has_settling()) continue;
        checked = true;
        for (const std::string& name : f.tracker.settling()) {
          const std::string path = f.dir + "/" + name;
          struct stat st;
          if (::lstat(path.c_str(), &st) != 0 || keep_.matches(path, st))
            f.tracker.gone(name);
          else
            f.tracker.seen(name, st.st_size, mtime_ns(st), now, options_.settle);
        }
      }
      if (checked) next_check_ = now + options_.settle;
    }
    take_ready(folders_, max, out, false);
    // The consumer took most of a backlog batch: list again for the next names.
    for (const Folder& f : folders_)
      if (f.tracker.wants_listing()) rescan_due_ = true;
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
    f.tracker.clear();
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

  /// Reads every pending event into the folders' trackers.
  void read_events() {
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
        const std::string name = ev->name;
        if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) {
          f.tracker.gone(name);  // gone (imported and removed): nothing to remember
          continue;
        }
        if (!(ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE))) continue;
        const std::string path = f.dir + "/" + name;
        struct stat st;
        if (::lstat(path.c_str(), &st) != 0) continue;
        if (S_ISREG(st.st_mode)) {
          if (!(ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO))) continue;  // reported once closed
          f.tracker.arrived(name, st.st_size, mtime_ns(st));
          continue;
        }
        // A link, folder, fifo ...: reported once settled (a folder may still be filled).
        if (keep_.matches(path, st)) continue;
        const bool had_settling = f.tracker.has_settling();
        f.tracker.appeared(name, st.st_size, mtime_ns(st), now, options_.settle);
        if (!had_settling || next_check_ < now) next_check_ = now + options_.settle;
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
  Clock::time_point next_check_{};
};

}  // namespace

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

std::unique_ptr<Watcher> make_watcher(Backend backend, const WatchOptions& options,
                                      const std::string& probe_dir) {
  if (backend == Backend::automatic)
    backend = is_network_filesystem(probe_dir) ? Backend::polling : Backend::inotify;
  if (backend == Backend::polling) return std::make_unique<PollingWatcher>(options);
  if (backend == Backend::directory_changes)
    throw Error("watch backend rdcw (ReadDirectoryChangesW) is available on Windows only");
  return std::make_unique<InotifyWatcher>(options);
}

}  // namespace onshi::watch
#endif
