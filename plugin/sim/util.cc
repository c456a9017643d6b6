// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "sim/util.h"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>

#include "common/error.h"
#include "model/validate.h"

namespace onshi::sim {
namespace {

std::tm local(Clock::time_point t) {
  std::time_t tt = Clock::to_time_t(t);
  std::tm tm{};
  ::localtime_r(&tt, &tm);
  return tm;
}

std::string two(int v) {
  char buf[4] = {static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10), 0, 0};
  return buf;
}

int num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::string stamp8(Clock::time_point t) {
  std::tm tm = local(t);
  return std::to_string(tm.tm_year + 1900) + two(tm.tm_mon + 1) + two(tm.tm_mday);
}

std::string stamp14(Clock::time_point t) {
  std::tm tm = local(t);
  return std::to_string(tm.tm_year + 1900) + two(tm.tm_mon + 1) + two(tm.tm_mday) +
         two(tm.tm_hour) + two(tm.tm_min) + two(tm.tm_sec);
}

std::string stamp17(Clock::time_point t) {
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%03d", static_cast<int>(ms));
  return stamp14(t) + buf;
}

bool parse_stamp14(std::string_view s, Clock::time_point& out) {
  if (!model::is_valid_datetime14(s)) return false;
  std::tm tm{};
  tm.tm_year = num(s.substr(0, 4)) - 1900;
  tm.tm_mon = num(s.substr(4, 2)) - 1;
  tm.tm_mday = num(s.substr(6, 2));
  tm.tm_hour = num(s.substr(8, 2));
  tm.tm_min = num(s.substr(10, 2));
  tm.tm_sec = num(s.substr(12, 2));
  tm.tm_isdst = -1;
  std::time_t tt = std::mktime(&tm);
  if (tt == static_cast<std::time_t>(-1)) return false;
  out = Clock::from_time_t(tt);
  return true;
}

std::string add_seconds(std::string_view stamp, long seconds) {
  Clock::time_point t;
  if (!parse_stamp14(stamp, t)) return std::string(stamp);
  return stamp14(t + std::chrono::seconds(seconds));
}

bool encoding_from_option(std::string_view name, model::Encoding& out) {
  std::string n;
  for (char c : name) n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n == "utf8" || n == "utf-8") {
    out = model::Encoding::utf8;
    return true;
  }
  if (n == "cp932" || n == "sjis" || n == "shift_jis" || n == "windows-31j") {
    out = model::Encoding::cp932;
    return true;
  }
  return false;
}

std::string read_whole_file(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open");
  std::string out;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.append(buf, static_cast<std::size_t>(in.gcount()));
    if (out.size() > max_bytes)
      throw Error(path + ": larger than " + std::to_string(max_bytes) + " bytes");
  }
  return out;
}

}  // namespace onshi::sim
