// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "hooks/fixed.h"

#include <cstring>

#include "hooks/session.h"

namespace onshi::hooks {

std::string get_text(const char* field, std::size_t width) {
  std::size_t n = width;
  while (n > 0 && (field[n - 1] == ' ' || field[n - 1] == '\0')) --n;
  std::size_t b = 0;
  while (b < n && field[b] == '\0') ++b;
  return std::string(field + b, n - b);
}

std::optional<long long> get_number(const char* field, std::size_t width, const char* name) {
  std::string s = get_text(field, width);
  std::size_t b = s.find_first_not_of(' ');
  if (b == std::string::npos) return std::nullopt;
  s = s.substr(b);
  if (s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) {
    std::string n = name;
    // "rec.ptid" -> "ptid" for the message
    if (auto dot = n.find_last_of(".>"); dot != std::string::npos) n = n.substr(dot + 1);
    throw HookError(Status::refused, "ONSHI-W-6003", {n});
  }
  return std::stoll(s);
}

std::string cut_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n));
}

std::string timestamp14(std::string_view local) {
  std::string out;
  for (char c : local)
    if (c >= '0' && c <= '9' && out.size() < 14) out += c;
  return out.size() == 14 ? out : std::string();
}

void put_text(char* field, std::size_t width, std::string_view value) {
  std::string v = cut_utf8(value, width);
  std::memset(field, ' ', width);
  std::memcpy(field, v.data(), v.size());
}

void put_number(char* field, std::size_t width, long long value) {
  std::string digits = std::to_string(value < 0 ? 0 : value);
  if (digits.size() > width) digits = std::string(width, '9');
  std::memset(field, '0', width);
  std::memcpy(field + width - digits.size(), digits.data(), digits.size());
}

void clear(char* field, std::size_t width) {
  std::memset(field, ' ', width);
}

}  // namespace onshi::hooks
