// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// File operations on the share (share.h), Windows side (issue 17); share.cc is the Linux side
// (openat, O_NOFOLLOW). On Linux this file compiles to nothing. Paths are UTF-8 and converted at
// the Win32 boundary (common/win32.h); '/' and '\' both separate folders.
//
// - A request is written under a temporary name, then MoveFileExW'd into req\ WITHOUT
//   MOVEFILE_REPLACE_EXISTING: an existing request is never replaced.
// - Folders and entries are opened with FILE_FLAG_OPEN_REPARSE_POINT and a reparse point
//   (symbolic link, junction, mount point) is refused, never followed: req\ replaced by a
//   junction must not send card numbers and birthdates elsewhere.
// - Removing or moving a file that was read goes through one handle opened on the entry itself:
//   its identity (volume serial, file index, size, last write time) is compared with the one
//   read, and the removal (FileDispositionInfo) or the rename (FileRenameInfo) is done on that
//   same handle, so a file renamed over the name meanwhile is never the one removed.
#ifdef _WIN32
#include <windows.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>
#include <vector>

#include "common/error.h"
#include "common/stat_time.h"
#include "common/win32.h"
#include "exchange/share.h"

namespace onshi::exchange {
namespace {

[[noreturn]] void win_fail(const std::string& what, DWORD code = ::GetLastError()) {
  throw Error(what + ": " + win::error_text(code));
}

class Handle {
 public:
  explicit Handle(HANDLE h) : h_(h) {}
  ~Handle() {
    if (ok()) ::CloseHandle(h_);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  HANDLE get() const { return h_; }
  bool ok() const { return h_ != INVALID_HANDLE_VALUE && h_ != nullptr; }

 private:
  HANDLE h_;
};

constexpr DWORD kShareAll = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

bool is_sep(char c) {
  return c == '/' || c == '\\';
}

std::string base_of(const std::string& path) {
  auto slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string dir_of(const std::string& path) {
  auto slash = path.find_last_of("/\\");
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

bool not_found(DWORD e) {
  return e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND;
}

/// Opens an entry itself (a reparse point is opened, not followed); `access` plus attributes.
HANDLE open_entry(const std::string& path, DWORD access) {
  return ::CreateFileW(win::wide(path).c_str(), access | FILE_READ_ATTRIBUTES, kShareAll, nullptr,
                       OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT,
                       nullptr);
}

/// Checks that `dir` is a folder and not a reparse point (never followed). @throws onshi::Error
void check_folder(const std::string& dir) {
  Handle h(open_entry(dir, 0));
  if (!h.ok()) win_fail("open folder " + dir);
  BY_HANDLE_FILE_INFORMATION info{};
  if (!::GetFileInformationByHandle(h.get(), &info)) win_fail("folder " + dir);
  if (info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)
    throw Error("open folder " + dir + ": is a symbolic link or junction (not followed)");
  if (!(info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY))
    throw Error("open folder " + dir + ": not a folder");
}

long long filetime_ns(const FILETIME& t) {  // since 1970, as st_mtim on Linux
  const unsigned long long ticks =
      (static_cast<unsigned long long>(t.dwHighDateTime) << 32) | t.dwLowDateTime;
  return (static_cast<long long>(ticks) - 116444736000000000LL) * 100;
}

FileIdentity identity_of(const BY_HANDLE_FILE_INFORMATION& info) {
  FileIdentity id;
  id.dev = info.dwVolumeSerialNumber;
  id.ino = (static_cast<unsigned long long>(info.nFileIndexHigh) << 32) | info.nFileIndexLow;
  id.size = static_cast<long long>((static_cast<unsigned long long>(info.nFileSizeHigh) << 32) |
                                   info.nFileSizeLow);
  id.mtime_ns = filetime_ns(info.ftLastWriteTime);
  return id;
}

/// The entry on the handle is the one that was read. An identity taken from a struct stat
/// (mingw-w64's has no file index: dev and ino 0) is compared on size and whole seconds.
bool same_as_read(const FileIdentity& now, const FileIdentity& read) {
  if (read.dev == 0 && read.ino == 0) {
    const long long s = 1000000000LL;
    return now.size == read.size && now.mtime_ns / s == read.mtime_ns / s;
  }
  return now == read;
}

/// Writes all bytes to a new file (never an existing one) and flushes it to disk.
void write_new_file(const std::string& path, std::string_view bytes) {
  const std::wstring wpath = win::wide(path);
  Handle h(::CreateFileW(wpath.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                         FILE_ATTRIBUTE_NORMAL, nullptr));
  if (!h.ok()) win_fail("create " + path);
  std::size_t done = 0;
  DWORD err = 0;
  while (done < bytes.size() && !err) {
    const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(bytes.size() - done, 1u << 20));
    DWORD n = 0;
    if (!::WriteFile(h.get(), bytes.data() + done, chunk, &n, nullptr))
      err = ::GetLastError();
    else
      done += n;
  }
  if (!err && !::FlushFileBuffers(h.get())) err = ::GetLastError();
  if (err) {
    ::CloseHandle(h.get());
    ::DeleteFileW(wpath.c_str());
    win_fail("write " + path, err);
  }
}

/// Moves `from` to `to` without ever replacing `to`. @return false when `to` is taken.
bool move_no_replace(const std::string& from, const std::string& to) {
  if (::MoveFileExW(win::wide(from).c_str(), win::wide(to).c_str(), MOVEFILE_WRITE_THROUGH))
    return true;
  const DWORD e = ::GetLastError();
  if (e == ERROR_ALREADY_EXISTS || e == ERROR_FILE_EXISTS) return false;
  win_fail("rename " + from + " -> " + to, e);
}

/// Renames the entry on `h` to `target` (never replacing). @return false when taken.
bool rename_handle(HANDLE h, const std::string& target, DWORD& err) {
  const std::wstring wt = win::wide(target);
  std::vector<unsigned char> buf(sizeof(FILE_RENAME_INFO) + (wt.size() + 1) * sizeof(wchar_t));
  auto* info = reinterpret_cast<FILE_RENAME_INFO*>(buf.data());
  info->ReplaceIfExists = FALSE;
  info->RootDirectory = nullptr;
  info->FileNameLength = static_cast<DWORD>(wt.size() * sizeof(wchar_t));
  std::memcpy(info->FileName, wt.c_str(), (wt.size() + 1) * sizeof(wchar_t));
  if (::SetFileInformationByHandle(h, FileRenameInfo, info, static_cast<DWORD>(buf.size())))
    return true;
  err = ::GetLastError();
  return false;
}

bool delete_handle(HANDLE h) {
  FILE_DISPOSITION_INFO d{};
  d.DeleteFile = TRUE;
  return ::SetFileInformationByHandle(h, FileDispositionInfo, &d, sizeof d) != 0;
}

/// move_file(), and move_file_if_same() when `expected` is given (see share.h).
Disposal move_checked(const std::string& path, const std::string& dir, const FileIdentity* expected,
                      std::string* moved_to) {
  const std::string name = base_of(path);
  ensure_directory(dir);
  check_folder(dir_of(path));
  Handle h(open_entry(path, DELETE | GENERIC_READ));
  if (!h.ok()) {
    const DWORD e = ::GetLastError();
    if (expected && not_found(e)) return Disposal::gone;
    win_fail("open " + path, e);
  }
  BY_HANDLE_FILE_INFORMATION info{};
  if (!::GetFileInformationByHandle(h.get(), &info)) win_fail("stat " + path);
  if (expected && !same_as_read(identity_of(info), *expected)) return Disposal::replaced;
  for (int i = 0; i < 1000; ++i) {
    const std::string target = dir + "/" + (i ? name + "." + std::to_string(i) : name);
    DWORD err = 0;
    if (rename_handle(h.get(), target, err)) {
      if (moved_to) *moved_to = target;
      return Disposal::done;
    }
    if (err == ERROR_ALREADY_EXISTS || err == ERROR_FILE_EXISTS) continue;
    if (err != ERROR_NOT_SAME_DEVICE) win_fail("move " + path + " to " + dir, err);
    // Another volume: a copy of exactly this handle's bytes, then this handle's file removed.
    if (info.dwFileAttributes & (FILE_ATTRIBUTE_REPARSE_POINT | FILE_ATTRIBUTE_DIRECTORY))
      throw Error("move " + path + " to " + dir +
                  ": a link or folder is not copied to another volume (left in place)");
    std::string bytes;
    char buf[65536];
    DWORD n = 0;
    while (::ReadFile(h.get(), buf, sizeof buf, &n, nullptr) && n > 0) bytes.append(buf, n);
    const std::string copy = write_file_atomically(dir, name, bytes);
    if (!delete_handle(h.get())) {
      const DWORD e = ::GetLastError();
      ::DeleteFileW(win::wide(copy).c_str());
      win_fail("remove " + path + " after copying it", e);
    }
    if (moved_to) *moved_to = copy;
    return Disposal::done;
  }
  throw Error("no free name for " + name + " in " + dir);
}

}  // namespace

bool is_plain_name(std::string_view name) {
  if (name.empty() || name.size() > 255 || name == "." || name == "..") return false;
  for (char c : name)  // also what Windows does not allow in a name
    if (static_cast<unsigned char>(c) < 0x20 || std::strchr("/\\:*?\"<>|", c)) return false;
  return name.back() != '.' && name.back() != ' ';
}

void ensure_directory(const std::string& dir) {
  if (dir.empty()) throw Error("empty directory name");
  // Every prefix ending before a separator, after the root ("C:", "\\server\share", "/").
  std::size_t start = 0;
  if (dir.size() >= 2 && dir[1] == ':') start = 2;
  if (dir.size() >= 2 && is_sep(dir[0]) && is_sep(dir[1])) {  // UNC: \\server\share\...
    std::size_t p = dir.find_first_of("/\\", 2);
    p = p == std::string::npos ? dir.size() : dir.find_first_of("/\\", p + 1);
    start = p == std::string::npos ? dir.size() : p;
  }
  for (std::size_t pos = start; pos != std::string::npos && pos < dir.size();) {
    std::size_t next = dir.find_first_of("/\\", pos + 1);
    const std::string partial = dir.substr(0, next);
    if (!partial.empty() && !is_sep(partial.back()) &&
        !::CreateDirectoryW(win::wide(partial).c_str(), nullptr)) {
      const DWORD e = ::GetLastError();
      if (e != ERROR_ALREADY_EXISTS && e != ERROR_ACCESS_DENIED) win_fail("mkdir " + partial, e);
    }
    pos = next;
  }
  const DWORD a = ::GetFileAttributesW(win::wide(dir).c_str());
  if (a == INVALID_FILE_ATTRIBUTES || !(a & FILE_ATTRIBUTE_DIRECTORY))
    throw Error(dir + ": not a directory");
}

void write_request_file(const ShareLayout& share, const std::string& name, std::string_view bytes) {
  write_request_file(share.req(), share.root, name, bytes);
}

void write_request_file(const std::string& req_dir, const std::string& temp_dir,
                        const std::string& name, std::string_view bytes) {
  if (!is_plain_name(name) || name[0] == '.') throw Error("bad request file name: " + name);
  check_folder(req_dir);
  check_folder(temp_dir);
  const std::string temp = temp_dir + "/" + own_temp_name();
  write_new_file(temp, bytes);
  bool placed = false;
  try {
    placed = move_no_replace(temp, req_dir + "/" + name);
  } catch (...) {
    ::DeleteFileW(win::wide(temp).c_str());
    throw Error("write request " + req_dir + "/" + name + ": " + win::last_error_text());
  }
  if (!placed) {
    ::DeleteFileW(win::wide(temp).c_str());
    throw Error("request " + name + " already exists in " + req_dir);
  }
}

std::string write_file_atomically(const std::string& dir, const std::string& name,
                                  std::string_view bytes) {
  if (!is_plain_name(name)) throw Error("bad file name: " + name);
  const std::string temp = dir + "/" + own_temp_name();
  write_new_file(temp, bytes);
  try {
    for (int i = 0; i < 1000; ++i) {
      const std::string target = dir + "/" + (i ? name + "." + std::to_string(i) : name);
      if (move_no_replace(temp, target)) return target;
    }
  } catch (...) {
    ::DeleteFileW(win::wide(temp).c_str());
    throw;
  }
  ::DeleteFileW(win::wide(temp).c_str());
  throw Error("no free name for " + name + " in " + dir);
}

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
    case S_IFCHR:
      return "device";
  }
  return "unknown kind of entry";
}

int remove_stale_temp_files(const std::string& dir, std::chrono::seconds min_age) {
  WIN32_FIND_DATAW e{};
  HANDLE find = ::FindFirstFileExW(win::wide(dir + "/.onshi-*.tmp").c_str(), FindExInfoBasic, &e,
                                   FindExSearchNameMatch, nullptr, 0);
  if (find == INVALID_HANDLE_VALUE) return 0;  // none, or unreachable now
  const long long now_ns = static_cast<long long>(std::time(nullptr)) * 1000000000LL;
  int removed = 0;
  do {
    const std::string name = win::narrow(e.cFileName, std::wcslen(e.cFileName));
    if (!is_own_temp_name(name)) continue;
    if (e.dwFileAttributes & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT)) continue;
    if (now_ns - filetime_ns(e.ftLastWriteTime) < min_age.count() * 1000000000LL) continue;
    if (::DeleteFileW(win::wide(dir + "/" + name).c_str())) ++removed;
  } while (::FindNextFileW(find, &e));
  ::FindClose(find);
  return removed;
}

void remove_file(const std::string& path) {
  if (!::DeleteFileW(win::wide(path).c_str())) {
    const DWORD e = ::GetLastError();
    if (!not_found(e)) win_fail("remove " + path, e);
  }
}

FileIdentity file_identity(const struct stat& st) {
  // mingw-w64's struct stat has no file index (st_ino is always 0) and st_dev is a drive
  // number: dev and ino stay 0, and same_as_read() compares size and seconds only.
  FileIdentity id;
  id.size = static_cast<long long>(st.st_size);
  id.mtime_ns = mtime_ns(st);
  return id;
}

Disposal remove_file_if_same(const std::string& path, const FileIdentity& read) {
  check_folder(dir_of(path));
  Handle h(open_entry(path, DELETE));
  if (!h.ok()) {
    const DWORD e = ::GetLastError();
    if (not_found(e)) return Disposal::gone;
    win_fail("open " + path, e);
  }
  BY_HANDLE_FILE_INFORMATION info{};
  if (!::GetFileInformationByHandle(h.get(), &info)) win_fail("stat " + path);
  if (!same_as_read(identity_of(info), read)) return Disposal::replaced;
  if (!delete_handle(h.get())) {
    const DWORD e = ::GetLastError();
    if (not_found(e)) return Disposal::gone;
    win_fail("remove " + path, e);
  }
  return Disposal::done;  // removed when the handle closes
}

}  // namespace onshi::exchange
#endif
