// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "db/db_error.h"

#include <libpq-fe.h>

namespace onshi::db {

DbError::DbError(const std::string& message, std::string sqlstate)
    : Error(message), sqlstate_(std::move(sqlstate)) {}

SqlError::SqlError(const std::string& message, std::string sqlstate, std::string query)
    : DbError(message, std::move(sqlstate)), query_(std::move(query)) {}

SchemaVersionError::SchemaVersionError(const std::string& message, int database_version,
                                       int program_version)
    : DbError(message), database_version_(database_version), program_version_(program_version) {}

void throw_sql_error(const std::string& message, const std::string& sqlstate,
                     const std::string& query) {
  const std::string cls = sqlstate.substr(0, 2);
  if (sqlstate == "23505") throw UniqueViolation(message, sqlstate, query);
  if (sqlstate == "23514") throw CheckViolation(message, sqlstate, query);
  if (cls == "23") throw IntegrityViolation(message, sqlstate, query);
  if (cls == "22") throw DataException(message, sqlstate, query);
  if (sqlstate == "42P01") throw UndefinedTable(message, sqlstate, query);
  if (sqlstate == "42501") throw InsufficientPrivilege(message, sqlstate, query);
  if (cls == "42") throw SyntaxOrAccessError(message, sqlstate, query);
  if (sqlstate == "40001" || sqlstate == "40P01")
    throw SerializationFailure(message, sqlstate, query);
  if (cls == "40") throw TransactionRollback(message, sqlstate, query);
  if (cls == "53") throw InsufficientResources(message, sqlstate, query);
  if (cls == "55") throw NotInPrerequisiteState(message, sqlstate, query);
  if (cls == "57") throw OperatorIntervention(message, sqlstate, query);
  if (cls == "08") throw ConnectionError(message, sqlstate);
  if (cls == "28") throw AuthenticationError(message, sqlstate);
  throw SqlError(message, sqlstate, query);
}

void throw_result_error(const pg_result* result, const std::string& query) {
  auto field = [result](int code) {
    const char* v = result ? PQresultErrorField(result, code) : nullptr;
    return std::string(v ? v : "");
  };
  std::string message = field(PG_DIAG_MESSAGE_PRIMARY);
  if (message.empty() && result) {
    const char* m = PQresultErrorMessage(result);
    message = m ? m : "";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
  }
  if (message.empty()) message = "unknown database error";
  std::string hint = field(PG_DIAG_MESSAGE_HINT);
  if (!hint.empty()) message += " (hint: " + hint + ")";
  std::string sqlstate = field(PG_DIAG_SQLSTATE);
  if (sqlstate.empty()) throw DbError(message);
  throw_sql_error(message, sqlstate, query);
}

}  // namespace onshi::db
