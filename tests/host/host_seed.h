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
#include <memory>
#include <string>
#include <vector>

namespace onshi::test {

/// splitmix64: tiny, portable, fully specified (std distributions are not), so that a seed gives
/// the same data on every platform. Shared by the seed generator and the generated-data tests.
class SeedRng {
 public:
  explicit SeedRng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n).
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  bool percent(int p) { return below(100) < p; }
  /// `n` random decimal digits.
  std::string digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + below(10));
    return s;
  }

 private:
  std::uint64_t state_;
};

/// What to generate.
struct SeedOptions {
  std::uint64_t seed = 1;
  int patients = 200;    ///< generated patients over both facilities (3/4 in hospnum 1)
  std::string today;     ///< YYYYMMDD; receptions today, reservations the day after
  std::string data_dir;  ///< holds names.tsv, sample_people.sql, reference_host_schema.sql
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

/// A generated patient as the national system knows them (for the terminal simulator's
/// population, tools/seed_host --population): the current card exactly as registered at the
/// insurer, whatever the host stored (its branch number is always known there; half-width
/// symbol and number). Test patients are not in it: the national system does not know them.
struct SeedPerson {
  int hospnum = 1;
  long long ptid = 0;
  std::string name, kana;  ///< kanji and full-width kana, family and given name split by U+3000
  char sex = '1';
  std::string birthday;      ///< YYYYMMDD
  std::string card_class;    ///< "01" insurance card, "A1" public assistance (medical ticket)
  std::string insurer;       ///< insurer number, or the public-assistance payer number
  std::string symbol;        ///< "" when the card has none
  std::string number;        ///< insured number, or the public-assistance recipient number
  std::string branch;        ///< two digits; "" for late-elderly and public assistance
  char family = '1';         ///< '1' insured person, '2' dependent
  std::string insured_name;  ///< kanji name of the insured person (head of the household)
  std::string since;         ///< qualification date, YYYYMMDD
  bool dead = false;
};

/// The SQL that fills an empty reference host schema. Branch numbers: '' (unknown, as on rows
/// from before the 5.2 update) for about one card in ten and always for late-elderly (039).
/// @throws std::runtime_error when the data files cannot be read or the date is malformed
/// `people` (may be null) receives every generated patient with a current card or public-assistance
/// row, as the national system knows them (the sample people of the fixtures not included).
std::string generate_seed_sql(const SeedOptions& options, SeedStats* stats = nullptr,
                              std::vector<SeedPerson>* people = nullptr);

/// A name of names.tsv: kanji and full-width kana.
struct SeedName {
  std::string kanji, kana;
};

/// The name pools of names.tsv in `data_dir` ("" = default_seed_data_dir()).
struct SeedNames {
  std::vector<SeedName> family, male, female;
};
SeedNames load_seed_names(const std::string& data_dir = "");

/// Host rows of patients a test builds itself, written the way the seed (and ORCA) writes them:
/// every column of the reference schema named, ORCA's blank (SPACE / '' / 0) for the rest, audit
/// columns filled, a tbl_ptnum row with its counters and one tbl_hkncombi row per insurance (one
/// with koh1 for public-expense-only patients). Multi-row INSERTs; take_sql() returns them.
class HostRowWriter {
 public:
  /// `edaban` false: an ORCA 5.1 host (tbl_pthkninf without edaban).
  explicit HostRowWriter(const std::string& data_dir = "", bool edaban = true);
  ~HostRowWriter();
  HostRowWriter(const HostRowWriter&) = delete;
  HostRowWriter& operator=(const HostRowWriter&) = delete;

  /// tbl_ptinf + tbl_ptnum (ptnum as given; counters from the rows added for this patient).
  /// Call after the patient's insurance and public-expense rows.
  void patient(int hospnum, long long ptid, const std::string& ptnum, const SeedName& name,
               char sex, const std::string& birthday, bool test_patient = false);
  /// One current tbl_pthkninf row (valid from `since`, open end) and its combination.
  /// `honkzkkbn` ' ' = not recorded; `branch` "" = unknown (edaban as on rows older than 5.2);
  /// `full_width`: kigo/num typed on ORCA's screen (full-width digits).
  void insurance(int hospnum, long long ptid, int hknid, const std::string& hknnum,
                 const std::string& insurer, const std::string& symbol, const std::string& number,
                 const std::string& branch, char honkzkkbn, const std::string& insured_name,
                 const std::string& since, bool full_width);
  /// One current tbl_ptkohinf row (payer, recipient) and, when the patient has no insurance, a
  /// combination with it as koh1.
  void public_expense(int hospnum, long long ptid, int kohid, const std::string& kohnum,
                      const std::string& payer, const std::string& recipient,
                      const std::string& since);
  /// The INSERT statements written so far (no BEGIN/COMMIT); the writer starts again empty.
  std::string take_sql();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The institution code of a seed facility (1 or 2). @throws std::runtime_error for others
std::string seed_institution_code(int hospnum);

/// Today's local date as YYYYMMDD.
std::string today_yyyymmdd();

/// Default data dir: $ONSHI_SRCDIR/tests/host, else "tests/host".
std::string default_seed_data_dir();

}  // namespace onshi::test
