// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// The boundary itself: ABI version and record-size refusal (records built here and host modules
// compiled against wrong ABI views, loaded like the host loads modules), init/fini cycles,
// calls before init, nothing escaping as an exception, translated messages with stable ids.
#include <cppunit/extensions/HelperMacros.h>
#include <dlfcn.h>

#include <cstdlib>

#include "db/connection.h"
#include "hook_test_support.h"

namespace onshi::test {

namespace {

using HostInit = int (*)(const char* conninfo, const char* locale_dir, char* out, int out_len);

std::string host_module(const std::string& name) {
  const char* b = std::getenv("ONSHI_BUILDDIR");
  return std::string(b ? b : ONSHI_BUILDDIR) + "/hooks/tests/.libs/" + name + ".so";
}

std::string locale_dir() {
  const char* b = std::getenv("ONSHI_BUILDDIR");
  return std::string(b ? b : ONSHI_BUILDDIR) + "/po/locale";
}

/// Loads a "host screen" module (RTLD_GLOBAL | RTLD_LAZY, as the middleware does) and calls its
/// init, which calls onshi_link_init with the records as that module was compiled.
int host_init(const std::string& module, const std::string& conninfo, std::string& message) {
  void* h = ::dlopen(host_module(module).c_str(), RTLD_GLOBAL | RTLD_LAZY);
  if (!h) throw std::runtime_error(std::string("dlopen: ") + ::dlerror());
  auto fn = reinterpret_cast<HostInit>(::dlsym(h, "host_screen_init"));
  char out[512];
  int rc = fn(conninfo.c_str(), locale_dir().c_str(), out, sizeof out);
  message = out;
  ::dlclose(h);
  return rc;
}

}  // namespace

class HookAbiTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(HookAbiTest);
  CPPUNIT_TEST(testVersionAndRecordChecks);
  CPPUNIT_TEST(testBrokenHostModulesAreRefused);
  CPPUNIT_TEST(testCallsNeedInitAndRepeatedCycles);
  CPPUNIT_TEST(testNothingEscapes);
  CPPUNIT_TEST(testMessagesTranslated);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testVersionAndRecordChecks() {
    TestDatabase db(HostSchema::migrated);
    HookLibrary lib;
    CPPUNIT_ASSERT_EQUAL(ONSHI_LINK_ABI_VERSION, lib.fn<int (*)()>("onshi_link_abi_version")());
    auto init = lib.fn<int (*)(onshi_link_ctl_rec*, onshi_link_init_rec*)>("onshi_link_init");
    auto fini = lib.fn<int (*)(onshi_link_ctl_rec*)>("onshi_link_fini");
    onshi_link_ctl_rec ctl;
    onshi_link_init_rec rec;
    auto fresh = [&] {
      blank(ctl);
      put(ctl.lang, "en");
      blank(rec);
      onshi_link_fill_init(&rec);
      put(rec.conninfo, db.conninfo());
      put(rec.locale_dir, locale_dir());
    };
    fresh();
    put(rec.abi_version, "0001");
    CPPUNIT_ASSERT_EQUAL(16, init(&ctl, &rec));
    CPPUNIT_ASSERT_EQUAL(std::string("16"), get(ctl.status));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-E-6001"), get(ctl.msgid));
    CPPUNIT_ASSERT(get(ctl.message).find("host was built for version 0001") != std::string::npos);

    fresh();
    put(rec.record_count, "16");
    CPPUNIT_ASSERT_EQUAL(16, init(&ctl, &rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-E-6002"), get(ctl.msgid));

    fresh();
    // A host whose reg_poll record is one byte longer than ours.
    const std::string wrong = std::to_string(sizeof(onshi_link_reg_poll_rec) + 1);
    put(rec.sizes[ONSHI_LINK_REC_REG_POLL].size, std::string(6 - wrong.size(), '0') + wrong);
    CPPUNIT_ASSERT_EQUAL(16, init(&ctl, &rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-E-6003"), get(ctl.msgid));
    CPPUNIT_ASSERT(get(ctl.message).find("reg_poll") != std::string::npos);
    CPPUNIT_ASSERT(get(ctl.message).find("is " + wrong + " bytes") != std::string::npos);

    fresh();
    put(rec.conninfo, "dbname=onshi_no_such_database");
    CPPUNIT_ASSERT_EQUAL(12, init(&ctl, &rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-E-6005"), get(ctl.msgid));

    fresh();
    CPPUNIT_ASSERT_EQUAL(0, init(&ctl, &rec));
    CPPUNIT_ASSERT(!get(rec.plugin_version).empty());
    CPPUNIT_ASSERT_EQUAL(0, fini(&ctl));
  }

  void testBrokenHostModulesAreRefused() {
    TestDatabase db(HostSchema::migrated);
    HookLibrary lib;  // loaded RTLD_GLOBAL: the host modules find onshi_link_init in it
    std::string message;
    CPPUNIT_ASSERT_EQUAL(16, host_init("host_wrong_version", db.conninfo(), message));
    CPPUNIT_ASSERT_MESSAGE(message, message.find("ONSHI-E-6001") == 0);
    CPPUNIT_ASSERT_MESSAGE(message, message.find("0099") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(16, host_init("host_wrong_size", db.conninfo(), message));
    CPPUNIT_ASSERT_MESSAGE(message, message.find("ONSHI-E-6003") == 0);
    CPPUNIT_ASSERT_MESSAGE(message, message.find("reg_ask") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(0, host_init("host_good", db.conninfo(), message));
    CPPUNIT_ASSERT_MESSAGE(message, message.find("ONSHI-I-6001") == 0);
    onshi_link_ctl_rec ctl;
    blank(ctl);
    lib.fn<int (*)(onshi_link_ctl_rec*)>("onshi_link_fini")(&ctl);
  }

  void testCallsNeedInitAndRepeatedCycles() {
    TestDatabase db(HostSchema::migrated);
    HookLibrary lib;
    auto staff =
        lib.fn<int (*)(onshi_link_ctl_rec*, onshi_link_adm_staff_rec*)>("onshi_link_adm_staff");
    auto fini = lib.fn<int (*)(onshi_link_ctl_rec*)>("onshi_link_fini");
    onshi_link_ctl_rec ctl;
    blank(ctl);
    put(ctl.hospnum, "0001");
    put(ctl.userid, "ormaster");
    put(ctl.lang, "en");
    onshi_link_adm_staff_rec rec;
    blank(rec);
    put(rec.action, "G");
    put(rec.target_userid, "clerk1");
    CPPUNIT_ASSERT_EQUAL(16, staff(&ctl, &rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-E-6004"), get(ctl.msgid));
    for (int i = 0; i < 3; ++i) {
      CPPUNIT_ASSERT_EQUAL(0, init_module(lib, db.conninfo(), ctl));
      CPPUNIT_ASSERT_EQUAL(0, init_module(lib, db.conninfo(), ctl));  // a second init replaces
      CPPUNIT_ASSERT_EQUAL(0, staff(&ctl, &rec));
      CPPUNIT_ASSERT_EQUAL(std::string("0"), get(rec.drug_view));
      CPPUNIT_ASSERT_EQUAL(0, fini(&ctl));
      CPPUNIT_ASSERT_EQUAL(16, staff(&ctl, &rec));
    }
  }

  void testNothingEscapes() {
    HookFixture f;
    onshi_link_ctl_rec ctl = f.ctl();
    auto poll =
        f.lib().fn<int (*)(onshi_link_ctl_rec*, onshi_link_reg_poll_rec*)>("onshi_link_reg_poll");
    CPPUNIT_ASSERT_EQUAL(12, poll(&ctl, nullptr));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-E-6006"), get(ctl.msgid));
    CPPUNIT_ASSERT_EQUAL(12, poll(nullptr, nullptr));
    onshi_link_reg_poll_rec rec;
    blank(rec);
    put(rec.request_id, "12x");
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_reg_poll", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6003"), get(ctl.msgid));
    CPPUNIT_ASSERT(get(ctl.message).find("request_id") != std::string::npos);
    put(ctl.hospnum, "abcd");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_reg_poll", ctl, rec));
    ctl = f.ctl();
    put(rec.request_id, "999999");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_reg_poll", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6008"), get(ctl.msgid));
    // A database failure inside a call is a status, and the next call works again.
    f.conn().exec("ALTER TABLE onshi_job RENAME TO onshi_job_away");
    ctl = f.ctl();
    put(rec.request_id, "1");
    CPPUNIT_ASSERT_EQUAL(12, f.call("onshi_link_reg_poll", ctl, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-E-6007"), get(ctl.msgid));
    f.conn().exec("ALTER TABLE onshi_job_away RENAME TO onshi_job");
    ctl = f.ctl();
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_reg_poll", ctl, rec));
  }

  void testMessagesTranslated() {
    HookFixture f;
    onshi_link_rcp_check_rec rec;
    blank(rec);
    put(rec.ukeymd, "20250612");
    put(rec.ukeid, "000999");
    onshi_link_ctl_rec en = f.ctl("clerk1", "en");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_rcp_check", en, rec));
    onshi_link_ctl_rec ja = f.ctl("clerk1", "ja");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_rcp_check", ja, rec));
    onshi_link_ctl_rec dflt = f.ctl("clerk1", "  ");
    CPPUNIT_ASSERT_EQUAL(8, f.call("onshi_link_rcp_check", dflt, rec));
    CPPUNIT_ASSERT_EQUAL(std::string("ONSHI-W-6018"), get(en.msgid));
    CPPUNIT_ASSERT_EQUAL(get(en.msgid), get(ja.msgid));
    CPPUNIT_ASSERT_EQUAL(std::string("No such reception."), get(en.message));
    CPPUNIT_ASSERT_EQUAL(std::string("\xE8\xA9\xB2\xE5\xBD\x93\xE3\x81\x99\xE3\x82\x8B\xE5\x8F\x97"
                                     "\xE4\xBB\x98\xE3\x81\x8C\xE3\x81\x82\xE3\x82\x8A\xE3\x81\xBE"
                                     "\xE3\x81\x9B\xE3\x82\x93\xE3\x80\x82"),
                         get(ja.message));  // "No such reception." in po/ja.po
    // The fixture's init said "en" by default; a blank ctl.lang follows it.
    CPPUNIT_ASSERT_EQUAL(get(en.message), get(dflt.message));
    // The host's own locale and LANGUAGE are left alone.
    CPPUNIT_ASSERT(std::getenv("LANGUAGE") == nullptr ||
                   std::string(std::getenv("LANGUAGE")) != "ja");
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HookAbiTest);

}  // namespace onshi::test
