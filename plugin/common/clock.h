// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Local wall-clock stamps in the host's formats (dates char(8) YYYYMMDD, times char(6) HHMMSS).

#include <ctime>
#include <string>

namespace onshi {

/// The local date of `t` (default: now), YYYYMMDD.
std::string local_date8(std::time_t t = std::time(nullptr));
/// The local time of day of `t` (default: now), HHMMSS.
std::string local_time6(std::time_t t = std::time(nullptr));

}  // namespace onshi
