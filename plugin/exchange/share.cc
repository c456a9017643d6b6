// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// File operations on the share (share.h), Linux side; share_win.cc is the Windows side.
#ifndef _WIN32
#include "exchange/share.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>
#include <set>
#include <tuple>
#include <vector>

#include "common/error.h"

namespace onshi::exchange {
namespace {

[[noreturn]] void os_fail(const std::string& what, int err) {
  throw Error(what + ": " + std::strerror(err));
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  /// Closes now, reporting a close error (delayed write errors surface here on network shares).
  void close_checked(const std::string& what) {
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) os_fail("close " + what, errno);
  }

 private:
  int fd_;
};

/// Writes all bytes to a new file (O_EXCL) and fsyncs it.
void write_new_file(const std::string& path, std::string_view bytes, mode_t mode) {
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode));
  if (fd.get() < 0) os_fail("create " + path, errno);
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::unlink(path.c_str());
      os_fail("write " + path, err);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd.get()) != 0) {
    int err = errno;
    ::unlink(path.c_str());
    os_fail("fsync " + path, err);
  }
  fd.close_checked(path);
}

void fsync_dir(const std::string& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() >= 0) ::fsync(fd.get());  // best effort: some network filesystems refuse
}

bool same_inode(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

bool exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

/// `dir/name`, or `dir/name.N` with the first free N.
std::string free_name(const std::string& dir, const std::string& name) {
  std::string candidate = dir + "/" + name;
  for (int i = 1; exists(candidate); ++i) candidate = dir + "/" + name + "." + std::to_string(i);
  return candidate;
}

std::string base_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string dir_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

/// Links `temp` to `target` without replacing anything; removes `temp`. @return false if taken.
bool link_into_place(const std::string& temp, const std::string& target) {
  if (::link(temp.c_str(), target.c_str()) == 0) {
    ::unlink(temp.c_str());
    return true;
  }
  int err = errno;
  if (err == EEXIST) return false;
  // Filesystems without hard links (CIFS without unix extensions): check, then rename. The
  // window between the check and the rename is acceptable: names carry a unique sequence.
  if (err == EPERM || err == ENOTSUP || err == EOPNOTSUPP || err == ENOSYS || err == EXDEV) {
    if (exists(target)) return false;
    if (::rename(temp.c_str(), target.c_str()) == 0) return true;
    err = errno;
  }
  ::unlink(temp.c_str());
  os_fail("rename " + temp + " -> " + target, err);
}

// --- moving entries that are not regular files (refused: links, folders, fifos) --------------

constexpr int kMaxTreeDepth = 16;
constexpr std::size_t kMaxTreeEntries = 10000;
constexpr unsigned long long kMaxTreeBytes = 256ULL << 20;

/// Opens the folder `dir` for *at() calls; a symbolic link as its last component is not followed
/// (the share's res/ and face/ are the terminal's to replace).
int open_folder(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    struct stat st;
    if (::lstat(dir.c_str(), &st) == 0 && S_ISLNK(st.st_mode))
      throw Error(dir + ": a symbolic link, not followed");
    os_fail("open folder " + dir, err);
  }
  return fd;
}

bool exists_at(int dirfd, const std::string& name) {
  struct stat st;
  return ::fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/// `name`, or `name.N` with the first N free in folder `dirfd`.
std::string free_name_at(int dirfd, const std::string& name) {
  std::string candidate = name;
  for (int i = 1; exists_at(dirfd, candidate); ++i) candidate = name + "." + std::to_string(i);
  return candidate;
}

/// Names in folder `dirfd` (without "." and ".."), read through a second descriptor.
std::vector<std::string> names_at(int dirfd, const std::string& label) {
  int fd = ::openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) os_fail("open folder " + label, errno);
  DIR* d = ::fdopendir(fd);
  if (!d) {
    const int err = errno;
    ::close(fd);
    os_fail("list " + label, err);
  }
  std::vector<std::string> out;
  while (dirent* e = ::readdir(d)) {
    const std::string n = e->d_name;
    if (n != "." && n != "..") out.push_back(n);
  }
  ::closedir(d);
  return out;
}

/// What was copied, so that only that is removed from the share afterwards: an entry the
/// terminal added or rewrote meanwhile stays (and the folder with it).
using Manifest = std::set<std::tuple<dev_t, ino_t, long long, long long>>;

std::tuple<dev_t, ino_t, long long, long long> identity(const struct stat& st) {
  // A folder's size and mtime change when its entries are removed: identified by inode only.
  if (S_ISDIR(st.st_mode)) return {st.st_dev, st.st_ino, -1, -1};
  return {st.st_dev, st.st_ino, static_cast<long long>(st.st_size),
          static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
}

struct TreeBudget {
  std::size_t entries = 0;
  unsigned long long bytes = 0;
};

/// Copies entry `name` of folder `from` to a new entry `to_name` in folder `to`, never following
/// a symbolic link (a link is copied as a link, its target is never looked at). A folder is
/// copied with everything in it, within the limits above. `*created` (when given) is set once
/// `to_name` exists because of this call (so that only our own partial copy is cleaned up).
void copy_entry(int from, const std::string& name, int to, const std::string& to_name,
                const std::string& label, int depth, TreeBudget& budget, Manifest& copied,
                bool* created = nullptr) {
  if (++budget.entries > kMaxTreeEntries)
    throw Error(label + ": more than " + std::to_string(kMaxTreeEntries) + " entries");
  struct stat st;
  if (::fstatat(from, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) os_fail("stat " + label, errno);
  switch (st.st_mode & S_IFMT) {
    case S_IFREG: {
      Fd in(::openat(from, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
      if (in.get() < 0) os_fail("open " + label, errno);
      struct stat ist;
      if (::fstat(in.get(), &ist) != 0 || !S_ISREG(ist.st_mode) || !same_inode(ist, st))
        throw Error(label + ": changed while being moved");
      Fd out(::openat(to, to_name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                      0600));
      if (out.get() < 0) os_fail("create copy of " + label, errno);
      if (created) *created = true;
      char buf[65536];
      while (true) {
        ssize_t n = ::read(in.get(), buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) os_fail("read " + label, errno);
        if (n == 0) break;
        budget.bytes += static_cast<unsigned long long>(n);
        if (budget.bytes > kMaxTreeBytes)
          throw Error(label + ": more than " + std::to_string(kMaxTreeBytes >> 20) + " MiB");
        for (ssize_t done = 0; done < n;) {
          ssize_t w = ::write(out.get(), buf + done, static_cast<std::size_t>(n - done));
          if (w < 0 && errno == EINTR) continue;
          if (w < 0) os_fail("write copy of " + label, errno);
          done += w;
        }
      }
      if (::fsync(out.get()) != 0) os_fail("fsync copy of " + label, errno);
      out.close_checked("copy of " + label);
      struct stat after;  // written to meanwhile: the copy may be torn, the original stays
      if (::fstat(in.get(), &after) != 0 || identity(after) != identity(ist))
        throw Error(label + ": changed while being moved");
      st = ist;
      break;
    }
    case S_IFLNK: {
      std::string target(static_cast<std::size_t>(st.st_size > 0 ? st.st_size : 0) + 1, '\0');
      ssize_t n = ::readlinkat(from, name.c_str(), target.data(), target.size());
      if (n < 0) os_fail("readlink " + label, errno);
      if (static_cast<std::size_t>(n) >= target.size())
        throw Error(label + ": changed while being moved");
      target.resize(static_cast<std::size_t>(n));
      if (::symlinkat(target.c_str(), to, to_name.c_str()) != 0)
        os_fail("copy link " + label, errno);
      if (created) *created = true;
      break;
    }
    case S_IFDIR: {
      if (depth >= kMaxTreeDepth)
        throw Error(label + ": folders nested deeper than " + std::to_string(kMaxTreeDepth));
      Fd sub(::openat(from, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (sub.get() < 0) os_fail("open folder " + label, errno);
      struct stat sst;
      if (::fstat(sub.get(), &sst) != 0 || !same_inode(sst, st))
        throw Error(label + ": changed while being moved");
      if (::mkdirat(to, to_name.c_str(), 0700) != 0) os_fail("create copy of " + label, errno);
      if (created) *created = true;
      Fd copy(::openat(to, to_name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (copy.get() < 0) os_fail("open copy of " + label, errno);
      for (const std::string& n : names_at(sub.get(), label))
        copy_entry(sub.get(), n, copy.get(), n, label + "/" + n, depth + 1, budget, copied);
      ::fsync(copy.get());
      break;
    }
    case S_IFIFO:
    case S_IFSOCK:
    case S_IFCHR:
    case S_IFBLK:  // no content: the same kind of entry (devices need the privilege to make one)
      if (::mknodat(to, to_name.c_str(), (st.st_mode & S_IFMT) | 0600, st.st_rdev) != 0)
        os_fail("copy " + label, errno);
      if (created) *created = true;
      break;
    default:
      throw Error(label + ": unknown kind of entry");
  }
  copied.insert(identity(st));
}

/// Removes entry `name` of folder `dirfd` and, for a folder, what is in it; with `only`, only
/// entries recorded there (what was copied). A symbolic link is removed, never followed.
void remove_entry(int dirfd, const std::string& name, const std::string& label, int depth,
                  const Manifest* only) {
  struct stat st;
  if (::fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return;
    os_fail("stat " + label, errno);
  }
  if (only && !only->count(identity(st)))
    throw Error(label + ": changed while being moved; it stays");
  if (S_ISDIR(st.st_mode)) {
    if (depth >= kMaxTreeDepth + 1) throw Error(label + ": nested too deep to remove");
    Fd sub(::openat(dirfd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (sub.get() < 0) os_fail("open folder " + label, errno);
    for (const std::string& n : names_at(sub.get(), label))
      remove_entry(sub.get(), n, label + "/" + n, depth + 1, only);
    if (::unlinkat(dirfd, name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT)
      os_fail("remove " + label, errno);
    return;
  }
  if (::unlinkat(dirfd, name.c_str(), 0) != 0 && errno != ENOENT) os_fail("remove " + label, errno);
}

/// Leaves a moved entry readable by the service user only (a link has no mode of its own).
void restrict_mode(int dirfd, const std::string& name, mode_t type) {
  if (S_ISLNK(type)) return;
  ::fchmodat(dirfd, name.c_str(), S_ISDIR(type) ? 0700 : 0600, AT_SYMLINK_NOFOLLOW);
}

/// Moves entry `name` of folder `from` (path `path`) into folder `to` (path `dir`) whatever it
/// is, never following a symbolic link and never replacing anything: rename when both are on one
/// filesystem (a folder moves as a whole), else copy as above, then remove what was copied.
std::string move_entry(int from, const std::string& name, const std::string& path, int to,
                       const std::string& dir) {
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const std::string target = free_name_at(to, name);
    struct stat st;
    if (::fstatat(from, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
      os_fail("stat " + path, errno);
    int err = 0;
    if (::renameat2(from, name.c_str(), to, target.c_str(), RENAME_NOREPLACE) != 0) {
      err = errno;
      if (err == EEXIST) continue;
      if (err == EINVAL || err == ENOSYS || err == ENOTSUP) {
        // No RENAME_NOREPLACE on this filesystem: the quarantine is ours, the name was free.
        err = ::renameat(from, name.c_str(), to, target.c_str()) == 0 ? 0 : errno;
      }
    }
    if (err == 0) {
      restrict_mode(to, target, st.st_mode);
      fsync_dir(dir);
      fsync_dir(dir_of(path));
      return dir + "/" + target;
    }
    if (err != EXDEV) os_fail("rename " + path + " -> " + dir + "/" + target, err);
    // Another filesystem (the share is a network mount): copy, make it durable, then remove the
    // original. A failure before the removal leaves the original and no copy; a crash after it,
    // at worst, two copies.
    TreeBudget budget;
    Manifest copied;
    bool created = false;
    try {
      copy_entry(from, name, to, target, path, 0, budget, copied, &created);
    } catch (...) {
      try {
        if (created) remove_entry(to, target, dir + "/" + target, 0, nullptr);  // our partial copy
      } catch (const Error&) {
      }
      throw;
    }
    fsync_dir(dir);
    remove_entry(from, name, path, 0, &copied);
    fsync_dir(dir_of(path));
    return dir + "/" + target;
  }
  throw Error("no free name for " + name + " in " + dir);
}

}  // namespace

bool is_plain_name(std::string_view name) {
  if (name.empty() || name.size() > 255 || name == "." || name == "..") return false;
  for (char c : name)
    if (c == '/' || c == '\0') return false;
  return true;
}

void ensure_directory(const std::string& dir) {
  if (dir.empty()) throw Error("empty directory name");
  std::string partial;
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    pos = dir.find('/', pos + 1);
    partial = dir.substr(0, pos);
    if (partial.empty()) continue;
    if (::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) os_fail("mkdir " + partial, errno);
  }
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) throw Error(dir + ": not a directory");
}

void write_request_file(const ShareLayout& share, const std::string& name, std::string_view bytes) {
  write_request_file(share.req(), share.root, name, bytes);
}

void write_request_file(const std::string& req_dir, const std::string& temp_dir,
                        const std::string& name, std::string_view bytes) {
  if (!is_plain_name(name) || name[0] == '.') throw Error("bad request file name: " + name);
  // Both folders are opened without following a symbolic link (req/ replaced by a link must
  // not send card numbers and birthdates elsewhere); everything after is relative to them.
  Fd req(open_folder(req_dir));
  Fd tmp(open_folder(temp_dir));
  const std::string temp = own_temp_name();
  {
    Fd fd(::openat(tmp.get(), temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                   0640));  // the link software must be able to read it
    if (fd.get() < 0) os_fail("create " + temp_dir + "/" + temp, errno);
    std::size_t done = 0;
    int err = 0;
    while (done < bytes.size()) {
      ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        err = errno;
        break;
      }
      done += static_cast<std::size_t>(n);
    }
    if (!err && ::fsync(fd.get()) != 0) err = errno;
    if (!err && ::close(fd.release()) != 0) err = errno;
    if (err) {
      ::unlinkat(tmp.get(), temp.c_str(), 0);
      os_fail("write " + temp_dir + "/" + temp, err);
    }
  }
  // Into place without replacing anything: a hard link, or (filesystems without them) a
  // check and a rename.
  int err = ::linkat(tmp.get(), temp.c_str(), req.get(), name.c_str(), 0) == 0 ? 0 : errno;
  if (err == EPERM || err == ENOTSUP || err == EOPNOTSUPP || err == ENOSYS || err == EXDEV) {
    if (exists_at(req.get(), name))
      err = EEXIST;
    else
      err = ::renameat(tmp.get(), temp.c_str(), req.get(), name.c_str()) == 0 ? 0 : errno;
  }
  ::unlinkat(tmp.get(), temp.c_str(), 0);  // gone already after a rename
  if (err == EEXIST) throw Error("request " + name + " already exists in " + req_dir);
  if (err) os_fail("write request " + req_dir + "/" + name, err);
  ::fsync(req.get());  // best effort: some network filesystems refuse
}

std::string write_file_atomically(const std::string& dir, const std::string& name,
                                  std::string_view bytes) {
  if (!is_plain_name(name)) throw Error("bad file name: " + name);
  const std::string temp = dir + "/" + own_temp_name();
  write_new_file(temp, bytes, 0600);  // host copies (archive, quarantine): the service user only
  for (int attempt = 0; attempt < 1000; ++attempt) {
    std::string target = free_name(dir, name);
    if (link_into_place(temp, target)) {
      fsync_dir(dir);
      return target;
    }
  }
  ::unlink(temp.c_str());
  throw Error("no free name for " + name + " in " + dir);
}

namespace {

/// move_file(), and move_file_if_same() when `expected` is given (see share.h).
Disposal move_checked(const std::string& path, const std::string& dir, const FileIdentity* expected,
                      std::string* moved_to) {
  const std::string name = base_of(path);
  ensure_directory(dir);
  // Everything relative to the source folder, opened without following a link: neither a link
  // in the folder nor the folder replaced by one can make this touch anything outside it.
  Fd from(open_folder(dir_of(path)));
  Fd to(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (to.get() < 0) os_fail("open folder " + dir, errno);
  struct stat st;
  if (::fstatat(from.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    if (expected && errno == ENOENT) return Disposal::gone;
    os_fail("stat " + path, errno);
  }
  auto moved = [&](std::string final_path) {
    if (moved_to) *moved_to = std::move(final_path);
    return Disposal::done;
  };
  if (!S_ISREG(st.st_mode)) {
    if (expected && file_identity(st) != *expected) return Disposal::replaced;
    return moved(move_entry(from.get(), name, path, to.get(), dir));
  }
  // The file itself, opened without following a link: checked against what was read, and the
  // source of a copy to another filesystem.
  int in = ::openat(from.get(), name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (in < 0 && expected && errno == ENOENT) return Disposal::gone;
  if (in < 0 && errno == ELOOP) {  // replaced by a link since the look above
    if (expected) return Disposal::replaced;
    return moved(move_entry(from.get(), name, path, to.get(), dir));
  }
  // A file we may not read (another user's, mode 000) can still be linked into place on one
  // filesystem: its folder entry is all there is to compare then.
  const int open_error = in < 0 ? errno : 0;
  if (in < 0 && open_error != EACCES && open_error != EPERM) os_fail("open " + path, open_error);
  Fd in_fd(in);
  struct stat ist = st;
  if (in >= 0 && ::fstat(in, &ist) != 0) os_fail("fstat " + path, errno);
  if (expected && file_identity(ist) != *expected) return Disposal::replaced;
  if (!S_ISREG(ist.st_mode)) {
    // Replaced by something else since the look above: move that (never read through it).
    in_fd.close_checked(path);
    return moved(move_entry(from.get(), name, path, to.get(), dir));
  }
  // Still the same file at the name (checked on its folder entry): a file renamed over it after
  // the check above is never removed in its place.
  auto still_there = [&] {
    struct stat now;
    return ::fstatat(from.get(), name.c_str(), &now, AT_SYMLINK_NOFOLLOW) == 0 &&
           file_identity(now) == file_identity(ist);
  };
  for (int attempt = 0; attempt < 1000; ++attempt) {
    std::string target = free_name_at(to.get(), name);
    if (::linkat(from.get(), name.c_str(), to.get(), target.c_str(), 0) == 0) {
      struct stat linked;
      if (expected && (::fstatat(to.get(), target.c_str(), &linked, AT_SYMLINK_NOFOLLOW) != 0 ||
                       file_identity(linked) != file_identity(ist))) {
        ::unlinkat(to.get(), target.c_str(), 0);  // another file took the name meanwhile
        return Disposal::replaced;
      }
      // Patient data on the host: the service user only (never through a link swapped in).
      restrict_mode(to.get(), target, S_IFREG);
      fsync_dir(dir);
      if (::unlinkat(from.get(), name.c_str(), 0) != 0 && errno != ENOENT)
        os_fail("remove " + path, errno);
      return moved(dir + "/" + target);
    }
    if (errno == EEXIST) continue;
    break;  // another filesystem or no hard links: copy
  }
  if (in < 0) os_fail("open " + path, open_error);  // a copy needs to read it
  // Copy, make it durable, and only then remove the source: a crash leaves at worst two copies.
  // Streamed in bounded chunks into a temporary file of the destination (a refused file may be
  // gigabytes), made durable, then linked into place under a free name.
  const std::string temp = own_temp_name();
  {
    Fd out(::openat(to.get(), temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                    0600));  // host copies (archive, quarantine): the service user only
    if (out.get() < 0) os_fail("create " + dir + "/" + temp, errno);
    auto fail = [&](const std::string& what, int err) {
      ::unlinkat(to.get(), temp.c_str(), 0);
      os_fail(what, err);
    };
    char buf[65536];
    while (true) {
      ssize_t n = ::read(in, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fail("read " + path, errno);
      if (n == 0) break;
      for (ssize_t done = 0; done < n;) {
        ssize_t w = ::write(out.get(), buf + done, static_cast<std::size_t>(n - done));
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) fail("write " + dir + "/" + temp, errno);
        done += w;
      }
    }
    if (::fsync(out.get()) != 0) fail("fsync " + dir + "/" + temp, errno);
    if (::close(out.release()) != 0) fail("close " + dir + "/" + temp, errno);
  }
  std::string target;
  for (int attempt = 0; attempt < 1000 && target.empty(); ++attempt) {
    const std::string candidate = free_name_at(to.get(), name);
    if (::linkat(to.get(), temp.c_str(), to.get(), candidate.c_str(), 0) == 0)
      target = candidate;
    else if (errno != EEXIST)
      break;
  }
  if (target.empty()) {  // no hard links there: check, then rename (names are ours alone here)
    const std::string candidate = free_name_at(to.get(), name);
    if (::renameat(to.get(), temp.c_str(), to.get(), candidate.c_str()) == 0) target = candidate;
  }
  ::unlinkat(to.get(), temp.c_str(), 0);
  if (target.empty()) throw Error("no free name for " + name + " in " + dir);
  if (expected && !still_there()) {
    // Rewritten in place or replaced while it was copied: the copy is not what was read.
    ::unlinkat(to.get(), target.c_str(), 0);
    return Disposal::replaced;
  }
  fsync_dir(dir);
  if (::unlinkat(from.get(), name.c_str(), 0) != 0 && errno != ENOENT)
    os_fail("remove " + path, errno);
  fsync_dir(dir_of(path));
  return moved(dir + "/" + target);
}

}  // namespace

std::string move_file(const std::string& path, const std::string& dir) {
  std::string out;
  move_checked(path, dir, nullptr, &out);
  return out;
}

Disposal move_file_if_same(const std::string& path, const std::string& dir,
                           const FileIdentity& read, std::string* moved_to) {
  return move_checked(path, dir, &read, moved_to);
}

const char* entry_kind_name(mode_t mode) {
  switch (mode & S_IFMT) {
    case S_IFREG:
      return "regular file";
    case S_IFLNK:
      return "symbolic link";
    case S_IFDIR:
      return "folder";
    case S_IFIFO:
      return "fifo";
    case S_IFSOCK:
      return "socket";
    case S_IFCHR:
    case S_IFBLK:
      return "device";
  }
  return "unknown kind of entry";
}

int remove_stale_temp_files(const std::string& dir, std::chrono::seconds min_age) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return 0;  // unreachable now: the request writer reports the share's state
  DIR* d = ::fdopendir(fd);
  if (!d) {
    ::close(fd);
    return 0;
  }
  const std::time_t now = std::time(nullptr);
  int removed = 0;
  while (dirent* e = ::readdir(d)) {
    if (!is_own_temp_name(e->d_name)) continue;
    struct stat st;
    if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) continue;
    if (now - st.st_mtime < min_age.count()) continue;  // maybe being written (or clock skew)
    if (::unlinkat(fd, e->d_name, 0) == 0) ++removed;
  }
  ::closedir(d);
  if (removed) fsync_dir(dir);
  return removed;
}

void remove_file(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) os_fail("remove " + path, errno);
}

Disposal remove_file_if_same(const std::string& path, const FileIdentity& read) {
  const std::string name = base_of(path);
  Fd dir(open_folder(dir_of(path)));
  struct stat st;
  int fd = ::openat(dir.get(), name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd >= 0) {  // the file itself, on a handle
    Fd file(fd);
    if (::fstat(fd, &st) != 0) os_fail("fstat " + path, errno);
  } else if (errno == ENOENT) {
    return Disposal::gone;
  } else if (::fstatat(dir.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    // A link or an entry we may not open: its own lstat() is all there is to compare.
    if (errno == ENOENT) return Disposal::gone;
    os_fail("stat " + path, errno);
  }
  if (file_identity(st) != read) return Disposal::replaced;
  if (::unlinkat(dir.get(), name.c_str(), S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0) != 0) {
    if (errno == ENOENT) return Disposal::gone;
    os_fail("remove " + path, errno);
  }
  return Disposal::done;
}

}  // namespace onshi::exchange
#endif
