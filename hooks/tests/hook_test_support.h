// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Hook tests load the built onshi_link.so exactly like the host's middleware does
/// (dlopen RTLD_GLOBAL | RTLD_LAZY) and call its entry points with records, against a fresh
/// migrated reference host (TestDatabase) with facility 1 enabled on a temporary share. The
/// "engine" is driven in-process: one queue pass, the terminal simulator once, every answer
/// imported.

#include <cstring>
#include <memory>
#include <string>

#include "db/facility.h"
#include "db/pg_test_support.h"
#include "onshi_link_abi.h"

namespace onshi::test {

/// The loaded module.
class HookLibrary {
 public:
  /// Loads `path` (default: the build dir's hooks/.libs/onshi_link.so).
  explicit HookLibrary(const std::string& path = module_path());
  ~HookLibrary();
  HookLibrary(const HookLibrary&) = delete;
  HookLibrary& operator=(const HookLibrary&) = delete;
  /// An entry point by name. @throws std::runtime_error when absent
  void* symbol(const char* name) const;
  template <class F>
  F fn(const char* name) const {
    return reinterpret_cast<F>(symbol(name));
  }
  static std::string module_path();
  void* handle() const { return handle_; }

 private:
  void* handle_ = nullptr;
};

/// Fills a record with spaces.
template <class R>
void blank(R& r) {
  std::memset(&r, ' ', sizeof r);
}
/// Writes a field (space padded).
template <std::size_t N>
void put(char (&field)[N], const std::string& v) {
  std::memset(field, ' ', N);
  std::memcpy(field, v.data(), v.size() < N ? v.size() : N);
}
/// Reads a field without trailing spaces.
template <std::size_t N>
std::string get(const char (&field)[N]) {
  std::string s(field, N);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}
/// Reads a number field (0 when blank).
template <std::size_t N>
long long num(const char (&field)[N]) {
  std::string s = get(field);
  return s.empty() ? 0 : std::stoll(s);
}

/// A migrated, seeded host with facility 1 enabled, and the module initialised on it.
class HookFixture {
 public:
  HookFixture();
  ~HookFixture();

  db::Connection& conn() { return *conn_; }
  const std::string& share() const { return share_; }
  HookLibrary& lib() { return lib_; }
  const db::FacilitySettings& facility() const { return facility_; }

  /// A call-control record for facility 1, user `userid`, language `lang`.
  onshi_link_ctl_rec ctl(const std::string& userid = "clerk1", const std::string& lang = "en");
  /// Calls entry point `name` with (ctl, rec).
  template <class R>
  int call(const char* name, onshi_link_ctl_rec& c, R& rec) {
    return lib_.fn<int (*)(onshi_link_ctl_rec*, R*)>(name)(&c, &rec);
  }
  /// One engine round: queue pass, simulator answers (no delay), every answer imported.
  /// @return files imported
  int engine_round();
  /// A card check-in of a scenario person, imported. @return files imported
  int check_in(const std::string& person);
  /// Single query value.
  std::string value(const std::string& sql);

 private:
  HookLibrary lib_;
  TestDatabase db_;
  std::unique_ptr<db::Connection> conn_;
  std::string share_, quarantine_;
  db::FacilitySettings facility_;
  int import_all();
};

/// onshi_link_init on `lib` with a good record (version, sizes) for `conninfo`.
int init_module(HookLibrary& lib, const std::string& conninfo, onshi_link_ctl_rec& ctl,
                const std::string& lang = "en");

}  // namespace onshi::test
