// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// A test runner for the Windows builds (CppUnit is not built for mingw-w64): the CPPUNIT_ASSERT*
/// macros the shared test cases use (tests/unit/watcher_cases.h), with CppUnit's meaning, and
/// run_cases(), which runs named cases and ends with the plain line "N passed, N failed".

#include <cstdio>
#include <exception>
#include <functional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace onshi::test::mini {

/// A failed assertion: where and what.
struct Failure {
  std::string where;
  std::string what;
};

[[noreturn]] inline void fail(const char* file, int line, const std::string& what) {
  throw Failure{std::string(file) + ":" + std::to_string(line), what};
}

template <typename T>
std::string show(const T& v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

template <typename A, typename B>
void equal(const A& expected, const B& actual, const char* file, int line, const std::string& m) {
  if (!(expected == actual))
    fail(file, line,
         (m.empty() ? "" : m + ": ") + "expected " + show(expected) + ", got " + show(actual));
}

/// Runs each case; prints one line per case and the summary. @return the process's exit code
inline int run_cases(const std::vector<std::pair<std::string, std::function<void()>>>& cases,
                     const std::string& only = "") {
  int passed = 0, failed = 0;
  for (const auto& [name, run] : cases) {
    if (!only.empty() && name != only) continue;
    try {
      run();
      ++passed;
      std::printf("PASS: %s\n", name.c_str());
    } catch (const Failure& f) {
      ++failed;
      std::printf("FAIL: %s: %s: %s\n", name.c_str(), f.where.c_str(), f.what.c_str());
    } catch (const std::exception& e) {
      ++failed;
      std::printf("FAIL: %s: exception: %s\n", name.c_str(), e.what());
    }
    std::fflush(stdout);
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}

}  // namespace onshi::test::mini

#define CPPUNIT_ASSERT_MESSAGE(m, c) \
  ((c) ? (void)0 : ::onshi::test::mini::fail(__FILE__, __LINE__, std::string(m) + ": " #c))
#define CPPUNIT_ASSERT(c) \
  ((c) ? (void)0 : ::onshi::test::mini::fail(__FILE__, __LINE__, "assertion failed: " #c))
#define CPPUNIT_ASSERT_EQUAL_MESSAGE(m, a, b) \
  ::onshi::test::mini::equal((a), (b), __FILE__, __LINE__, std::string(m))
#define CPPUNIT_ASSERT_EQUAL(a, b) ::onshi::test::mini::equal((a), (b), __FILE__, __LINE__, "")
#define CPPUNIT_ASSERT_THROW(expr, E)                                                 \
  do {                                                                                \
    bool thrown_ = false;                                                             \
    try {                                                                             \
      (void)(expr);                                                                   \
    } catch (const E&) {                                                              \
      thrown_ = true;                                                                 \
    }                                                                                 \
    if (!thrown_) ::onshi::test::mini::fail(__FILE__, __LINE__, "no " #E ": " #expr); \
  } while (false)
