// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// RAII over libpq: a connection (`PGconn`), a result (`PGresult`) and statement parameters.
/// Every failure throws a `db::DbError` subclass (db_error.h). Not thread-safe: one connection
/// per thread (cf. Kea `pgsql_connection.h`, libpqxx).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace onshi::text {
class HostCodec;
}

namespace onshi::db {

class DbError;

/// Owns one PGresult. Rows and columns count from 0.
class Result {
 public:
  Result() = default;
  /// `codec` (may be null) converts text values from the host's encoding (the connection's).
  explicit Result(pg_result* r, text::HostCodec* codec = nullptr);
  int rows() const;
  int columns() const;
  /// Rows touched by INSERT/UPDATE/DELETE (0 otherwise).
  long affected() const;
  bool is_null(int row, int column) const;
  /// Text value; "" for NULL. @throws DbError when out of range
  std::string text(int row, int column) const;
  /// Text value or nullopt for NULL.
  std::optional<std::string> optional(int row, int column) const;
  /// Integer value. @throws DataException when NULL or not an integer
  std::int64_t integer(int row, int column) const;
  /// bytea value decoded from the text form (hex).
  std::string bytes(int row, int column) const;
  /// Column index by name. @throws DbError when absent
  int column(const char* name) const;
  pg_result* get() const { return result_.get(); }

 private:
  struct Free {
    void operator()(pg_result* r) const;
  };
  std::unique_ptr<pg_result, Free> result_;
  text::HostCodec* codec_ = nullptr;
};

/// One statement parameter: text, binary (bytea) or NULL.
struct Param {
  Param() = default;  ///< NULL
  Param(const char* v) : value(v ? std::optional<std::string>(v) : std::nullopt) {}
  Param(std::string v) : value(std::move(v)) {}
  Param(std::string_view v) : value(std::string(v)) {}
  Param(std::optional<std::string> v) : value(std::move(v)) {}
  Param(int v) : value(std::to_string(v)) {}
  Param(long v) : value(std::to_string(v)) {}
  Param(long long v) : value(std::to_string(v)) {}
  Param(bool v) : value(v ? "true" : "false") {}
  /// Binary parameter (for bytea).
  static Param binary(std::string bytes) {
    Param p(std::move(bytes));
    p.is_binary = true;
    return p;
  }
  /// Binary parameter (for bytea) that refers to `bytes` instead of copying them: they must
  /// outlive the statement. For a large file's bytes, held once.
  static Param binary_view(std::string_view bytes) {
    Param p;
    p.view = bytes;
    p.is_view = true;
    p.is_binary = true;
    return p;
  }
  std::optional<std::string> value;
  bool is_binary = false;
  std::string_view view;  ///< the value when is_view
  bool is_view = false;
};

/// One open connection. Closed by the destructor.
class Connection {
 public:
  /// Connects with `conninfo` (a key=value string or a postgresql:// URI); an empty string uses
  /// only the PG* environment variables. Talks UTF-8 with a UTF-8 database; with an EUC-JP
  /// database (ORCA's default) it uses client_encoding EUC_JP and converts on our side, so that
  /// nothing the host cannot hold ever fails a statement. Silences notices. The session runs in
  /// this process's time zone (common/clock.h: one local day for us and the server).
  /// @throws AuthenticationError when the credentials are refused
  /// @throws ConnectionError when the server cannot be reached
  explicit Connection(const std::string& conninfo = "",
                      const std::string& application_name = "onshi-link");
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs one or more statements without parameters; returns the last result.
  Result exec(const std::string& sql);
  /// Runs one statement with $1..$n parameters (text results).
  Result exec(const std::string& sql, const std::vector<Param>& params);

  /// Like exec(sql, params), but the statement is prepared on the server the first time this
  /// connection runs this exact SQL text and reused afterwards (no parse/plan per call). For the
  /// hot paths (import, queue); at most kMaxPrepared statements are kept, later ones run
  /// unprepared.
  Result exec_prepared(const std::string& sql, const std::vector<Param>& params);
  static constexpr std::size_t kMaxPrepared = 256;

  /// One statement of exec_prepared_batch().
  struct Statement {
    std::string sql;
    std::vector<Param> params;
  };
  /// Runs `statements` as exec_prepared() would, in one round trip (libpq's pipeline mode): for
  /// statements that do not depend on each other's results. Results in order. When one fails,
  /// those after it are not run and its error is thrown (as exec_prepared() would throw it).
  std::vector<Result> exec_prepared_batch(const std::vector<Statement>& statements);

  /// Sends `sql` (statements without parameters and without results that matter, e.g.
  /// "SAVEPOINT x") together with the next statement this connection runs, in the same round
  /// trip, instead of waiting for its answer first. Its failure is thrown by that next call
  /// (which then does not run its own statement). The next call must come through this class
  /// (exec, exec_prepared, exec_prepared_batch), not through raw().
  void defer(std::string sql);
  /// Like defer(), for a statement with parameters whose result does not matter to the caller
  /// (e.g. a row's UPDATE whose row is known to be there, locked by an earlier statement),
  /// prepared as exec_prepared() would. Its parameters are kept (a binary_view is copied). When
  /// the next call is exec(sql) without parameters, the deferred statements go first in a
  /// round trip of their own.
  void defer_prepared(std::string sql, std::vector<Param> params);
  /// Where a deferred statement's result goes: empty until the statement has run.
  using ResultSlot = std::shared_ptr<std::optional<Result>>;
  /// Like defer_prepared(), and its result is kept in the returned slot once it has run (with
  /// the next statement, or at flush()). Its failure counts as the next call's own (not in
  /// deferred_failed()): the caller's work, only sent earlier.
  ResultSlot defer_prepared_result(std::string sql, std::vector<Param> params);
  /// Sends the deferred statements now, in a round trip of their own (nothing when none).
  /// @throws what the next statement call would throw for them
  void flush();
  /// True when the last statement call failed in (or possibly in) statements deferred before
  /// it, so that its own statement did not run.
  bool deferred_failed() const { return deferred_failed_; }
  /// Statement calls made so far (exec, exec_prepared, exec_prepared_batch): a caller that keeps
  /// a result for later can tell whether anything ran on the connection since.
  std::uint64_t calls() const { return calls_; }

  /// PostgreSQL's name of the database's encoding ("UTF8", "EUC_JP", ...).
  const std::string& server_encoding() const { return server_encoding_; }
  /// True when the database can store `utf8` unchanged. A value it cannot (a JIS X 0213 kanji in
  /// an EUC-JP database) is still written, each such character as U+3013 (text/host_encoding.h):
  /// callers that must keep the exact value check first and keep a UTF-8 copy in a bytea.
  bool representable(std::string_view utf8);
  /// Characters substituted so far in values sent on this connection.
  std::size_t substitutions() const { return substitutions_; }

  /// "host=... port=... dbname=... user=..." of the live connection, for messages.
  std::string describe() const;
  pg_conn* raw() { return conn_; }

 private:
  Result check(pg_result* r, const std::string& sql);
  /// The deferred statements and `statements` in one pipeline; see exec_prepared_batch().
  std::vector<Result> run_pipeline(const std::vector<Statement>& statements, bool prepare);
  /// Sets the session's TimeZone to local_time_zone(), or to the local UTC offset when the
  /// server does not know that name.
  void use_local_time_zone();
  /// `s` in the client encoding the connection uses (`s` itself, or converted into `buffer`).
  const std::string& encode(const std::string& s, std::string& buffer);
  pg_conn* conn_ = nullptr;
  std::unique_ptr<text::HostCodec> codec_;  ///< null: the connection talks UTF-8
  std::string server_encoding_;
  std::size_t substitutions_ = 0;
  std::map<std::string, std::string> prepared_;  ///< SQL text -> server statement name
  /// A statement of defer() (no parameters, not prepared) or defer_prepared().
  struct Deferred {
    std::string sql;
    std::vector<Param> params;
    bool prepare = false;
    ResultSlot slot;  ///< where its result goes (null: dropped)
  };
  std::vector<Deferred> deferred_;  ///< sent with the next statement
  bool deferred_failed_ = false;
  std::uint64_t calls_ = 0;
};

/// True when `e` means the connection broke (rather than one statement failing): the caller
/// must reconnect before trying again. `conn` may be null (the connection was never made).
bool connection_broken(const DbError& e, Connection* conn);

/// Describes where the PG* environment (or `conninfo`) points, for messages before a connection
/// exists: "host=/tmp/x port=5432 dbname=orca user=orca".
std::string describe_target(const std::string& conninfo);

}  // namespace onshi::db
