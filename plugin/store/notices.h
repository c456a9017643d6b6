// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Notices for the front desk (sql/0023_notices.sql, README "Notices"): results that need staff
/// and the terminal's trouble, pushed to the screens. A notice is written where the result is
/// stored (exchange/qualification.cc, exchange/importer.cc) or where the engine records the
/// terminal's silence (daemon/engine.cc), in the same transaction, and its insert notifies the
/// channel kNoticeChannel with the facility number (db/notifications.h): a screen waiting in the
/// hook `notices` wakes at the commit. Each workstation acknowledges a notice once.

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// The LISTEN/NOTIFY channel of new notices; the payload is the facility number.
inline constexpr char kNoticeChannel[] = "onshi_notice";

/// The most notices one call returns.
inline constexpr int kMaxNotices = 100;

/// What a stored result needs from staff, as a notice kind: "no_patient", "candidates",
/// "differences", "invalid" or "" (nothing). The one rule for result notices; it reads only what
/// the importer stores (the screens' status, hooks/results.cc, shows the same cases in detail).
/// @param own_registration a new patient's own registration check (no patient is expected)
std::string result_notice_kind(const std::string& processing_status, const std::string& validity,
                               const std::string& link_state, const std::string& host_status,
                               bool differences, bool own_registration);

/// A notice to write.
struct NewNotice {
  int hospnum = 0;
  std::string kind;  ///< see sql/0023_notices.sql
  std::optional<long long> confirmation_id, file_id, job_id, ptid;
  std::string subject;  ///< the person as returned, or the file name
  std::string detail;   ///< validity code, refusal reason, the time the silence began
};

/// Writes a notice and notifies kNoticeChannel, in one statement of the caller's transaction.
/// A second notice of the same result or file is not written.
/// @return its id; nullopt when the result or file has one already
std::optional<long long> add_notice(db::Connection& conn, const NewNotice& n);

/// A notice as the screens and onshi-admin show it.
struct Notice {
  long long notice_id = 0;
  int hospnum = 0;
  std::string kind;
  std::string created;  ///< local "YYYY-MM-DD HH:MM:SS"
  std::optional<long long> confirmation_id, file_id, job_id, ptid;
  std::string subject, detail;
  int acks = 0;  ///< workstations that acknowledged it
};

/// The screen message of a notice: its ID (ONSHI-S-6080..6086, common/message_ids.h) and
/// arguments; the hooks and onshi-admin show the same text.
struct NoticeMessage {
  const char* id;
  std::vector<std::string> args;
};
NoticeMessage notice_message(const Notice& n);

/// The notices of a facility after `after_id` that `workstation` has not acknowledged, oldest
/// first, at most `limit` (<= kMaxNotices).
std::vector<Notice> pending_notices(db::Connection& conn, int hospnum,
                                    const std::string& workstation, long long after_id, int limit);

/// The outcome of an acknowledgement.
enum class AckOutcome { acknowledged, already, unknown };

/// Acknowledges one notice of the facility for a workstation, with the staff member; audited
/// (onshi_audit: view, notice). Its own statements; runs in the caller's transaction if any.
AckOutcome acknowledge_notice(db::Connection& conn, int hospnum, long long notice_id,
                              const std::string& workstation, const std::string& staff);

/// The notices for administrators (onshi-admin notices list), newest first, at most `limit`:
/// every facility or one; `pending`: only those no workstation has acknowledged.
std::vector<Notice> list_notices(db::Connection& conn, std::optional<int> hospnum, bool pending,
                                 int limit);

}  // namespace onshi::store
