// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "hook_test_support.h"

#include <dirent.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "db/connection.h"
#include "exchange/importer.h"
#include "exchange/requests.h"
#include "sim/responder.h"
#include "sim/scenario.h"
#include "sim/terminal.h"

namespace onshi::test {
namespace {

std::string builddir() {
  const char* b = std::getenv("ONSHI_BUILDDIR");
  return b ? b : ONSHI_BUILDDIR;
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d))
      if (e->d_name[0] != '.') out.push_back(dir + "/" + e->d_name);
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

HookLibrary::HookLibrary(const std::string& path) {
  handle_ = ::dlopen(path.c_str(), RTLD_GLOBAL | RTLD_LAZY);
  if (!handle_) throw std::runtime_error(std::string("dlopen: ") + ::dlerror());
}

HookLibrary::~HookLibrary() {
  if (handle_) ::dlclose(handle_);
}

void* HookLibrary::symbol(const char* name) const {
  void* s = ::dlsym(handle_, name);
  if (!s) throw std::runtime_error(std::string("no symbol ") + name);
  return s;
}

std::string HookLibrary::module_path() {
  return builddir() + "/hooks/.libs/onshi_link.so";
}

int init_module(HookLibrary& lib, const std::string& conninfo, onshi_link_ctl_rec& ctl,
                const std::string& lang) {
  onshi_link_init_rec init;
  blank(init);
  onshi_link_fill_init(&init);
  put(init.conninfo, conninfo);
  put(init.locale_dir, builddir() + "/po/locale");
  put(init.default_lang, lang);
  return lib.fn<int (*)(onshi_link_ctl_rec*, onshi_link_init_rec*)>("onshi_link_init")(&ctl, &init);
}

HookFixture::HookFixture() : db_(HostSchema::migrated) {
  conn_ = db_.connect();
  char tmpl[] = "/tmp/onshi-hooks.XXXXXX";
  if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp");
  share_ = std::string(tmpl) + "/share";
  quarantine_ = std::string(tmpl) + "/quarantine";
  for (const char* d : {"", "/req", "/res", "/face"})
    std::filesystem::create_directories(share_ + d);
  std::filesystem::create_directories(quarantine_);
  facility_.hospnum = 1;
  facility_.institution_code = "1312345678";
  facility_.share_dir = share_;
  db::enable_facility(*conn_, facility_, "test");
  facility_ = db::load_enabled_facility(*conn_, 1);
  onshi_link_ctl_rec c = ctl();
  if (init_module(lib_, db_.conninfo(), c) != 0)
    throw std::runtime_error("onshi_link_init failed: " + get(c.message));
}

HookFixture::~HookFixture() {
  onshi_link_ctl_rec c = ctl();
  lib_.fn<int (*)(onshi_link_ctl_rec*)>("onshi_link_fini")(&c);
  std::error_code ec;
  std::filesystem::remove_all(std::filesystem::path(share_).parent_path(), ec);
}

onshi_link_ctl_rec HookFixture::ctl(const std::string& userid, const std::string& lang) {
  onshi_link_ctl_rec c;
  blank(c);
  put(c.hospnum, "0001");
  put(c.userid, userid);
  put(c.lang, lang);
  return c;
}

int HookFixture::import_all() {
  exchange::ImportOptions options;
  options.quarantine_dir = quarantine_;
  options.not_ready_grace = std::chrono::milliseconds(0);
  int n = 0;
  for (const auto& [dir, folder] : {std::pair{facility_.res_path(), exchange::Folder::res},
                                    std::pair{facility_.face_path(), exchange::Folder::face}})
    for (const std::string& f : files_in(dir)) {
      exchange::import_file(*conn_, facility_, f, folder, options);
      ++n;
    }
  return n;
}

int HookFixture::engine_round() {
  // The settings as stored now (a test may have changed them, as the engine's reload would).
  if (auto f = db::find_facility(*conn_, facility_.hospnum)) facility_ = *f;
  exchange::run_queue(*conn_, facility_);
  sim::Responder responder(sim::load_scenario(source_file("tests/sim/scenario-demo.json")));
  sim::TerminalOptions options;
  options.share = share_;
  options.delay_ms = 0;
  std::ostringstream log;
  sim::Terminal terminal(responder, options, log);
  terminal.run_once();
  return import_all();
}

int HookFixture::check_in(const std::string& person) {
  sim::Responder responder(sim::load_scenario(source_file("tests/sim/scenario-demo.json")));
  sim::TerminalOptions options;
  options.share = share_;
  std::ostringstream log;
  sim::Terminal terminal(responder, options, log);
  terminal.write_check_in(responder.check_in(person));
  return import_all();
}

std::string HookFixture::value(const std::string& sql) {
  return scalar(*conn_, sql);
}

}  // namespace onshi::test
