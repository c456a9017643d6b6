// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "db/transaction.h"

#include <libpq-fe.h>

#include <cstring>

#include "db/connection.h"
#include "db/db_error.h"

namespace onshi::db {

Transaction::Transaction(Connection& conn, const std::string& isolation) : conn_(conn) {
  conn_.exec(isolation.empty() ? "BEGIN" : "BEGIN ISOLATION LEVEL " + isolation);
}

Transaction::Transaction(Connection& conn, DeferredBegin) : conn_(conn) {
  conn_.defer("BEGIN");
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    conn_.exec("ROLLBACK");
  } catch (const DbError&) {
    // Or the connection is gone or broken: the server rolls back on its own.
    end_after_deferred_failure();
  }
}

void Transaction::end_after_deferred_failure() {
  // A deferred statement sent first failed, so the call's own COMMIT or ROLLBACK did not run:
  // a ROLLBACK now (nothing is deferred any more) ends the transaction.
  if (!conn_.deferred_failed()) return;
  try {
    conn_.exec("ROLLBACK");
  } catch (const DbError&) {
  }
}

void Transaction::commit() {
  open_ = false;
  Result r;
  try {
    r = conn_.exec("COMMIT");
  } catch (const DbError&) {
    end_after_deferred_failure();  // it could not commit anyway
    throw;
  }
  // COMMIT of a transaction in which a statement failed "succeeds" with the tag ROLLBACK.
  const char* tag = PQcmdStatus(r.get());
  if (tag && std::strcmp(tag, "ROLLBACK") == 0)
    throw DbError("the transaction was aborted by an earlier error and has been rolled back");
}

void Transaction::rollback() {
  if (!open_) return;
  open_ = false;
  conn_.exec("ROLLBACK");
}

}  // namespace onshi::db
