// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "watch/watcher.h"

#include <dirent.h>
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

namespace onshi::watch {
namespace {

using Clock = StabilityTracker::Clock;

long long mtime_ns(const struct stat& st) {
  return static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

/// Names the terminal or we use while writing (dot files, our temporaries) are never reported.
bool ignored_name(const char* name) { return name[0] == '.'; }

/// Regular files (not symlinks, not directories) directly in `dir`, with their stat.
std::vector<std::pair<std::string, struct stat>> list_files(const std::string& dir) {
  std::vector<std::pair<std::string, struct stat>> out;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return out;  // vanished or unreadable: nothing to report now; the next look retries
  while (dirent* e = ::readdir(d)) {
    if (ignored_name(e->d_name)) continue;
    std::string path = dir + "/" + e->d_name;
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    out.emplace_back(std::move(path), st);
  }
  ::closedir(d);
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

int ms_until(Clock::time_point when) {
  auto d = std::chrono::duration_cast<std::chrono::milliseconds>(when - Clock::now()).count();
  return d < 0 ? 0 : static_cast<int>(d) + 1;
}

/// Polling backend: lists every folder each interval.
class PollingWatcher final : public Watcher {
 public:
  explicit PollingWatcher(const WatchOptions& o) : options_(o), next_(Clock::now()) {}

  void add(const std::string& dir) override { dirs_.push_back(dir); }
  int fd() const override { return -1; }
  int timeout_ms() const override { return ms_until(next_); }
  Backend backend() const override { return Backend::polling; }
  std::size_t remembered() const override { return tracker_.size(); }
  void rescan() override { next_ = Clock::now(); }

  void collect(std::vector<std::string>& out) override {
    Clock::time_point now = Clock::now();
    if (now < next_) return;
    next_ = now + options_.poll_interval;
    for (const std::string& dir : dirs_) {
      std::vector<std::string> seen;
      for (auto& [path, st] : list_files(dir)) {
        seen.push_back(path);
        if (tracker_.observe(path, st.st_size, mtime_ns(st), now, options_.settle))
          out.push_back(path);
      }
      tracker_.retain_only(dir, seen);
    }
    // A file still settling is looked at again after `settle`, not a whole interval later.
    if (tracker_.has_pending()) next_ = std::min(next_, now + options_.settle);
  }

 private:
  WatchOptions options_;
  std::vector<std::string> dirs_;
  StabilityTracker tracker_;
  Clock::time_point next_;
};

/// inotify backend: IN_CLOSE_WRITE / IN_MOVED_TO report complete files; rescans (startup,
/// IN_Q_OVERFLOW) go through the stability tracker.
class InotifyWatcher final : public Watcher {
 public:
  explicit InotifyWatcher(const WatchOptions& o) : options_(o) {
    fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ < 0) throw Error(std::string("inotify_init1: ") + std::strerror(errno));
  }
  ~InotifyWatcher() override { ::close(fd_); }

  void add(const std::string& dir) override {
    int wd = ::inotify_add_watch(fd_, dir.c_str(),
                                 IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM |
                                     IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK);
    if (wd < 0) throw Error("inotify_add_watch " + dir + ": " + std::strerror(errno));
    dirs_[wd] = dir;
  }
  int fd() const override { return fd_; }
  Backend backend() const override { return Backend::inotify; }
  std::size_t remembered() const override { return tracker_.size(); }

  int timeout_ms() const override {
    if (rescan_due_) return 0;
    int t = tracker_.has_pending() ? ms_until(next_check_) : -1;
    if (!lost_dirs_.empty()) {
      int r = ms_until(next_readd_);
      t = t < 0 ? r : std::min(t, r);
    }
    return t;
  }

  void rescan() override { rescan_due_ = true; }

  void collect(std::vector<std::string>& out) override {
    read_events(out);
    Clock::time_point now = Clock::now();
    if (!lost_dirs_.empty() && now >= next_readd_) readd(now);
    if (rescan_due_) {
      rescan_due_ = false;
      for (const auto& [wd, dir] : dirs_) {
        std::vector<std::string> seen;
        for (auto& [path, st] : list_files(dir)) {
          seen.push_back(path);
          if (tracker_.observe(path, st.st_size, mtime_ns(st), now, options_.settle))
            out.push_back(path);
        }
        tracker_.retain_only(dir, seen);
      }
      next_check_ = now + options_.settle;
    } else if (tracker_.has_pending() && now >= next_check_) {
      for (const std::string& path : tracker_.pending()) {
        struct stat st;
        if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
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
  void read_events(std::vector<std::string>& out) {
    alignas(struct inotify_event) char buf[16384];
    while (true) {
      ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;  // EAGAIN: drained
      for (char* p = buf; p < buf + n;) {
        auto* ev = reinterpret_cast<struct inotify_event*>(p);
        p += sizeof(struct inotify_event) + ev->len;
        if (ev->mask & IN_Q_OVERFLOW) {
          rescan_due_ = true;  // events were lost: list everything again
          continue;
        }
        if (ev->mask & IN_IGNORED) {  // the folder was removed or unmounted
          auto it = dirs_.find(ev->wd);
          if (it != dirs_.end()) {
            lost_dirs_.push_back(it->second);
            dirs_.erase(it);
            next_readd_ = Clock::now() + options_.poll_interval;
          }
          continue;
        }
        if (ev->len == 0) continue;
        auto it = dirs_.find(ev->wd);
        if (it == dirs_.end() || ignored_name(ev->name)) continue;
        std::string path = it->second + "/" + ev->name;
        if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) {
          tracker_.forget(path);  // gone (imported and removed): nothing to remember
          continue;
        }
        if (!(ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO))) continue;
        struct stat st;
        if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
        tracker_.mark_reported(path, st.st_size, mtime_ns(st));
        out.push_back(std::move(path));
      }
    }
  }

  /// Watches folders again that disappeared (e.g. a share remounted); rescans on success.
  void readd(Clock::time_point now) {
    std::vector<std::string> still_lost;
    for (const std::string& dir : lost_dirs_) {
      try {
        add(dir);
        rescan_due_ = true;
      } catch (const Error&) {
        still_lost.push_back(dir);
      }
    }
    lost_dirs_ = std::move(still_lost);
    next_readd_ = now + options_.poll_interval;
  }

  WatchOptions options_;
  int fd_ = -1;
  std::map<int, std::string> dirs_;
  std::vector<std::string> lost_dirs_;  ///< removed/unmounted folders, re-added when possible
  Clock::time_point next_readd_{};
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
    case Backend::automatic: return "auto";
    case Backend::inotify: return "inotify";
    case Backend::polling: return "poll";
  }
  return "?";
}

bool is_network_filesystem(const std::string& dir) {
  struct statfs fs;
  if (::statfs(dir.c_str(), &fs) != 0)
    throw Error("statfs " + dir + ": " + std::strerror(errno));
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
