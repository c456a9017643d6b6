// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The share's file operations on Windows (plugin/exchange/share_win.cc), run under wine by
// tests/windows/run_windows_tests.sh: requests written under a temporary name and moved into req/
// without ever replacing one, moves that never overwrite, removal only of the file that was read,
// stale temporary files, the file reader's identity (plugin/xml/read_file_win.cc), read-only files.
// Usage: share_win_tests.exe [CASE]
#include <sys/stat.h>
#include <windows.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/path.h"
#include "common/win32.h"
#include "exchange/share.h"
#include "windows/mini_unit.h"
#include "xml/reader.h"

namespace {

using namespace onshi;

/// A fresh folder under %TEMP%, removed with its contents at the end.
class TempDir {
 public:
  TempDir() {
    wchar_t base[MAX_PATH];
    ::GetTempPathW(MAX_PATH, base);
    static int n = 0;
    path_ = win::narrow(std::wstring(base)) + "onshi-share-test-" +
            std::to_string(::GetCurrentProcessId()) + "-" + std::to_string(++n);
    ::CreateDirectoryW(win::wide(path_).c_str(), nullptr);
  }
  ~TempDir() {
    std::wstring from = win::wide(path_);
    from.push_back(L'\0');  // double-NUL terminated list
    SHFILEOPSTRUCTW op{};
    op.wFunc = FO_DELETE;
    op.pFrom = from.c_str();
    op.fFlags = FOF_NO_UI;
    ::SHFileOperationW(&op);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void write(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string read_back(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> out;
  WIN32_FIND_DATAW e{};
  HANDLE h = ::FindFirstFileW(win::wide(dir + "\\*").c_str(), &e);
  if (h == INVALID_HANDLE_VALUE) return out;
  do {
    std::string n = win::narrow(std::wstring(e.cFileName));
    if (n != "." && n != "..") out.push_back(n);
  } while (::FindNextFileW(h, &e));
  ::FindClose(h);
  return out;
}

bool exists(const std::string& path) {
  return ::GetFileAttributesW(win::wide(path).c_str()) != INVALID_FILE_ATTRIBUTES;
}

exchange::ShareLayout make_share(const TempDir& t) {
  exchange::ShareLayout s{t.path()};
  exchange::ensure_directory(s.req());
  exchange::ensure_directory(s.res());
  exchange::ensure_directory(s.face());
  return s;
}

/// The identity the importer hands to the share: the one of the handle the file was read through.
exchange::FileIdentity identity(const std::string& path) {
  exchange::FileIdentity id;
  xml::read_file_bytes(path, 1 << 20, &id);
  CPPUNIT_ASSERT(!id.coarse());
  return id;
}

/// Sets the last write time of `path` to `t`.
void set_write_time(const std::string& path, const FILETIME& t) {
  HANDLE h = ::CreateFileW(win::wide(path).c_str(), FILE_WRITE_ATTRIBUTES, 0, nullptr,
                           OPEN_EXISTING, 0, nullptr);
  CPPUNIT_ASSERT(h != INVALID_HANDLE_VALUE);
  CPPUNIT_ASSERT(::SetFileTime(h, nullptr, nullptr, &t));
  ::CloseHandle(h);
}

void writesRequestThroughTemporaryName() {
  TempDir t;
  exchange::ShareLayout share = make_share(t);
  exchange::write_request_file(share, "OQSsiquc01req_202506120001.xml", "<XmlMsg/>");
  CPPUNIT_ASSERT_EQUAL(std::string("<XmlMsg/>"),
                       read_back(share.req() + "/OQSsiquc01req_202506120001.xml"));
  CPPUNIT_ASSERT_EQUAL(std::size_t{3}, names_in(share.root).size());  // face, req, res
  CPPUNIT_ASSERT_EQUAL(std::size_t{1}, names_in(share.req()).size());
  CPPUNIT_ASSERT_THROW(exchange::write_request_file(share, "..\\evil.xml", "x"), Error);
  CPPUNIT_ASSERT_THROW(exchange::write_request_file(share, "a:b.xml", "x"), Error);
  CPPUNIT_ASSERT_THROW(exchange::write_request_file(share, ".hidden.xml", "x"), Error);
  CPPUNIT_ASSERT_EQUAL(std::size_t{1}, names_in(share.req()).size());
}

void neverReplacesARequest() {
  TempDir t;
  exchange::ShareLayout share = make_share(t);
  exchange::write_request_file(share, "OQSsiquc01req_1.xml", "first");
  CPPUNIT_ASSERT_THROW(exchange::write_request_file(share, "OQSsiquc01req_1.xml", "second"), Error);
  CPPUNIT_ASSERT_EQUAL(std::string("first"), read_back(share.req() + "/OQSsiquc01req_1.xml"));
  CPPUNIT_ASSERT_EQUAL(std::size_t{3}, names_in(share.root).size());  // no temporary left
}

void writeAtomicallyAndMoveNeverOverwrite() {
  TempDir t;
  const std::string dir = t.path() + "/archive";
  exchange::ensure_directory(dir);
  CPPUNIT_ASSERT_EQUAL(dir + "/a.xml", exchange::write_file_atomically(dir, "a.xml", "one"));
  CPPUNIT_ASSERT_EQUAL(dir + "/a.xml.1", exchange::write_file_atomically(dir, "a.xml", "two"));
  write(t.path() + "/a.xml", "three");
  CPPUNIT_ASSERT_EQUAL(dir + "/a.xml.2", exchange::move_file(t.path() + "/a.xml", dir));
  CPPUNIT_ASSERT_EQUAL(std::string("one"), read_back(dir + "/a.xml"));
  CPPUNIT_ASSERT_EQUAL(std::string("three"), read_back(dir + "/a.xml.2"));
  CPPUNIT_ASSERT(!exists(t.path() + "/a.xml"));
}

void removesOnlyTheFileThatWasRead() {
  TempDir t;
  const std::string path = t.path() + "/OQSsiquc01res_1.xml";
  write(path, "read");
  const exchange::FileIdentity read_one = identity(path);
  // Another file renamed over the name: left in place.
  write(t.path() + "/other", "another file");
  CPPUNIT_ASSERT(::MoveFileExW(win::wide(t.path() + "/other").c_str(), win::wide(path).c_str(),
                               MOVEFILE_REPLACE_EXISTING));
  CPPUNIT_ASSERT(exchange::Disposal::replaced == exchange::remove_file_if_same(path, read_one));
  CPPUNIT_ASSERT_EQUAL(std::string("another file"), read_back(path));
  // The file that was read: removed; then gone.
  const exchange::FileIdentity read_two = identity(path);
  CPPUNIT_ASSERT(exchange::Disposal::done == exchange::remove_file_if_same(path, read_two));
  CPPUNIT_ASSERT(!exists(path));
  CPPUNIT_ASSERT(exchange::Disposal::gone == exchange::remove_file_if_same(path, read_two));
}

void movesOnlyTheFileThatWasRead() {
  TempDir t;
  const std::string path = t.path() + "/OQSsiquc01res_2.xml";
  const std::string quarantine = t.path() + "/quarantine/1";
  write(path, "refused");
  const exchange::FileIdentity read_one = identity(path);
  write(path, "rewritten in place, longer");
  std::string moved;
  CPPUNIT_ASSERT(exchange::Disposal::replaced ==
                 exchange::move_file_if_same(path, quarantine, read_one, &moved));
  CPPUNIT_ASSERT(exists(path));
  const exchange::FileIdentity read_two = identity(path);
  CPPUNIT_ASSERT(exchange::Disposal::done ==
                 exchange::move_file_if_same(path, quarantine, read_two, &moved));
  CPPUNIT_ASSERT_EQUAL(quarantine + "/OQSsiquc01res_2.xml", moved);
  CPPUNIT_ASSERT_EQUAL(std::string("rewritten in place, longer"), read_back(moved));
  CPPUNIT_ASSERT(!exists(path));
}

void readFileIdentifiesTheFileItself() {
  TempDir t;
  const std::string path = t.path() + "/OQSsiquc01res_3.xml";
  write(path, "<same/>");
  exchange::FileIdentity read;
  CPPUNIT_ASSERT_EQUAL(std::string("<same/>"), xml::read_file_bytes(path, 100, &read));
  CPPUNIT_ASSERT(!read.coarse());
  // Another file of the same size and the same last write time renamed over the name: only the
  // file index tells them apart (a struct stat of Windows would have called it the same file).
  const FILETIME when{0x12345678u, 0x01d9a000u};
  set_write_time(path, when);
  CPPUNIT_ASSERT_EQUAL(std::string("<same/>"), xml::read_file_bytes(path, 100, &read));
  write(t.path() + "/other", "<diff/>");
  set_write_time(t.path() + "/other", when);
  CPPUNIT_ASSERT(::MoveFileExW(win::wide(t.path() + "/other").c_str(), win::wide(path).c_str(),
                               MOVEFILE_REPLACE_EXISTING));
  exchange::FileIdentity now;
  xml::read_file_bytes(path, 100, &now);
  CPPUNIT_ASSERT(now.size == read.size && now.mtime_ns == read.mtime_ns && now.ino != read.ino);
  CPPUNIT_ASSERT(exchange::Disposal::replaced == exchange::remove_file_if_same(path, read));
  CPPUNIT_ASSERT_EQUAL(std::string("<diff/>"), read_back(path));
  // Held open by another program without sharing: not refused, an error to try again later.
  HANDLE writer = ::CreateFileW(win::wide(path).c_str(), GENERIC_WRITE, 0, nullptr, OPEN_EXISTING,
                                FILE_ATTRIBUTE_NORMAL, nullptr);
  CPPUNIT_ASSERT(writer != INVALID_HANDLE_VALUE);
  bool retried = false;
  try {
    xml::read_file_bytes(path, 100);
  } catch (const RefusedError&) {
    retried = false;
  } catch (const Error&) {
    retried = true;
  }
  ::CloseHandle(writer);
  CPPUNIT_ASSERT(retried);
  // Refusals: too large, a folder, nothing there.
  CPPUNIT_ASSERT_THROW(xml::read_file_bytes(path, 3), RefusedError);
  CPPUNIT_ASSERT_THROW(xml::read_file_bytes(t.path(), 100), RefusedError);
  CPPUNIT_ASSERT_THROW(xml::read_file_bytes(t.path() + "/absent.xml", 100), RefusedError);
}

void removesAReadOnlyFile() {
  // The terminal's file may be read-only (wine maps a file without write permission to one):
  // removed after its import, moved to quarantine when refused, never left to be read again.
  TempDir t;
  const std::string path = t.path() + "/OQSsiquc01res_4.xml";
  const std::string refused = t.path() + "/OQSsiquc01res_5.xml";
  write(path, "imported");
  write(refused, "refused");
  for (const std::string& p : {path, refused})
    CPPUNIT_ASSERT(::SetFileAttributesW(win::wide(p).c_str(), FILE_ATTRIBUTE_READONLY));
  CPPUNIT_ASSERT(exchange::Disposal::done == exchange::remove_file_if_same(path, identity(path)));
  CPPUNIT_ASSERT(!exists(path));
  std::string moved;
  CPPUNIT_ASSERT(
      exchange::Disposal::done ==
      exchange::move_file_if_same(refused, t.path() + "/quarantine", identity(refused), &moved));
  CPPUNIT_ASSERT(!exists(refused));
  CPPUNIT_ASSERT_EQUAL(std::string("refused"), read_back(moved));
}

void removesStaleTemporaryFilesOnly() {
  TempDir t;
  const std::string stale = t.path() + "/.onshi-0123456789abcdef.tmp";
  const std::string young = t.path() + "/.onshi-fedcba9876543210.tmp";
  const std::string other = t.path() + "/.onshi-notours.tmp";
  write(stale, "x");
  write(young, "x");
  write(other, "x");
  // The stale one last written an hour ago.
  HANDLE h = ::CreateFileW(win::wide(stale).c_str(), FILE_WRITE_ATTRIBUTES, 0, nullptr,
                           OPEN_EXISTING, 0, nullptr);
  CPPUNIT_ASSERT(h != INVALID_HANDLE_VALUE);
  FILETIME now;
  ::GetSystemTimeAsFileTime(&now);
  ULARGE_INTEGER u;
  u.LowPart = now.dwLowDateTime;
  u.HighPart = now.dwHighDateTime;
  u.QuadPart -= 3600ULL * 10000000ULL;
  FILETIME old{u.LowPart, u.HighPart};
  CPPUNIT_ASSERT(::SetFileTime(h, nullptr, nullptr, &old));
  ::CloseHandle(h);
  CPPUNIT_ASSERT_EQUAL(1, exchange::remove_stale_temp_files(t.path(), std::chrono::seconds(600)));
  CPPUNIT_ASSERT(!exists(stale));
  CPPUNIT_ASSERT(exists(young));
  CPPUNIT_ASSERT(exists(other));
}

void ensureDirectoryTakesBothSeparators() {
  TempDir t;
  const std::string deep = t.path() + "\\a/b\\c";
  exchange::ensure_directory(deep);
  const DWORD a = ::GetFileAttributesW(win::wide(deep).c_str());
  CPPUNIT_ASSERT(a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY));
  write(t.path() + "/file", "x");
  CPPUNIT_ASSERT_THROW(exchange::ensure_directory(t.path() + "/file"), Error);
}

void absolutePathsOfWindows() {
  // The settings' paths (engine configuration, facility share): drive, UNC and rooted paths.
  CPPUNIT_ASSERT(is_absolute_path("C:\\OQS\\share"));
  CPPUNIT_ASSERT(is_absolute_path("d:/oqs"));
  CPPUNIT_ASSERT(is_absolute_path("\\\\terminal\\oqs"));
  CPPUNIT_ASSERT(is_absolute_path("//terminal/oqs"));
  CPPUNIT_ASSERT(is_absolute_path("/tmp/oqs"));
  CPPUNIT_ASSERT(!is_absolute_path("C:oqs"));
  CPPUNIT_ASSERT(!is_absolute_path("oqs\\share"));
  CPPUNIT_ASSERT(!is_absolute_path(""));
  CPPUNIT_ASSERT(has_parent_component("C:\\OQS\\..\\Windows"));
  CPPUNIT_ASSERT(has_parent_component("C:/OQS/.."));
  CPPUNIT_ASSERT(!has_parent_component("C:\\OQS\\..x"));
}

}  // namespace

int main(int argc, char** argv) {
  const std::string only = argc > 1 ? argv[1] : "";
  return onshi::test::mini::run_cases(
      {
          {"writesRequestThroughTemporaryName", writesRequestThroughTemporaryName},
          {"neverReplacesARequest", neverReplacesARequest},
          {"writeAtomicallyAndMoveNeverOverwrite", writeAtomicallyAndMoveNeverOverwrite},
          {"removesOnlyTheFileThatWasRead", removesOnlyTheFileThatWasRead},
          {"movesOnlyTheFileThatWasRead", movesOnlyTheFileThatWasRead},
          {"readFileIdentifiesTheFileItself", readFileIdentifiesTheFileItself},
          {"removesAReadOnlyFile", removesAReadOnlyFile},
          {"removesStaleTemporaryFilesOnly", removesStaleTemporaryFilesOnly},
          {"ensureDirectoryTakesBothSeparators", ensureDirectoryTakesBothSeparators},
          {"absolutePathsOfWindows", absolutePathsOfWindows},
      },
      only);
}
