// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Test helpers: where the shared OQS fixtures are, their expectations, dotted-path lookup.

#include <string>
#include <string_view>
#include <vector>

#include "json/json.h"

namespace onshi::test {

/// Directory of the shared fixtures ($ONSHI_FIXTURES). Throws when it does not exist: a missing
/// corpus is a failure, never a skip.
std::string fixtures_dir();

/// Bytes of a file. @throws std::runtime_error when unreadable
std::string read_all(const std::string& path);

/// One entry of expected.json.
struct Expectation {
  std::string file;  ///< relative to fixtures_dir()
  bool accept;
  std::vector<std::pair<std::string, std::string>> fields;  ///< dotted path -> exact value
};

/// Parsed expected.json (of the shared fixtures, or of `dir`).
std::vector<Expectation> load_expectations();
std::vector<Expectation> load_expectations(const std::string& dir);

/// A fixture folder of this repository, $ONSHI_SRCDIR/tests/fixtures/<name> (fixtures we wrote
/// for flows the shared corpus lacks; same layout and expected.json format). Throws when it
/// does not exist.
std::string repository_fixtures_dir(const std::string& name);

/// Resolves a dotted path ("Results[0].Name", "MessageBody.X.Y[2].Z") in a document's JSON view.
/// A segment without an index on an array means its first element. nullptr when absent.
const json::Value* resolve_path(const json::Value& root, std::string_view path);

/// A fresh empty temporary directory, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  /// Writes `bytes` to path()/name and returns the full path.
  std::string write(const std::string& name, std::string_view bytes) const;

 private:
  std::string path_;
};

/// Moves the library's wall clock (common/clock.h, test only) to noon of the local date
/// `yyyymmdd` for its lifetime.
class ScopedToday {
 public:
  explicit ScopedToday(const std::string& yyyymmdd);
  ~ScopedToday();
  ScopedToday(const ScopedToday&) = delete;
  ScopedToday& operator=(const ScopedToday&) = delete;

 private:
  TempDir dir_;
};

}  // namespace onshi::test
