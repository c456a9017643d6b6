// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "common/clock.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>

#include "common/log.h"
#include "common/stat_time.h"

namespace onshi {
namespace {

std::tm local(std::time_t t) {
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm;
}

/// The test-only offset file as last read (see clock.h).
struct OffsetCache {
  std::mutex mutex;
  std::string path;  ///< the file it was read from
  bool present = false;
  struct stat st {};  ///< its identity and times when read
  long long offset = 0;
};

OffsetCache& cache() {
  static OffsetCache c;
  return c;
}

bool same_file_state(const struct stat& a, const struct stat& b) {
  return a.st_ino == b.st_ino && a.st_dev == b.st_dev && a.st_size == b.st_size &&
         mtime_ns(a) == mtime_ns(b) && ctime_ns(a) == ctime_ns(b);
}

/// The number in `path` ("-3600", "86400\n"); `ok` is false when it holds none.
long long read_offset(const std::string& path, bool& ok) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string s = text.str();
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  ok = in.is_open() && end != s.c_str() && errno == 0 &&
       s.find_first_not_of(" \t\r\n", static_cast<std::size_t>(end - s.c_str())) ==
           std::string::npos;
  return ok ? v : 0;
}

/// The configured test offset in seconds, 0 when none.
long long test_offset() {
  const char* path = std::getenv(kTestClockOffsetEnv);
  if (!path || !*path) return 0;
  OffsetCache& c = cache();
  std::lock_guard<std::mutex> lock(c.mutex);
  struct stat st {};
  const bool present = ::stat(path, &st) == 0;
  if (c.path == path && present == c.present && (!present || same_file_state(st, c.st)))
    return c.offset;
  bool ok = false;
  const long long offset = present ? read_offset(path, ok) : 0;
  const long long before = c.offset;
  c.path = path;
  c.present = present;
  c.st = st;
  c.offset = offset;
  if (present && !ok)
    log::warning("clock", "",
                 std::string("test clock offset file ") + path + " holds no number: no offset");
  else if (offset != before) {
    const std::time_t moved = std::time(nullptr) + static_cast<std::time_t>(offset);
    log::warning("clock", "",
                 "test clock offset " + std::to_string(offset) + " s (" + kTestClockOffsetEnv +
                     ", tests only): local time now " + local_date8(moved) + " " +
                     local_time6(moved));
  }
  return offset;
}

}  // namespace

std::time_t wall_clock_now() {
  return std::time(nullptr) + static_cast<std::time_t>(test_offset());
}

std::string local_date8(std::time_t t) {
  std::tm tm = local(t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

std::string local_time6(std::time_t t) {
  std::tm tm = local(t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d%02d%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string local_time_zone() {
  if (const char* tz = std::getenv("TZ"); tz && *tz) return std::string(tz[0] == ':' ? tz + 1 : tz);
  char link[4096];
  const ssize_t n = readlink("/etc/localtime", link, sizeof link - 1);
  if (n > 0) {
    const std::string target(link, static_cast<std::size_t>(n));
    const std::string marker = "zoneinfo/";
    if (auto at = target.rfind(marker); at != std::string::npos)
      return target.substr(at + marker.size());
  }
  std::ifstream f("/etc/timezone");
  std::string name;
  if (f && std::getline(f, name)) {
    while (!name.empty() && (name.back() == ' ' || name.back() == '\r')) name.pop_back();
    return name;
  }
  return "";
}

long local_utc_offset(std::time_t t) {
#ifdef _WIN32
  std::tm tm = local(t);  // Windows' struct tm has no tm_gmtoff: local time read as UTC, minus t
  return static_cast<long>(_mkgmtime(&tm) - t);
#else
  return local(t).tm_gmtoff;
#endif
}

}  // namespace onshi
