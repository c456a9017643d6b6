// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/share.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

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
  /// Closes now, reporting a close error (delayed write errors surface here on network shares).
  void close_checked(const std::string& what) {
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) os_fail("close " + what, errno);
  }

 private:
  int fd_;
};

std::string temp_suffix() {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
  return buf;
}

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
  const std::string temp = temp_dir + "/.onshi-" + temp_suffix() + ".tmp";
  write_new_file(temp, bytes, 0640);  // the link software must be able to read it
  if (!link_into_place(temp, req_dir + "/" + name)) {
    ::unlink(temp.c_str());
    throw Error("request " + name + " already exists in " + req_dir);
  }
  fsync_dir(req_dir);
}

std::string write_file_atomically(const std::string& dir, const std::string& name,
                                  std::string_view bytes) {
  if (!is_plain_name(name)) throw Error("bad file name: " + name);
  const std::string temp = dir + "/.onshi-" + temp_suffix() + ".tmp";
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

std::string move_file(const std::string& path, const std::string& dir) {
  const std::string name = base_of(path);
  ensure_directory(dir);
  for (int attempt = 0; attempt < 1000; ++attempt) {
    std::string target = free_name(dir, name);
    if (::link(path.c_str(), target.c_str()) == 0) {
      ::chmod(target.c_str(), 0600);  // patient data on the host: the service user only
      fsync_dir(dir);
      remove_file(path);
      return target;
    }
    if (errno == EEXIST) continue;
    break;  // another filesystem or no hard links: copy
  }
  // Copy, make it durable, and only then remove the source: a crash leaves at worst two copies.
  int in = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (in < 0) os_fail("open " + path, errno);
  Fd in_fd(in);
  std::string bytes;
  char buf[65536];
  while (true) {
    ssize_t n = ::read(in, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) os_fail("read " + path, errno);
    if (n == 0) break;
    bytes.append(buf, static_cast<std::size_t>(n));
  }
  std::string target = write_file_atomically(dir, name, bytes);
  remove_file(path);
  fsync_dir(dir_of(path));
  return target;
}

void remove_file(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) os_fail("remove " + path, errno);
}

}  // namespace onshi::exchange
