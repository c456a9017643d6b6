// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "support/fixtures.h"

#include <sys/stat.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "common/clock.h"

namespace onshi::test {

std::string fixtures_dir() {
  // $ONSHI_FIXTURES (set by make check), else beside the source tree or the build tree.
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("ONSHI_FIXTURES"); env && *env) {
    candidates.push_back(env);
  } else {
    if (const char* src = std::getenv("ONSHI_SRCDIR"); src && *src)
      candidates.push_back(std::string(src) + "/../shared/fixtures/oqs");
    candidates.push_back("../shared/fixtures/oqs");
    candidates.push_back("../../shared/fixtures/oqs");
  }
  struct stat st;
  for (const std::string& dir : candidates)
    if (::stat((dir + "/expected.json").c_str(), &st) == 0) return dir;
  throw std::runtime_error("OQS fixtures not found at " + candidates.front() +
                           " (set ONSHI_FIXTURES to ../shared/fixtures/oqs)");
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string repository_fixtures_dir(const std::string& name) {
  const char* src = std::getenv("ONSHI_SRCDIR");
  const std::string dir = std::string(src && *src ? src : ".") + "/tests/fixtures/" + name;
  struct stat st;
  if (::stat((dir + "/expected.json").c_str(), &st) != 0)
    throw std::runtime_error("repository fixtures not found at " + dir + " (set ONSHI_SRCDIR)");
  return dir;
}

std::vector<Expectation> load_expectations() {
  return load_expectations(fixtures_dir());
}

std::vector<Expectation> load_expectations(const std::string& dir) {
  json::Value root = json::parse(read_all(dir + "/expected.json"));
  std::vector<Expectation> out;
  for (const json::Value& e : root.as_array()) {
    Expectation x;
    x.file = e.find("file")->as_string();
    x.accept = e.find("accept")->as_bool();
    if (const json::Value* fields = e.find("fields"))
      for (const auto& [k, v] : fields->as_object()) x.fields.emplace_back(k, v.as_string());
    out.push_back(std::move(x));
  }
  return out;
}

const json::Value* resolve_path(const json::Value& root, std::string_view path) {
  const json::Value* cur = &root;
  while (!path.empty()) {
    std::size_t dot = path.find('.');
    std::string_view seg = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    long index = -1;
    if (std::size_t br = seg.find('['); br != std::string_view::npos) {
      index = std::stol(std::string(seg.substr(br + 1, seg.size() - br - 2)));
      seg = seg.substr(0, br);
    }
    cur = cur->find(seg);
    if (!cur) return nullptr;
    if (cur->is_array()) {
      std::size_t i = index < 0 ? 0 : static_cast<std::size_t>(index);
      if (i >= cur->as_array().size()) return nullptr;
      cur = &cur->as_array()[i];
    } else if (index > 0) {
      return nullptr;
    }
  }
  return cur;
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "onshi-test-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, std::string_view bytes) const {
  std::string p = path_ + "/" + name;
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + p);
  return p;
}

ScopedToday::ScopedToday(const std::string& yyyymmdd) {
  std::tm tm{};
  tm.tm_year = std::stoi(yyyymmdd.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(yyyymmdd.substr(4, 2)) - 1;
  tm.tm_mday = std::stoi(yyyymmdd.substr(6, 2));
  tm.tm_hour = 12;
  tm.tm_isdst = -1;
  const long long offset = static_cast<long long>(std::mktime(&tm)) - std::time(nullptr);
  ::setenv(kTestClockOffsetEnv, dir_.write("clock-offset", std::to_string(offset)).c_str(), 1);
}

ScopedToday::~ScopedToday() {
  ::unsetenv(kTestClockOffsetEnv);
}

}  // namespace onshi::test
