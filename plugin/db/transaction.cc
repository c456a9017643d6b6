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
    // A deferred statement sent first failed, so the ROLLBACK itself did not run: once more
    // (nothing is deferred now). Or the connection is gone or broken: the server rolls back on
    // its own.
    try {
      if (conn_.deferred_failed()) conn_.exec("ROLLBACK");
    } catch (const DbError&) {
    }
  }
}

void Transaction::commit() {
  open_ = false;
  Result r;
  try {
    r = conn_.exec("COMMIT");
  } catch (const DbError&) {
    // A deferred statement sent first failed, so the COMMIT did not run: the transaction
    // (which could not commit anyway) is ended before the failure is thrown.
    if (conn_.deferred_failed()) {
      try {
        conn_.exec("ROLLBACK");
      } catch (const DbError&) {
      }
    }
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
