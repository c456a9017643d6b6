// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Seed generator for the reference host schema (test/demo data only): rows exactly as ORCA 5.2
/// stores them (../shared/spec/orca52-host.md): every column written (ORCA never writes NULL),
/// SPACE flags, '' for blank varchar, 0 counters, filled audit columns; patient numbers per
/// syskanri 1009; tbl_ptnum counters; one tbl_hkncombi row per insurance; reservation and
/// reception header rows; only characters that exist in EUC-JP (ORCA's default encoding).
/// Deterministic: the same seed, size and date give byte-identical SQL. The column lists come
/// from tests/host/reference_host_schema.sql in the data dir, so every column is always given.
/// The output starts with the fixed part (tests/host/sample_people.sql: users, master rows, the
/// fixtures' sample people) and adds generated patients with realistic insurance: employees'
/// insurance with symbol/number and dependents, national insurance with 6-digit insurer
/// numbers, late-elderly (hknnum 039, no branch number), public assistance, twins on one card,
/// same name + birthdate pairs, test patients, deceased patients, replaced (expired) and
/// logically deleted cards, reservations for the next day and receptions today.

#include <cstdint>
#include <string>

namespace onshi::test {

/// What to generate.
struct SeedOptions {
  std::uint64_t seed = 1;
  int patients = 200;        ///< generated patients over both facilities (3/4 in hospnum 1)
  std::string today;         ///< YYYYMMDD; receptions today, reservations the day after
  std::string data_dir;      ///< holds names.tsv, sample_people.sql, reference_host_schema.sql
  /// The host has tbl_pthkninf.edaban (ORCA 5.2). false: an ORCA 5.1 host, the column is left out.
  bool edaban = true;
};

/// Counts of what was generated (the sample people not included).
struct SeedStats {
  int patients = 0;
  int employee = 0;
  int national = 0;
  int late_elderly = 0;
  int public_assistance = 0;
  int dependents = 0;
  int twin_pairs = 0;
  int same_name_pairs = 0;
  int test_patients = 0;
  int deceased = 0;
  int reservations = 0;        ///< reservation detail rows for tomorrow (sample people included)
  int receptions = 0;          ///< reception detail rows today (sample people included)
  int reservations_today = 0;  ///< today's reservations of patients who arrived (raiinzumi '1')
  int expired_insurances = 0;  ///< replaced cards kept with a past end date
  int deleted_insurances = 0;  ///< logically deleted insurance rows (sakjokbn '1'), generated only
  int full_width_cards = 0;    ///< generated insurance rows with full-width kigo/num
};

/// The SQL that fills an empty reference host schema. Branch numbers: '' (unknown, as on rows
/// from before the 5.2 update) for about one card in ten and always for late-elderly (039).
/// @throws std::runtime_error when the data files cannot be read or the date is malformed
std::string generate_seed_sql(const SeedOptions& options, SeedStats* stats = nullptr);

/// Today's local date as YYYYMMDD.
std::string today_yyyymmdd();

/// Default data dir: $ONSHI_SRCDIR/tests/host, else "tests/host".
std::string default_seed_data_dir();

}  // namespace onshi::test
