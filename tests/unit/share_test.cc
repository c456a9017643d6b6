// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "exchange/share.h"

#include <cppunit/extensions/HelperMacros.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "common/error.h"
#include "support/fixtures.h"

namespace onshi::test {

namespace {

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d))
      if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") out.push_back(e->d_name);
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

exchange::ShareLayout make_share(const TempDir& t) {
  exchange::ShareLayout s{t.path()};
  for (const std::string& d : {s.req(), s.res(), s.face()}) exchange::ensure_directory(d);
  return s;
}

std::string link_target(const std::string& path) {
  char buf[4096];
  ssize_t n = ::readlink(path.c_str(), buf, sizeof buf);
  return n < 0 ? std::string() : std::string(buf, static_cast<std::size_t>(n));
}

mode_t kind_of(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 ? (st.st_mode & S_IFMT) : 0;
}

/// Sets the mtime of `path` (not following a link) `age` seconds into the past.
void age_by(const std::string& path, long age) {
  struct timespec times[2];
  times[0].tv_sec = times[1].tv_sec = std::time(nullptr) - age;
  times[0].tv_nsec = times[1].tv_nsec = 0;
  CPPUNIT_ASSERT_EQUAL(0, ::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW));
}

/// A folder on another filesystem than the temp dir (tmpfs /dev/shm), or "" when there is none.
std::string other_filesystem_dir(const TempDir& t) {
  struct stat a, b;
  if (::stat("/dev/shm", &b) != 0 || ::stat(t.path().c_str(), &a) != 0 || a.st_dev == b.st_dev)
    return {};
  char tmpl[] = "/dev/shm/onshi-test-XXXXXX";
  return ::mkdtemp(tmpl) ? std::string(tmpl) : std::string();
}

/// Entries the terminal may put into res/ besides files, in folder `dir`, with targets outside
/// in `outside`: a link to a file, a link to a folder, a folder holding a file, a link and a
/// fifo, and a fifo.
void make_special_entries(const std::string& dir, const std::string& outside) {
  FILE* f = std::fopen((outside + "/passwd").c_str(), "wb");
  std::fputs("root:x:0:0", f);
  std::fclose(f);
  CPPUNIT_ASSERT_EQUAL(0, ::chmod((outside + "/passwd").c_str(), 0644));
  CPPUNIT_ASSERT_EQUAL(0, ::mkdir((outside + "/folder").c_str(), 0755));
  f = std::fopen((outside + "/folder/inner.xml").c_str(), "wb");
  std::fputs("keep", f);
  std::fclose(f);
  CPPUNIT_ASSERT_EQUAL(0, ::symlink((outside + "/passwd").c_str(), (dir + "/a.xml").c_str()));
  CPPUNIT_ASSERT_EQUAL(0, ::symlink((outside + "/folder").c_str(), (dir + "/b.xml").c_str()));
  CPPUNIT_ASSERT_EQUAL(0, ::mkdir((dir + "/c.xml").c_str(), 0755));
  f = std::fopen((dir + "/c.xml/inner.xml").c_str(), "wb");
  std::fputs("in the folder", f);
  std::fclose(f);
  CPPUNIT_ASSERT_EQUAL(0, ::mkdir((dir + "/c.xml/.sub").c_str(), 0755));
  CPPUNIT_ASSERT_EQUAL(0,
                       ::symlink((outside + "/passwd").c_str(), (dir + "/c.xml/.sub/l").c_str()));
  CPPUNIT_ASSERT_EQUAL(0, ::mkfifo((dir + "/c.xml/fifo").c_str(), 0600));
  CPPUNIT_ASSERT_EQUAL(0, ::mkfifo((dir + "/d.xml").c_str(), 0644));
}

/// Moves the entries of make_special_entries() from `dir` into `quarantine` and checks that
/// they arrived as they were, nothing was followed and the targets outside are untouched.
void move_and_check_special_entries(const std::string& dir, const std::string& outside,
                                    const std::string& quarantine) {
  for (const char* n : {"a.xml", "b.xml", "c.xml", "d.xml"})
    CPPUNIT_ASSERT_EQUAL(quarantine + "/" + n, exchange::move_file(dir + "/" + n, quarantine));
  CPPUNIT_ASSERT(names_in(dir).empty());
  CPPUNIT_ASSERT_EQUAL(static_cast<mode_t>(S_IFLNK), kind_of(quarantine + "/a.xml"));
  CPPUNIT_ASSERT_EQUAL(outside + "/passwd", link_target(quarantine + "/a.xml"));
  CPPUNIT_ASSERT_EQUAL(static_cast<mode_t>(S_IFLNK), kind_of(quarantine + "/b.xml"));
  CPPUNIT_ASSERT_EQUAL(outside + "/folder", link_target(quarantine + "/b.xml"));
  CPPUNIT_ASSERT_EQUAL(static_cast<mode_t>(S_IFDIR), kind_of(quarantine + "/c.xml"));
  CPPUNIT_ASSERT_EQUAL(std::string("in the folder"), read_all(quarantine + "/c.xml/inner.xml"));
  CPPUNIT_ASSERT_EQUAL(outside + "/passwd", link_target(quarantine + "/c.xml/.sub/l"));
  CPPUNIT_ASSERT_EQUAL(static_cast<mode_t>(S_IFIFO), kind_of(quarantine + "/c.xml/fifo"));
  CPPUNIT_ASSERT_EQUAL(static_cast<mode_t>(S_IFIFO), kind_of(quarantine + "/d.xml"));
  struct stat st;
  CPPUNIT_ASSERT_EQUAL(0, ::lstat((quarantine + "/c.xml").c_str(), &st));
  CPPUNIT_ASSERT_EQUAL(0700, static_cast<int>(st.st_mode & 07777));
  // The targets outside: untouched, still there, same content.
  CPPUNIT_ASSERT_EQUAL(std::string("root:x:0:0"), read_all(outside + "/passwd"));
  CPPUNIT_ASSERT_EQUAL(std::string("keep"), read_all(outside + "/folder/inner.xml"));
  CPPUNIT_ASSERT_EQUAL(0, ::lstat((outside + "/passwd").c_str(), &st));
  CPPUNIT_ASSERT_EQUAL(0644, static_cast<int>(st.st_mode & 07777));
}

}  // namespace

class ShareTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ShareTest);
  CPPUNIT_TEST(testPlainNames);
  CPPUNIT_TEST(testRequestAppearsAtomically);
  CPPUNIT_TEST(testRequestNeverReplaced);
  CPPUNIT_TEST(testRequestNeverThroughALinkedFolder);
  CPPUNIT_TEST(testMoveKeepsBytesAndNeverOverwrites);
  CPPUNIT_TEST(testMoveAcrossFilesystems);
  CPPUNIT_TEST(testRemoveIsIdempotent);
  CPPUNIT_TEST(testDisposeOnlyTheFileThatWasRead);
  CPPUNIT_TEST(testMoveOnlyTheFileThatWasRead);
  CPPUNIT_TEST(testMoveSpecialEntriesNeverFollowed);
  CPPUNIT_TEST(testMoveSpecialEntriesAcrossFilesystems);
  CPPUNIT_TEST(testMoveNeverThroughALinkedFolder);
  CPPUNIT_TEST(testMoveSpecialEntryNeverReplaces);
  CPPUNIT_TEST(testOwnTempNames);
  CPPUNIT_TEST(testStaleTempFilesRemoved);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testPlainNames() {
    CPPUNIT_ASSERT(exchange::is_plain_name("OQSsiquc01req_202506120001.xml"));
    for (const char* bad : {"", ".", "..", "a/b", "../x"})
      CPPUNIT_ASSERT_MESSAGE(bad, !exchange::is_plain_name(bad));
    CPPUNIT_ASSERT(!exchange::is_plain_name(std::string(256, 'a')));
  }

  void testRequestAppearsAtomically() {
    TempDir t;
    exchange::ShareLayout share = make_share(t);
    exchange::write_request_file(share, "OQSsiquc01req_202506120001.xml", "<XmlMsg/>");
    CPPUNIT_ASSERT_EQUAL(std::string("<XmlMsg/>"),
                         read_all(share.req() + "/OQSsiquc01req_202506120001.xml"));
    // No temporary file stays behind in the share root or in req/.
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, names_in(share.root).size());  // face, req, res
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, names_in(share.req()).size());
    CPPUNIT_ASSERT_THROW(exchange::write_request_file(share, "../evil.xml", "x"), Error);
    CPPUNIT_ASSERT_THROW(exchange::write_request_file(share, ".hidden.xml", "x"), Error);
  }

  void testRequestNeverReplaced() {
    TempDir t;
    exchange::ShareLayout share = make_share(t);
    exchange::write_request_file(share, "OQSsiquc01req_1.xml", "first");
    CPPUNIT_ASSERT_THROW(exchange::write_request_file(share, "OQSsiquc01req_1.xml", "second"),
                         Error);
    CPPUNIT_ASSERT_EQUAL(std::string("first"), read_all(share.req() + "/OQSsiquc01req_1.xml"));
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, names_in(share.root).size());
  }

  /// req/ replaced by a symbolic link (to a folder someone else reads): the request, which
  /// carries card numbers and a birthdate, is not written there, nor anywhere else.
  void testRequestNeverThroughALinkedFolder() {
    TempDir t, elsewhere;
    exchange::ShareLayout share = make_share(t);
    CPPUNIT_ASSERT_EQUAL(0, ::rmdir(share.req().c_str()));
    CPPUNIT_ASSERT_EQUAL(0, ::symlink(elsewhere.path().c_str(), share.req().c_str()));
    try {
      exchange::write_request_file(share, "OQSsiquc01req_1.xml", "<XmlMsg>card</XmlMsg>");
      CPPUNIT_FAIL("wrote a request through a symbolic link");
    } catch (const Error& e) {
      CPPUNIT_ASSERT_MESSAGE(e.what(),
                             std::string(e.what()).find("symbolic link") != std::string::npos);
    }
    CPPUNIT_ASSERT(names_in(elsewhere.path()).empty());
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, names_in(share.root).size());  // no temporary left
  }

  void testMoveKeepsBytesAndNeverOverwrites() {
    TempDir t, host;
    std::string a = t.write("r.xml", "one");
    std::string moved = exchange::move_file(a, host.path() + "/archive/2025");
    CPPUNIT_ASSERT_EQUAL(host.path() + "/archive/2025/r.xml", moved);
    CPPUNIT_ASSERT_EQUAL(std::string("one"), read_all(moved));
    CPPUNIT_ASSERT(names_in(t.path()).empty());
    std::string b = t.write("r.xml", "two");
    std::string moved2 = exchange::move_file(b, host.path() + "/archive/2025");
    CPPUNIT_ASSERT_EQUAL(host.path() + "/archive/2025/r.xml.1", moved2);
    CPPUNIT_ASSERT_EQUAL(std::string("one"), read_all(moved));
    CPPUNIT_ASSERT_EQUAL(std::string("two"), read_all(moved2));
    CPPUNIT_ASSERT_THROW(exchange::move_file(t.path() + "/missing.xml", host.path()), Error);
    // Host copies hold patient data: only the service user may read them.
    struct stat st;
    CPPUNIT_ASSERT_EQUAL(0, ::stat(moved.c_str(), &st));
    CPPUNIT_ASSERT_EQUAL(0600, static_cast<int>(st.st_mode & 07777));
    CPPUNIT_ASSERT_EQUAL(0, ::stat((host.path() + "/archive/2025").c_str(), &st));
    CPPUNIT_ASSERT_EQUAL(0700, static_cast<int>(st.st_mode & 07777));
  }

  void testMoveAcrossFilesystems() {
    // /dev/shm is tmpfs: when it is another filesystem than the temp dir, rename cannot work
    // and the copy path is used.
    struct stat a, b;
    TempDir t;
    if (::stat("/dev/shm", &b) != 0 || ::stat(t.path().c_str(), &a) != 0 || a.st_dev == b.st_dev) {
      std::string p = t.write("x.xml", "data");
      TempDir other;
      CPPUNIT_ASSERT_EQUAL(std::string("data"), read_all(exchange::move_file(p, other.path())));
      return;
    }
    char tmpl[] = "/dev/shm/onshi-test-XXXXXX";
    CPPUNIT_ASSERT(::mkdtemp(tmpl) != nullptr);
    std::string src = std::string(tmpl) + "/face.xml";
    {
      FILE* f = std::fopen(src.c_str(), "wb");
      std::fputs("card result", f);
      std::fclose(f);
    }
    std::string moved = exchange::move_file(src, t.path() + "/quarantine");
    CPPUNIT_ASSERT_EQUAL(std::string("card result"), read_all(moved));
    CPPUNIT_ASSERT(::access(src.c_str(), F_OK) != 0);
    // A file of several chunks (streamed, never held whole), under a free name, the service
    // user's only, and no temporary file left beside it.
    std::string big;
    for (int i = 0; big.size() < 300000; ++i) big += std::to_string(i) + ",";
    {
      FILE* f = std::fopen(src.c_str(), "wb");
      std::fwrite(big.data(), 1, big.size(), f);
      std::fclose(f);
    }
    const std::string second = exchange::move_file(src, t.path() + "/quarantine");
    CPPUNIT_ASSERT(second != moved);
    CPPUNIT_ASSERT(read_all(second) == big);
    struct stat st;
    CPPUNIT_ASSERT_EQUAL(0, ::stat(second.c_str(), &st));
    CPPUNIT_ASSERT_EQUAL(0600, static_cast<int>(st.st_mode & 0777));
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, names_in(t.path() + "/quarantine").size());
    ::rmdir(tmpl);
  }

  static exchange::FileIdentity identity_of(const std::string& path) {
    struct stat st;
    CPPUNIT_ASSERT_EQUAL(0, ::lstat(path.c_str(), &st));
    return exchange::file_identity(st);
  }

  /// Sets the mtime of `path` to a fixed past second plus `ns` (a rewrite the clock would not
  /// tell apart otherwise).
  static void set_mtime(const std::string& path, long ns) {
    struct timespec times[2];
    times[0].tv_sec = times[1].tv_sec = std::time(nullptr) - 60;
    times[0].tv_nsec = times[1].tv_nsec = ns;
    CPPUNIT_ASSERT_EQUAL(0, ::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW));
  }

  void testDisposeOnlyTheFileThatWasRead() {
    TempDir t;
    const std::string p = t.write("a.xml", "first");
    set_mtime(p, 1);
    const exchange::FileIdentity read = identity_of(p);
    // Renamed over by the terminal while the import waited: the new file stays, untouched.
    t.write(".new", "second");
    CPPUNIT_ASSERT_EQUAL(0, std::rename((t.path() + "/.new").c_str(), p.c_str()));
    CPPUNIT_ASSERT(exchange::Disposal::replaced == exchange::remove_file_if_same(p, read));
    CPPUNIT_ASSERT_EQUAL(std::string("second"), read_all(p));
    // Rewritten in place (same inode, same size, another mtime): left too.
    const exchange::FileIdentity second = identity_of(p);
    {
      FILE* f = std::fopen(p.c_str(), "r+b");
      std::fputs("SECOND", f);
      std::fclose(f);
    }
    set_mtime(p, 2);
    CPPUNIT_ASSERT_EQUAL(second.ino, identity_of(p).ino);
    CPPUNIT_ASSERT(exchange::Disposal::replaced == exchange::remove_file_if_same(p, second));
    CPPUNIT_ASSERT_EQUAL(std::string("SECOND"), read_all(p));
    // A link swapped in at the name is not the file either, and is not followed.
    const std::string q = t.write("b.xml", "b");
    const exchange::FileIdentity qread = identity_of(q);
    CPPUNIT_ASSERT_EQUAL(0, ::unlink(q.c_str()));
    CPPUNIT_ASSERT_EQUAL(0, ::symlink(p.c_str(), q.c_str()));
    CPPUNIT_ASSERT(exchange::Disposal::replaced == exchange::remove_file_if_same(q, qread));
    CPPUNIT_ASSERT_EQUAL(static_cast<mode_t>(S_IFLNK), kind_of(q));
    // The file that was read is removed; a second try finds it gone.
    const exchange::FileIdentity now = identity_of(p);
    CPPUNIT_ASSERT(exchange::Disposal::done == exchange::remove_file_if_same(p, now));
    CPPUNIT_ASSERT(::access(p.c_str(), F_OK) != 0);
    CPPUNIT_ASSERT(exchange::Disposal::gone == exchange::remove_file_if_same(p, now));
  }

  void testMoveOnlyTheFileThatWasRead() {
    TempDir t;
    TempDir host;
    // Same filesystem (hard link) and, when there is one, another filesystem (copy).
    std::vector<std::string> archives{host.path() + "/archive"};
    const std::string other = other_filesystem_dir(t);
    if (!other.empty()) archives.push_back(other + "/archive");
    for (const std::string& archive : archives) {
      const std::string p = t.write("r.xml", "what was read");
      set_mtime(p, 1);
      const exchange::FileIdentity read = identity_of(p);
      t.write(".new", "what came later");
      CPPUNIT_ASSERT_EQUAL(0, std::rename((t.path() + "/.new").c_str(), p.c_str()));
      std::string moved = "untouched";
      CPPUNIT_ASSERT(exchange::Disposal::replaced ==
                     exchange::move_file_if_same(p, archive, read, &moved));
      CPPUNIT_ASSERT_EQUAL(std::string("untouched"), moved);
      CPPUNIT_ASSERT_EQUAL(std::string("what came later"), read_all(p));
      CPPUNIT_ASSERT(names_in(archive).empty());  // nothing half-moved, no copy of the new bytes
      const exchange::FileIdentity later = identity_of(p);
      CPPUNIT_ASSERT(exchange::Disposal::done ==
                     exchange::move_file_if_same(p, archive, later, &moved));
      CPPUNIT_ASSERT_EQUAL(std::string("what came later"), read_all(moved));
      CPPUNIT_ASSERT(::access(p.c_str(), F_OK) != 0);
      CPPUNIT_ASSERT(exchange::Disposal::gone ==
                     exchange::move_file_if_same(p, archive, later, &moved));
    }
    if (!other.empty()) {
      const std::string archive = other + "/archive";
      for (const std::string& n : names_in(archive)) ::unlink((archive + "/" + n).c_str());
      ::rmdir(archive.c_str());
      ::rmdir(other.c_str());
    }
  }

  void testRemoveIsIdempotent() {
    TempDir t;
    std::string p = t.write("a.xml", "x");
    exchange::remove_file(p);
    exchange::remove_file(p);
    CPPUNIT_ASSERT(names_in(t.path()).empty());
  }

  // Refused links, folders and fifos go to the quarantine as they are (one filesystem: rename;
  // a folder as a whole); a link is never followed, its target never read or changed.
  void testMoveSpecialEntriesNeverFollowed() {
    TempDir share, outside, host;
    make_special_entries(share.path(), outside.path());
    move_and_check_special_entries(share.path(), outside.path(), host.path() + "/quarantine/1");
  }

  // The share is usually a network mount: rename cannot work, the entries are copied (a link as
  // a link, a folder with its contents, a fifo as a fifo), then what was copied is removed.
  void testMoveSpecialEntriesAcrossFilesystems() {
    TempDir host, outside;
    const std::string share = other_filesystem_dir(host);
    if (share.empty()) return;  // no second filesystem here: the test above covers rename
    make_special_entries(share, outside.path());
    move_and_check_special_entries(share, outside.path(), host.path() + "/quarantine/1");
    ::rmdir(share.c_str());
  }

  // res/ replaced by a link to a folder elsewhere: nothing in that folder is moved or removed.
  void testMoveNeverThroughALinkedFolder() {
    TempDir share, outside, host;
    std::string victim = outside.write("victim.xml", "data");
    CPPUNIT_ASSERT_EQUAL(0, ::mkdir((outside.path() + "/sub").c_str(), 0700));
    CPPUNIT_ASSERT_EQUAL(0, ::symlink(outside.path().c_str(), (share.path() + "/res").c_str()));
    CPPUNIT_ASSERT_THROW(exchange::move_file(share.path() + "/res/victim.xml", host.path()), Error);
    CPPUNIT_ASSERT_THROW(exchange::move_file(share.path() + "/res/sub", host.path()), Error);
    CPPUNIT_ASSERT_EQUAL(std::string("data"), read_all(victim));
    CPPUNIT_ASSERT_EQUAL(static_cast<mode_t>(S_IFDIR), kind_of(outside.path() + "/sub"));
    CPPUNIT_ASSERT(names_in(host.path()).empty());
  }

  // A taken name is never replaced; and the mode of the quarantined entry is set on the entry,
  // never through a link (a chmod of a hard-linked symlink would change its target).
  void testMoveSpecialEntryNeverReplaces() {
    TempDir share, host, outside;
    const std::string target = outside.write("target", "t");
    CPPUNIT_ASSERT_EQUAL(0, ::chmod(target.c_str(), 0644));
    CPPUNIT_ASSERT_EQUAL(0, ::mkdir((host.path() + "/q").c_str(), 0700));
    std::string taken = host.path() + "/q/x.xml";
    FILE* f = std::fopen(taken.c_str(), "wb");
    std::fputs("first", f);
    std::fclose(f);
    CPPUNIT_ASSERT_EQUAL(0, ::symlink(target.c_str(), (share.path() + "/x.xml").c_str()));
    CPPUNIT_ASSERT_EQUAL(host.path() + "/q/x.xml.1",
                         exchange::move_file(share.path() + "/x.xml", host.path() + "/q"));
    CPPUNIT_ASSERT_EQUAL(std::string("first"), read_all(taken));
    CPPUNIT_ASSERT_EQUAL(target, link_target(host.path() + "/q/x.xml.1"));
    struct stat st;
    CPPUNIT_ASSERT_EQUAL(0, ::stat(target.c_str(), &st));
    CPPUNIT_ASSERT_EQUAL(0644, static_cast<int>(st.st_mode & 07777));
  }

  void testOwnTempNames() {
    CPPUNIT_ASSERT(exchange::is_own_temp_name(".onshi-0123456789abcdef.tmp"));
    for (const char* other : {".onshi-0123456789ABCDEF.tmp", ".onshi-0123456789abcde.tmp",
                              ".onshi-0123456789abcdef0.tmp", ".onshi-0123456789abcdeg.tmp",
                              "onshi-0123456789abcdef.tmp", ".onshi-0123456789abcdef.xml",
                              ".tmp-OQSsiquc01res_1.xml", ".OQSsiquc01res_1.xml.tmp-42"})
      CPPUNIT_ASSERT_MESSAGE(other, !exchange::is_own_temp_name(other));
  }

  // Only our own temporary files, only regular files, only old ones: a young one may be another
  // engine's write in progress; the terminal's and the simulator's temporaries are not ours.
  void testStaleTempFilesRemoved() {
    TempDir t;
    const std::string d = t.path();
    const std::string stale = t.write(".onshi-0123456789abcdef.tmp", "old request");
    const std::string young = t.write(".onshi-fedcba9876543210.tmp", "being written");
    const std::string foreign = t.write(".tmp-OQSsiquc01res_1.xml", "terminal");
    const std::string visible = t.write("OQSsiquc01req_1.xml", "x");
    CPPUNIT_ASSERT_EQUAL(0,
                         ::symlink(visible.c_str(), (d + "/.onshi-aaaaaaaaaaaaaaaa.tmp").c_str()));
    CPPUNIT_ASSERT_EQUAL(0, ::mkdir((d + "/.onshi-bbbbbbbbbbbbbbbb.tmp").c_str(), 0700));
    for (const std::string& p : {stale, foreign, visible, d + "/.onshi-aaaaaaaaaaaaaaaa.tmp",
                                 d + "/.onshi-bbbbbbbbbbbbbbbb.tmp"})
      age_by(p, 3600);
    age_by(young, 30);
    CPPUNIT_ASSERT_EQUAL(1, exchange::remove_stale_temp_files(d, std::chrono::seconds(600)));
    const std::vector<std::string> left{
        ".onshi-aaaaaaaaaaaaaaaa.tmp", ".onshi-bbbbbbbbbbbbbbbb.tmp", ".onshi-fedcba9876543210.tmp",
        ".tmp-OQSsiquc01res_1.xml", "OQSsiquc01req_1.xml"};
    CPPUNIT_ASSERT(left == names_in(d));
    CPPUNIT_ASSERT_EQUAL(std::string("x"), read_all(visible));  // the link's target stays
    CPPUNIT_ASSERT_EQUAL(0, exchange::remove_stale_temp_files(d, std::chrono::seconds(600)));
    CPPUNIT_ASSERT_EQUAL(
        0, exchange::remove_stale_temp_files(d + "/missing", std::chrono::seconds(1)));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ShareTest);

}  // namespace onshi::test
