// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// RAII transaction: BEGIN in the constructor, ROLLBACK in the destructor unless commit() ran.

#include <string>

namespace onshi::db {

class Connection;

/// One transaction on a connection. Not nestable.
class Transaction {
 public:
  /// @param isolation "" (server default), "REPEATABLE READ" or "SERIALIZABLE"
  explicit Transaction(Connection& conn, const std::string& isolation = "");
  /// Tag: BEGIN is sent with the transaction's first statement, in its round trip
  /// (Connection::defer); that statement must come through Connection, not its raw().
  struct DeferredBegin {};
  static constexpr DeferredBegin deferred_begin{};
  Transaction(Connection& conn, DeferredBegin);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  /// COMMIT. @throws DbError (e.g. a deferred constraint or serialization failure)
  void commit();
  /// ROLLBACK now (the destructor then does nothing).
  void rollback();

 private:
  /// After a failed COMMIT or ROLLBACK call: when a statement deferred in front of it failed
  /// (so the call's own statement did not run), ends the transaction with a ROLLBACK.
  void end_after_deferred_failure();
  Connection& conn_;
  bool open_ = true;
};

}  // namespace onshi::db
