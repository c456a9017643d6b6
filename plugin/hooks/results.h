// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// One stored result (onshi_confirmation row) as the screens show it: the status code with its
/// message, the returned values, the candidates, and "returned vs registered" differences with
/// the updates staff may accept. Shared by the registration and reception operations.

#include <optional>
#include <string>
#include <vector>

#include "hooks/session.h"

namespace onshi::hooks {

/// One returned-vs-registered difference.
struct Difference {
  std::string item;        ///< name, kana, birthdate, sex, insurer, symbol, number, branch, ...
  std::string registered;  ///< the host's value
  std::string returned;    ///< the returned value (host form)
  bool proposed = false;   ///< can be accepted
};

/// A patient shown as a candidate.
struct Candidate {
  long long ptid = 0;
  std::string ptnum, name, kana, birthdate, sex;
  bool same_name = false;
};

/// A result as a screen shows it.
struct ResultView {
  long long confirmation_id = 0;
  long long job_id = 0;
  std::optional<long long> request_ptid;  ///< the patient the request asked about
  std::string source, link_state, host_status, validity, processing_status, processing_code,
      processing_message, card_classification, confirmation_date, time;
  std::string name, kana, birthdate, sex, insurer, symbol, number, branch, family, insured_name,
      ratio, post, address;
  std::string prescription;  ///< PrescriptionIssueSelect: 1 electronic, 2 paper, "" not chosen
  /// Public assistance (card class A1): store::assistance_state() of its tickets ("" otherwise)
  std::string assistance;
  bool name_unrepresentable = false;
  bool has_proposal = false;
  std::optional<long long> ptid;  ///< linked patient
  std::vector<long long> candidates;
  std::optional<int> hknid;  ///< host insurance compared with
  bool new_insurance = false;
  std::string resolution;
  bool resolved = false;
  std::vector<Difference> diffs;
  std::string fill_branch;
  std::string status;     ///< status code
  std::string status_id;  ///< its message id
  std::vector<std::string> status_args;
};

/// Loads a result of the context's facility, with differences and status.
/// @throws HookError ONSHI-W-6009 when there is none
ResultView load_result(Context& ctx, long long confirmation_id);

/// Message id of a national validity code ("" when none).
std::string validity_message(const std::string& validity);

/// Sets status/status_id/status_args from the other fields.
void decide_status(ResultView& v);

/// True when a row with this status waits for staff on the reception list.
bool needs_staff(const std::string& status);

/// Candidates: the result's own list, plus (with_same_name) patients with the same kana name,
/// birthdate and sex; same-name ones first.
std::vector<Candidate> load_candidates(Context& ctx, const ResultView& v, bool with_same_name);

/// Message id of a difference item's label.
std::string item_message(const std::string& item);

/// Queues the reference-number registration of a patient (once): onshi_reference_number row
/// (pending, number = patient number) and an OQSsiimm01req job. Runs in the caller's
/// transaction. @return the job id, or 0 when already registered or pending
long long queue_reference_registration(Context& ctx, long long ptid, long long confirmation_id);

/// Links a result (and its consents and certificates) to `ptid` as resolved by staff.
void link_result(Context& ctx, long long confirmation_id, long long ptid,
                 const std::string& resolution);

}  // namespace onshi::hooks
