// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Database errors, split like libpq's SQLSTATE classes (cf. libpqxx `except.hxx`). Thrown by
/// the `db/` layer only; callers catch the class they can handle (a unique violation on a
/// re-import, a serialization failure to retry) and let the rest reach the edge.

#include <string>

#include "common/error.h"

struct pg_result;

namespace onshi::db {

/// Base of every database error. `sqlstate()` is "" when the server sent none (client side).
class DbError : public Error {
 public:
  DbError(const std::string& message, std::string sqlstate = "");
  const std::string& sqlstate() const noexcept { return sqlstate_; }

 private:
  std::string sqlstate_;
};

/// The server cannot be reached or the connection broke (class 08, or a failed connect).
class ConnectionError : public DbError {
 public:
  using DbError::DbError;
};

/// The server refused the credentials (class 28, "password authentication failed").
class AuthenticationError : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
};

/// An error the server reported for a statement; the class is picked from the SQLSTATE.
class SqlError : public DbError {
 public:
  /// @param message server message (primary, plus hint when present)
  /// @param sqlstate five-character SQLSTATE
  /// @param query the statement, for context (never holds parameter values)
  SqlError(const std::string& message, std::string sqlstate, std::string query);
  const std::string& query() const noexcept { return query_; }

 private:
  std::string query_;
};

/// Class 23: integrity constraint violation.
class IntegrityViolation : public SqlError {
 public:
  using SqlError::SqlError;
};
/// 23505: unique violation.
class UniqueViolation : public IntegrityViolation {
 public:
  using IntegrityViolation::IntegrityViolation;
};
/// 23514: check violation.
class CheckViolation : public IntegrityViolation {
 public:
  using IntegrityViolation::IntegrityViolation;
};
/// Class 22: data exception (bad value for a type, out of range, ...).
class DataException : public SqlError {
 public:
  using SqlError::SqlError;
};
/// Class 42: syntax error or access rule violation.
class SyntaxOrAccessError : public SqlError {
 public:
  using SqlError::SqlError;
};
/// 42P01: undefined table.
class UndefinedTable : public SyntaxOrAccessError {
 public:
  using SyntaxOrAccessError::SyntaxOrAccessError;
};
/// 42501: insufficient privilege.
class InsufficientPrivilege : public SyntaxOrAccessError {
 public:
  using SyntaxOrAccessError::SyntaxOrAccessError;
};
/// Class 40: transaction rollback; safe to retry the whole transaction.
class TransactionRollback : public SqlError {
 public:
  using SqlError::SqlError;
};
/// 40001 serialization failure / 40P01 deadlock.
class SerializationFailure : public TransactionRollback {
 public:
  using TransactionRollback::TransactionRollback;
};
/// Class 53: insufficient resources (disk full, out of memory, too many connections).
class InsufficientResources : public SqlError {
 public:
  using SqlError::SqlError;
};
/// Class 55: object not in prerequisite state (e.g. facility not enabled, lock not available).
class NotInPrerequisiteState : public SqlError {
 public:
  using SqlError::SqlError;
};
/// Class 57: operator intervention (admin shutdown, query canceled).
class OperatorIntervention : public SqlError {
 public:
  using SqlError::SqlError;
};

/// The database schema version is not the one this program was built for.
class SchemaVersionError : public DbError {
 public:
  SchemaVersionError(const std::string& message, int database_version, int program_version);
  int database_version() const noexcept { return database_version_; }
  int program_version() const noexcept { return program_version_; }

 private:
  int database_version_;
  int program_version_;
};

/// Throws the SqlError subclass matching `sqlstate`.
[[noreturn]] void throw_sql_error(const std::string& message, const std::string& sqlstate,
                                  const std::string& query);

/// Throws the error held by a failed result (message, hint, SQLSTATE).
[[noreturn]] void throw_result_error(const pg_result* result, const std::string& query);

}  // namespace onshi::db
