// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Deterministic generator of realistic OQS result files, built with the library's own model and
/// writer. Used by the codec benchmark; meant to be reused by the engine benchmark and the
/// terminal simulator. Same seed, same files (the generator has its own PRNG, no <random>).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/messages.h"

namespace onshi::bench {

/// Small deterministic PRNG (splitmix64): identical sequences on every platform and library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  /// Next 64 random bits.
  std::uint64_t next();
  /// Uniform integer in [lo, hi] (inclusive; hi >= lo).
  int between(int lo, int hi);
  /// True with probability percent/100.
  bool chance(unsigned percent);

 private:
  std::uint64_t state_;
};

/// One generated exchange file.
struct CorpusItem {
  model::MessageKind kind = model::MessageKind::unknown;
  model::Encoding encoding = model::Encoding::utf8;
  std::string name;   ///< file name as the terminal would write it (face/ or res/)
  std::string bytes;  ///< file content, exactly as written by xml::write_document
};

/// Produces realistic result documents one at a time. The mix of kinds (per 1000 files):
/// card check-in `OQSsiquc01res_face` 640, `OQSsiquc01res` 180 (validity 1-5, twins for 5,
/// processing errors), `OQSsiimm01res` 50, `YZKsiquc01res` 70, `TKKsiquc01res` 50,
/// `OQSmuquc02res` 10 (20-100 BulkConfirmUnit each). About 70% UTF-8 (CharacterCodeIdentifier
/// 0) and 30% Shift_JIS/CP932 (1).
class CorpusGenerator {
 public:
  /// Generator whose whole output is fixed by `seed`.
  explicit CorpusGenerator(std::uint64_t seed);

  /// The next file of the mix.
  /// @throws ValidationError / EncodeError only on a generator bug
  CorpusItem next();

  /// A document of a given result kind (one of the six above) and the file name it would have;
  /// the header's CharacterCodeIdentifier matches `encoding`.
  model::Document make(model::MessageKind kind, model::Encoding encoding, std::string& name);

  /// A kind drawn from the mix.
  model::MessageKind next_kind();

 private:
  Rng rng_;
  std::int64_t clock_;      ///< simulated terminal time, seconds since 1970 (JST wall clock)
  unsigned daily_seq_ = 0;  ///< request sequence of the current day
  int day_ = 0;             ///< day of daily_seq_
};

/// `n` files from CorpusGenerator(seed), in generation order.
std::vector<CorpusItem> generate_corpus(std::uint64_t seed, std::size_t n);

}  // namespace onshi::bench
