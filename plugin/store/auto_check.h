// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The automatic checks' tables (sql/0022_automatic_checks.sql, README "Automatic checks"): the
/// facility's switches, the queue of receptions (onshi_reception_event, fed by the trigger on
/// ORCA's tbl_uketuke or by the engine's own look while the trigger is missing), the one check
/// per facility, patient and day (onshi_auto_check), and the trigger's state. What is decided is
/// exchange/auto_check.h's business.

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// The channel the trigger notifies (payload: the hospnum).
inline constexpr char kReceptionChannel[] = "onshi_reception";

/// A facility's automatic-check switches (all off by default).
struct AutoCheckSettings {
  bool face = false;     ///< use a card check-in of the last `face_minutes`
  bool bulk = false;     ///< reuse the previous evening's definite pre-check result
  bool request = false;  ///< else queue an insurance-number request
  int face_minutes = 10;
  bool any() const { return face || bulk || request; }
};

/// The facility's switches (defaults when it has no settings row).
AutoCheckSettings auto_check_settings(db::Connection& conn, int hospnum);

/// Stores the switches of an existing facility row. @throws onshi::Error when face_minutes is
/// not 1..240 or the facility has no settings row
void set_auto_check_settings(db::Connection& conn, int hospnum, const AutoCheckSettings& s);

/// Whether the trigger on tbl_uketuke is installed (ORCA's update scripts re-create that table
/// and so drop it).
bool reception_trigger_installed(db::Connection& conn);
/// Installs it (onshi_auto_check_install()). @return true when it was missing
bool install_reception_trigger(db::Connection& conn);
/// Removes it. @return true when it was there
bool remove_reception_trigger(db::Connection& conn);

/// One queued reception.
struct ReceptionEvent {
  long long event_id = 0;
  long long ptid = 0;
  std::string day;  ///< ukeymd
  long long ukeid = 0;
  long long age_ms = 0;  ///< since it was queued (the server's clock)
};

/// The oldest reception of the facility nobody handles, locked (FOR UPDATE SKIP LOCKED: another
/// engine takes the next one); nullopt when none. Call inside a transaction that ends with
/// mark_handled().
/// With `after_event_id`, only receptions queued after that one (one left for later is skipped).
std::optional<ReceptionEvent> next_reception_event(db::Connection& conn, int hospnum,
                                                   long long after_event_id = 0);
/// Marks a queued reception handled.
void mark_handled(db::Connection& conn, long long event_id);

/// Queues receptions (ukeid, ptid) found by the engine's own look (`via` "scan") or reported by
/// the host's reception hook ("hook"), leaving out patients already checked that day or already
/// waiting in the queue. @return how many were queued
int queue_receptions(db::Connection& conn, int hospnum, const std::string& day,
                     const std::vector<std::pair<long long, long long>>& ukeid_ptid,
                     const std::string& via);

/// Whether a reception of the patient for `day` waits in the queue.
bool reception_waiting(db::Connection& conn, int hospnum, long long ptid, const std::string& day);

/// The check of a patient on a day, when there is one.
struct AutoCheck {
  std::string source;  ///< face, confirmed, bulk, request, refused
  std::optional<long long> confirmation_id;
  std::optional<long long> job_id;
  std::string note;
};
std::optional<AutoCheck> auto_check_of(db::Connection& conn, int hospnum, long long ptid,
                                       const std::string& day);

/// Records the check of a patient on a day. @return false when one was recorded already (by
/// another engine meanwhile: the caller rolls its work back)
bool record_auto_check(db::Connection& conn, int hospnum, long long ptid, const std::string& day,
                       long long ukeid, const AutoCheck& check);

/// A card check-in of the patient linked to it, for `day`, stored at most `minutes` ago, the
/// newest. valid: processing status 1 and validity 1.
struct RecentCheckIn {
  long long confirmation_id = 0;
  bool valid = false;
};
std::optional<RecentCheckIn> recent_check_in(db::Connection& conn, int hospnum, long long ptid,
                                             const std::string& day, int minutes);

/// Whether a valid result of a card check-in or a single check for `day` is linked to the patient.
bool confirmed_by_result(db::Connection& conn, int hospnum, long long ptid, const std::string& day);

/// The patient's newest pre-check (bulk) result for `day` when it was definite and valid
/// (processing status 1, validity 1), with what the host's confirmation needs.
struct BulkResult {
  long long confirmation_id = 0;
  int hknid = 0;  ///< the insurance row it matched (0: unknown)
  std::string card_classification, insurer, symbol, number;
};
std::optional<BulkResult> valid_bulk_result(db::Connection& conn, int hospnum, long long ptid,
                                            const std::string& day);

/// Counts by source of a day's checks (for onshi-admin status), in the order face, confirmed,
/// bulk, request, refused; and the receptions waiting in the queue.
struct AutoCheckDay {
  std::vector<std::pair<std::string, long>> by_source;
  long waiting = 0;
};
AutoCheckDay auto_check_day(db::Connection& conn, int hospnum, const std::string& day);

/// Deletes queued receptions handled more than a day ago, or older than two days (a day the
/// engine never looked at), and checks created before `cutoff` (the retention purge).
/// @return rows removed
long purge_auto_checks(db::Connection& conn, int hospnum, const std::string& cutoff);

}  // namespace onshi::store
