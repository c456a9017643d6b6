// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include <cppunit/extensions/HelperMacros.h>
#include <algorithm>
#include <cstdio>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/error.h"
#include "exchange/share.h"
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

}  // namespace

class ShareTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ShareTest);
  CPPUNIT_TEST(testPlainNames);
  CPPUNIT_TEST(testRequestAppearsAtomically);
  CPPUNIT_TEST(testRequestNeverReplaced);
  CPPUNIT_TEST(testMoveKeepsBytesAndNeverOverwrites);
  CPPUNIT_TEST(testMoveAcrossFilesystems);
  CPPUNIT_TEST(testRemoveIsIdempotent);
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
    CPPUNIT_ASSERT_EQUAL(std::string("<XmlMsg/>"), read_all(share.req() + "/OQSsiquc01req_202506120001.xml"));
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
    CPPUNIT_ASSERT_THROW(exchange::write_request_file(share, "OQSsiquc01req_1.xml", "second"), Error);
    CPPUNIT_ASSERT_EQUAL(std::string("first"), read_all(share.req() + "/OQSsiquc01req_1.xml"));
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, names_in(share.root).size());
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
    ::rmdir(tmpl);
  }

  void testRemoveIsIdempotent() {
    TempDir t;
    std::string p = t.write("a.xml", "x");
    exchange::remove_file(p);
    exchange::remove_file(p);
    CPPUNIT_ASSERT(names_in(t.path()).empty());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ShareTest);

}  // namespace onshi::test
