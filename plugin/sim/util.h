// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Small helpers of the terminal simulator: local-time stamps in the exchange's formats, option
/// parsing, whole-file reads.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "model/messages.h"

namespace onshi::sim {

using Clock = std::chrono::system_clock;

/// Local time as YYYYMMDDHHMMSS.
std::string stamp14(Clock::time_point t);
/// Local time as YYYYMMDD.
std::string stamp8(Clock::time_point t);
/// Local time as YYYYMMDDHHMMSSmmm (milliseconds appended).
std::string stamp17(Clock::time_point t);

/// Parses local time YYYYMMDDHHMMSS. @return false when not a real date and time
bool parse_stamp14(std::string_view s, Clock::time_point& out);

/// YYYYMMDDHHMMSS plus `seconds` (may be negative), local time. Input must be valid.
std::string add_seconds(std::string_view stamp, long seconds);

/// "utf8"/"utf-8" or "cp932"/"sjis"/"shift_jis" (case-insensitive).
bool encoding_from_option(std::string_view name, model::Encoding& out);

/// Bytes of a file (at most `max_bytes`). @throws onshi::Error naming the file
std::string read_whole_file(const std::string& path, std::size_t max_bytes);

}  // namespace onshi::sim
