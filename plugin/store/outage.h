// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Outage mode's rows (sql/0025_outage.sql): what staff recorded of a patient while the terminal
/// or the national system was down, the re-check after recovery, and the facility's disaster
/// declaration. Statements only; the rules live in exchange/outage.h.

#include <optional>
#include <string>
#include <vector>

namespace onshi::db {
class Connection;
}

namespace onshi::store {

/// One recorded statement, with the answer of its re-check when there is one.
struct OutageStatement {
  long long statement_id = 0;
  int hospnum = 0;
  std::optional<long long> ptid;
  std::string visit_date;  ///< YYYYMMDD
  std::string name, name_kana, sex, birthdate, address, insurer;
  std::string state;  ///< waiting, queued, answered, staff, cancelled
  std::optional<long long> job_id;
  int attempts = 0;
  std::string note;
  std::string recorded_by, recorded_at;  ///< recorded_at: local "YYYY-MM-DD HH:MM:SS"
  std::string ptnum;                     ///< the patient number staff see ("" without ptid)
  /// The re-check's answer (state answered): the first result of the job.
  std::optional<long long> confirmation_id;
  std::string validity, link_state, result_name, result_kana, result_sex, result_birthdate,
      result_insurer_name, result_insurer_number;
};

/// Inserts a statement (state waiting); returns its id.
long long insert_outage_statement(db::Connection& conn, const OutageStatement& s);

/// The facility's statements, newest first: all, or only the open ones (waiting, queued, staff);
/// with `before_id`, only those older than that statement (the next page).
std::vector<OutageStatement> outage_statements(db::Connection& conn, int hospnum, bool open_only,
                                               int limit, long long before_id = 0);

/// A statement of the facility by id (nullopt when none).
std::optional<OutageStatement> outage_statement(db::Connection& conn, int hospnum,
                                                long long statement_id);

/// A statement the engine may check again now.
struct OutageRecheck {
  long long statement_id = 0;
  long long ptid = 0;
  std::string visit_date;
};

/// True when the facility has a statement waiting for or in its re-check (one indexed look).
bool outage_statements_open(db::Connection& conn, int hospnum);

/// Marks the statements whose re-check was answered as answered; returns how many.
int settle_outage_answers(db::Connection& conn, int hospnum);

/// Locks (FOR UPDATE SKIP LOCKED, in the caller's transaction) up to `limit` statements with a
/// patient that wait for a re-check: never queued, or their job failed, expired or was
/// cancelled. Unless `force`, only once the terminal has shown a sign of life (a file received
/// from res/ or face/) after the statement was recorded and after its last attempt: it answers
/// again.
std::vector<OutageRecheck> claim_outage_rechecks(db::Connection& conn, int hospnum, bool force,
                                                 int limit);

/// The statement's re-check was queued as `job_id`.
void mark_outage_queued(db::Connection& conn, long long statement_id, long long job_id);

/// The statement cannot be checked by the engine (no insurance to ask about, a test patient):
/// staff act; `note` says why.
void mark_outage_staff(db::Connection& conn, long long statement_id, const std::string& note);

/// Gives a statement without a patient (or waiting for staff) its patient; it waits for the
/// re-check again. @return false when there is no such open statement
bool link_outage_statement(db::Connection& conn, int hospnum, long long statement_id,
                           long long ptid);

/// Cancels an open statement. @return false when there is no such open statement
bool cancel_outage_statement(db::Connection& conn, int hospnum, long long statement_id);

/// The facility's disaster declaration, when one is in force now.
struct DisasterDeclaration {
  std::string since, until;  ///< local "YYYY-MM-DD HH:MM:SS"; until "" = until ended
  std::string by, reason;
};

/// The declaration in force now (since <= now < until), or nullopt.
std::optional<DisasterDeclaration> disaster_in_force(db::Connection& conn, int hospnum);

/// Declares a disaster from now (`until`: a local "YYYY-MM-DD HH:MM:SS", "" = until ended).
void declare_disaster(db::Connection& conn, int hospnum, const std::string& by,
                      const std::string& reason, const std::string& until);

/// Ends the declaration. @return false when none was in force
bool end_disaster(db::Connection& conn, int hospnum);

}  // namespace onshi::store
