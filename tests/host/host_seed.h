// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Seed generator for the reference host schema (test/demo data only). Deterministic: the same
/// seed, size and date give byte-identical SQL. The output starts with the fixed part
/// (tests/host/sample_people.sql: facilities, staff, the fixtures' sample people) and adds
/// generated patients with realistic insurance: employees' insurance with symbol/number and
/// dependents, national insurance with 6-digit insurer numbers, late-elderly (hknnum 039, no
/// branch number), public assistance, twins on one card, same name + birthdate pairs, test
/// patients, deceased patients, reservations for the next day and receptions today.

#include <cstdint>
#include <string>

namespace onshi::test {

/// What to generate.
struct SeedOptions {
  std::uint64_t seed = 1;
  int patients = 200;        ///< generated patients over both facilities (3/4 in hospnum 1)
  std::string today;         ///< YYYYMMDD; receptions today, reservations the day after
  std::string data_dir;      ///< holds names.tsv and sample_people.sql
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
  int reservations = 0;
  int receptions = 0;
};

/// The SQL that fills an empty reference host schema. Branch numbers are written only when the
/// host has tbl_pthkninf.edaban (a DO block checks), about one in ten is left unknown.
/// @throws std::runtime_error when the data files cannot be read or the date is malformed
std::string generate_seed_sql(const SeedOptions& options, SeedStats* stats = nullptr);

/// Today's local date as YYYYMMDD.
std::string today_yyyymmdd();

/// Default data dir: $ONSHI_SRCDIR/tests/host, else "tests/host".
std::string default_seed_data_dir();

}  // namespace onshi::test
