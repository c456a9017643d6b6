// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Our bulk pre-check tables (onshi_bulk_batch, onshi_bulk_chunk, onshi_bulk_run; the jobs
/// themselves are store/jobs.h) and what the reservation screen shows of them.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// A patient's part in the pre-check requests of one day.
struct PrecheckRequestState {
  bool failed = false;  ///< every request that includes the patient failed
};

/// The patients included in a (not cancelled) pre-check upload of `day`, by ptid.
std::map<long long, PrecheckRequestState> precheck_requests_of_day(db::Connection& conn,
                                                                   int hospnum,
                                                                   const std::string& day);

/// A patient's latest bulk result of a day.
struct PrecheckResult {
  long long confirmation_id = 0;
  std::string validity;  ///< trimmed, "" when none
  std::string status;    ///< processing status, trimmed, "" when none
};

/// The latest bulk result (confirmation date `day`) of every linked patient, by ptid.
std::map<long long, PrecheckResult> precheck_results_of_day(db::Connection& conn, int hospnum,
                                                            const std::string& day);

}  // namespace onshi::store
