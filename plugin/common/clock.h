// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Local wall-clock stamps in the host's formats (dates char(8) YYYYMMDD, times char(6) HHMMSS),
/// and the one "now" every local date/time decision of ours uses (the importer's dates, the
/// evening bulk pre-check's batch time).
///
/// TEST ONLY: when the environment variable `ONSHI_TEST_CLOCK_OFFSET_FILE` names a file, its
/// content (a signed number of seconds, e.g. `-3600` or `86400`) is added to the system time by
/// wall_clock_now(). The file is looked at on each call and re-read when it changed (mtime,
/// ctime, size or inode), so a test can move a running engine's clock without root (replace the
/// file with rename(2)); a missing or unreadable file, or content that is not a number, means no
/// offset. A change is logged (warning, component "clock"). It is never set in production.
/// Not moved by it: timers (steady clock), file ages (compared with file mtimes), and every time
/// PostgreSQL decides (now(), localtimestamp: job due and expiry times, the request sequence day).
///
/// One local day everywhere: our database sessions run in this process's time zone
/// (db::Connection sets the session's TimeZone from local_time_zone()), so that a date PostgreSQL
/// computes (localtimestamp, created_at::date) is the same day as local_date8(), whatever the
/// server's own `timezone` setting is.

#include <ctime>
#include <string>

namespace onshi {

/// Name of the test-only environment variable (see the file comment).
inline constexpr const char* kTestClockOffsetEnv = "ONSHI_TEST_CLOCK_OFFSET_FILE";

/// Now: std::time(nullptr), plus the test-only offset when one is configured.
std::time_t wall_clock_now();

/// The local date of `t` (default: now), YYYYMMDD.
std::string local_date8(std::time_t t = wall_clock_now());
/// The local time of day of `t` (default: now), HHMMSS.
std::string local_time6(std::time_t t = wall_clock_now());

/// This process's time zone as PostgreSQL can set it: the zone name of $TZ (without a leading
/// ':'; a POSIX rule such as "JST-9" as it is), else the zone /etc/localtime links to
/// (".../zoneinfo/Asia/Tokyo" -> "Asia/Tokyo"), else /etc/timezone; empty when none is known.
std::string local_time_zone();

/// The offset of local time from UTC at `t` in seconds (east positive; Japan: 32400).
long local_utc_offset(std::time_t t = std::time(nullptr));

}  // namespace onshi
