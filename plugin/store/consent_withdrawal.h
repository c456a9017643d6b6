// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Our table of consent withdrawals (onshi_consent_withdrawal, sql/0018_home_visit.sql): one row
/// per withdrawal of a home-visit patient's consent to view (閲覧同意取消, OQSsihvd01req), with
/// the card as sent and what the terminal answered. The flow is exchange/consent_withdrawal.h.

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// One withdrawal.
struct ConsentWithdrawal {
  long long withdrawal_id = 0;
  int hospnum = 0;
  long long ptid = 0;
  std::optional<int> hknid;
  std::string insurer_number;
  std::optional<std::string> card_symbol;
  std::string card_number;
  std::optional<std::string> branch_number;
  std::string birthdate;  ///< YYYYMMDD
  std::string state;      ///< pending | done | failed
  std::optional<long long> job_id;
  std::optional<std::string> error;
  std::string requested_by, created_at, updated_at;  ///< times YYYY-MM-DD HH:MM:SS, local
};

/// True when the patient has a pending withdrawal.
bool has_open_withdrawal(db::Connection& conn, int hospnum, long long ptid);

/// Records a pending withdrawal with the job that sends it (`w.job_id`). @return withdrawal_id
long long insert_withdrawal(db::Connection& conn, const ConsentWithdrawal& w);

/// Queues the OQSsihvd01req of a withdrawal (payload withdrawal_id; the card is the row's).
/// @return the job id
long long enqueue_withdrawal_job(db::Connection& conn, int hospnum, long long ptid,
                                 std::optional<int> hknid, const std::string& requested_by);

/// Ties the job to its withdrawal.
void set_withdrawal_job(db::Connection& conn, long long withdrawal_id, long long job_id);

/// The withdrawal sent by job `job_id`, locked (FOR UPDATE); nullopt when the job is none's.
std::optional<ConsentWithdrawal> lock_withdrawal_of_job(db::Connection& conn, long long job_id);

/// Closes a withdrawal: `state` done | failed, with the answer's file and the reason.
void finish_withdrawal(db::Connection& conn, long long withdrawal_id, const std::string& state,
                       const std::optional<std::string>& error, std::optional<long long> file_id);

/// Marks failed the facility's pending withdrawals whose job gave up (failed, expired,
/// cancelled), with the job's last error.
void fail_given_up_withdrawals(db::Connection& conn, int hospnum);

/// The kinds whose results can bring a newer home-visit consent after a withdrawal: the
/// consented-information bulk of home visits and the home-visit single check.
inline constexpr const char* kHomeVisitConsentKinds = "{OQSmuhvq02res,OQSsihvq01res}";

/// The patient's newest done withdrawal that is still in force: no result of a
/// kHomeVisitConsentKinds kind linked to the patient and imported after the withdrawal was done
/// shows a consent to view (flag 1) given after the withdrawal was asked for. nullopt: none (or
/// a newer consent lifted it). Home-visit requests of the patient are refused while one is in
/// force (exchange/consent_withdrawal.h).
std::optional<ConsentWithdrawal> withdrawal_in_force(db::Connection& conn, int hospnum,
                                                     long long ptid);

/// The facility's withdrawals (or one patient's, `ptid` set), newest first, at most `limit`.
std::vector<ConsentWithdrawal> list_withdrawals(db::Connection& conn, int hospnum,
                                                std::optional<long long> ptid, int limit);

}  // namespace onshi::store
