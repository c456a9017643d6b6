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
#include "common/win32.h"
#include "exchange/share.h"

namespace onshi::exchange {
namespace {

[[noreturn]] void win_fail(const std::string& what, DWORD code = ::GetLastError()) {
  throw Error(what + ": " + win::error_text(code));
}

using win::Handle;

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
  if (!h.valid()) win_fail("open folder " + dir);
  BY_HANDLE_FILE_INFORMATION info{};
  if (!::GetFileInformationByHandle(h.get(), &info)) win_fail("folder " + dir);
  if (info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)
    throw Error("open folder " + dir + ": is a symbolic link or junction (not followed)");
  if (!(info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY))
    throw Error("open folder " + dir + ": not a folder");
}

/// The entry on the handle is the one that was read. An identity taken from a struct stat
/// (an entry refused unread: mingw-w64's has no file index) is compared on size and whole
/// seconds; one from the handle the file was read through (xml::read_file_bytes) exactly.
bool same_as_read(const FileIdentity& now, const FileIdentity& read) {
  if (read.coarse()) {
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
  if (!h.valid()) win_fail("create " + path);
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

/// Removes the entry open on `h` (opened with DELETE | FILE_WRITE_ATTRIBUTES). A read-only file
/// (the terminal's, or one copied from read-only media; wine maps a file without write permission
/// to one) is removed too: with FILE_DISPOSITION_FLAG_IGNORE_READONLY_ATTRIBUTE where Windows
/// has it (10 1809 and later), else by clearing the attribute on the handle first (put back when
/// the removal still fails). False with GetLastError() set when it could not be removed.
bool delete_handle(HANDLE h) {
  FILE_DISPOSITION_INFO d{};
  d.DeleteFile = TRUE;
  if (::SetFileInformationByHandle(h, FileDispositionInfo, &d, sizeof d)) return true;
  const DWORD first = ::GetLastError();
  FILE_BASIC_INFO basic{};
  if (first != ERROR_ACCESS_DENIED ||
      !::GetFileInformationByHandleEx(h, FileBasicInfo, &basic, sizeof basic) ||
      !(basic.FileAttributes & FILE_ATTRIBUTE_READONLY)) {
    ::SetLastError(first);
    return false;
  }
  // FileDispositionInfoEx (21) and the flag (0x10): Windows 10 1809, beyond the headers' target.
  const auto disposition_ex = static_cast<FILE_INFO_BY_HANDLE_CLASS>(21);
  FILE_DISPOSITION_INFO_EX ex{};
  ex.Flags = FILE_DISPOSITION_FLAG_DELETE | 0x10;
  if (::SetFileInformationByHandle(h, disposition_ex, &ex, sizeof ex)) return true;
  FILE_BASIC_INFO writable{};  // zero times: left as they are
  writable.FileAttributes = basic.FileAttributes & ~static_cast<DWORD>(FILE_ATTRIBUTE_READONLY);
  if (writable.FileAttributes == 0) writable.FileAttributes = FILE_ATTRIBUTE_NORMAL;
  if (!::SetFileInformationByHandle(h, FileBasicInfo, &writable, sizeof writable)) {
    ::SetLastError(first);
    return false;
  }
  if (::SetFileInformationByHandle(h, FileDispositionInfo, &d, sizeof d)) return true;
  const DWORD e = ::GetLastError();
  FILE_BASIC_INFO back{};
  back.FileAttributes = basic.FileAttributes;
  ::SetFileInformationByHandle(h, FileBasicInfo, &back, sizeof back);
  ::SetLastError(e);
  return false;
}

/// move_file(), and move_file_if_same() when `expected` is given (see share.h).
Disposal move_checked(const std::string& path, const std::string& dir, const FileIdentity* expected,
                      std::string* moved_to) {
  const std::string name = base_of(path);
  ensure_directory(dir);
  check_folder(dir_of(path));
  Handle h(open_entry(path, DELETE | FILE_WRITE_ATTRIBUTES | GENERIC_READ));
  if (!h.valid()) {
    const DWORD e = ::GetLastError();
    if (expected && not_found(e)) return Disposal::gone;
    win_fail("open " + path, e);
  }
  BY_HANDLE_FILE_INFORMATION info{};
  if (!::GetFileInformationByHandle(h.get(), &info)) win_fail("stat " + path);
  if (expected && !same_as_read(win::identity_of(info), *expected)) return Disposal::replaced;
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
    if (now_ns - win::filetime_ns(e.ftLastWriteTime) < min_age.count() * 1000000000LL) continue;
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

Disposal remove_file_if_same(const std::string& path, const FileIdentity& read) {
  check_folder(dir_of(path));
  Handle h(open_entry(path, DELETE | FILE_WRITE_ATTRIBUTES));
  if (!h.valid()) {
    const DWORD e = ::GetLastError();
    if (not_found(e)) return Disposal::gone;
    win_fail("open " + path, e);
  }
  BY_HANDLE_FILE_INFORMATION info{};
  if (!::GetFileInformationByHandle(h.get(), &info)) win_fail("stat " + path);
  if (!same_as_read(win::identity_of(info), read)) return Disposal::replaced;
  if (!delete_handle(h.get())) {
    const DWORD e = ::GetLastError();
    if (not_found(e)) return Disposal::gone;
    win_fail("remove " + path, e);
  }
  return Disposal::done;  // removed when the handle closes
}

}  // namespace onshi::exchange
#endif
