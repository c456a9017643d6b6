// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "db/connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "common/clock.h"
#include "db/db_error.h"
#include "text/host_encoding.h"

namespace onshi::db {

void Result::Free::operator()(pg_result* r) const {
  PQclear(r);
}

Result::Result(pg_result* r, text::HostCodec* codec) : result_(r), codec_(codec) {}

int Result::rows() const {
  return result_ ? PQntuples(result_.get()) : 0;
}
int Result::columns() const {
  return result_ ? PQnfields(result_.get()) : 0;
}

long Result::affected() const {
  if (!result_) return 0;
  const char* n = PQcmdTuples(result_.get());
  return n && *n ? std::strtol(n, nullptr, 10) : 0;
}

bool Result::is_null(int row, int column) const {
  if (row < 0 || row >= rows() || column < 0 || column >= columns())
    throw DbError("result has no row " + std::to_string(row) + " column " + std::to_string(column));
  return PQgetisnull(result_.get(), row, column) != 0;
}

std::string Result::text(int row, int column) const {
  if (is_null(row, column)) return std::string();
  std::string_view v(PQgetvalue(result_.get(), row, column),
                     static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
  return codec_ ? codec_->from_host(v) : std::string(v);
}

std::optional<std::string> Result::optional(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return text(row, column);
}

std::int64_t Result::integer(int row, int column) const {
  if (is_null(row, column)) throw DataException("NULL where an integer was expected", "22004", "");
  std::string v = text(row, column);
  errno = 0;
  char* end = nullptr;
  long long n = std::strtoll(v.c_str(), &end, 10);
  if (errno != 0 || end == v.c_str() || *end != '\0')
    throw DataException("not an integer: " + v, "22P02", "");
  return n;
}

std::string Result::bytes(int row, int column) const {
  if (is_null(row, column)) return std::string();
  std::size_t len = 0;
  unsigned char* raw = PQunescapeBytea(
      reinterpret_cast<const unsigned char*>(PQgetvalue(result_.get(), row, column)), &len);
  if (!raw) throw DbError("cannot decode a bytea value (out of memory)");
  std::string out(reinterpret_cast<const char*>(raw), len);
  PQfreemem(raw);
  return out;
}

int Result::column(const char* name) const {
  int c = result_ ? PQfnumber(result_.get(), name) : -1;
  if (c < 0) throw DbError(std::string("result has no column ") + name);
  return c;
}

namespace {

void ignore_notice(void*, const char*) {}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

bool looks_like_auth_failure(const std::string& msg) {
  return msg.find("authentication failed") != std::string::npos ||
         msg.find("no password supplied") != std::string::npos ||
         msg.find("password is required") != std::string::npos ||
         msg.find("no pg_hba.conf entry") != std::string::npos ||
         msg.find("role \"") != std::string::npos;
}

}  // namespace

std::string describe_target(const std::string& conninfo) {
  char* err = nullptr;
  PQconninfoOption* opts =
      conninfo.empty() ? PQconndefaults() : PQconninfoParse(conninfo.c_str(), &err);
  if (err) PQfreemem(err);
  if (!opts) return conninfo.empty() ? "(PG* environment)" : "(unparsable conninfo)";
  PQconninfoOption* defaults = conninfo.empty() ? nullptr : PQconndefaults();
  auto value = [&](const char* key) -> std::string {
    for (PQconninfoOption* o = opts; o->keyword; ++o)
      if (std::string(o->keyword) == key && o->val && *o->val) return o->val;
    if (defaults)
      for (PQconninfoOption* o = defaults; o->keyword; ++o)
        if (std::string(o->keyword) == key && o->val && *o->val) return o->val;
    return "";
  };
  std::string out;
  for (const char* key : {"host", "port", "dbname", "user"}) {
    std::string v = value(key);
    if (v.empty()) continue;
    if (!out.empty()) out += ' ';
    out += key;
    out += '=';
    out += v;
  }
  PQconninfoFree(opts);
  if (defaults) PQconninfoFree(defaults);
  return out.empty() ? "(libpq defaults)" : out;
}

Connection::Connection(const std::string& conninfo, const std::string& application_name) {
  const char* keys[] = {"dbname", "fallback_application_name", "client_encoding", nullptr};
  const char* values[] = {conninfo.c_str(), application_name.c_str(), "UTF8", nullptr};
  // expand_dbname = 1: `dbname` may be a whole conninfo string or URI; empty means environment.
  conn_ = PQconnectdbParams(keys, values, 1);
  if (!conn_) throw ConnectionError("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = trim(PQerrorMessage(conn_));
    bool auth = looks_like_auth_failure(msg) || PQconnectionNeedsPassword(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    std::string where = describe_target(conninfo);
    if (auth)
      throw AuthenticationError("PostgreSQL refused the credentials (" + where + "): " + msg +
                                    " -- check PGUSER/PGPASSWORD, ~/.pgpass or the conninfo",
                                "28000");
    throw ConnectionError("cannot connect to PostgreSQL (" + where + "): " + msg +
                              " -- is the server running? check PGHOST/PGPORT or the conninfo",
                          "08001");
  }
  PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
  const char* enc = PQparameterStatus(conn_, "server_encoding");
  server_encoding_ = enc ? enc : "UTF8";
  auto codec = std::make_unique<text::HostCodec>(server_encoding_);
  if (!codec->identity()) {
    if (PQsetClientEncoding(conn_, codec->client_encoding().c_str()) != 0) {
      std::string msg = trim(PQerrorMessage(conn_));
      PQfinish(conn_);
      conn_ = nullptr;
      throw ConnectionError("cannot set client_encoding " + codec->client_encoding() + ": " + msg,
                            "08001");
    }
    codec_ = std::move(codec);
  }
  try {
    use_local_time_zone();
  } catch (...) {
    PQfinish(conn_);
    conn_ = nullptr;
    throw;
  }
}

void Connection::use_local_time_zone() {
  if (const std::string zone = local_time_zone(); !zone.empty()) {
    try {
      exec("SELECT set_config('TimeZone', $1, false)", {zone});
      return;
    } catch (const DbError& e) {
      if (e.sqlstate() != "22023") throw;  // invalid_parameter_value: a name it does not know
    }
  }
  const long off = local_utc_offset();
  const long abs_off = off < 0 ? -off : off;
  char sql[80];
  std::snprintf(sql, sizeof sql, "SET TIME ZONE INTERVAL '%c%02ld:%02ld' HOUR TO MINUTE",
                off < 0 ? '-' : '+', abs_off / 3600, abs_off % 3600 / 60);
  exec(sql);
}

const std::string& Connection::encode(const std::string& s, std::string& buffer) {
  if (!codec_) return s;  // UTF-8 database: no copy
  buffer = codec_->to_host(s, &substitutions_);
  return buffer;
}

bool Connection::representable(std::string_view utf8) {
  return !codec_ || codec_->representable(utf8);
}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

Result Connection::check(pg_result* r, const std::string& sql) {
  Result result(r, codec_.get());
  if (!r) {
    std::string msg = trim(PQerrorMessage(conn_));
    if (PQstatus(conn_) != CONNECTION_OK)
      throw ConnectionError("lost the connection to PostgreSQL: " + msg, "08006");
    throw DbError("statement failed: " + msg);
  }
  ExecStatusType st = PQresultStatus(r);
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) return result;
  if (PQstatus(conn_) != CONNECTION_OK && !PQresultErrorField(r, PG_DIAG_SQLSTATE))
    throw ConnectionError("lost the connection to PostgreSQL: " + trim(PQerrorMessage(conn_)),
                          "08006");
  throw_result_error(r, sql);
}

Result Connection::exec(const std::string& sql) {
  ++calls_;
  std::string buffer;
  const bool simple =
      std::all_of(deferred_.begin(), deferred_.end(), [](const Deferred& d) { return !d.prepare; });
  if (!simple) run_pipeline({}, true);  // statements with parameters: a round trip of their own
  if (!deferred_.empty()) {             // one simple query: the deferred statements, then this one
    std::string all;
    for (const Deferred& d : deferred_) all += d.sql + "; ";
    deferred_.clear();
    all += sql;
    deferred_failed_ = true;  // unknown which one failed, should one fail
    Result r = check(PQexec(conn_, encode(all, buffer).c_str()), all);
    deferred_failed_ = false;
    return r;
  }
  deferred_failed_ = false;
  return check(PQexec(conn_, encode(sql, buffer).c_str()), sql);
}

void Connection::defer(std::string sql) {
  deferred_.push_back({std::move(sql), {}, false, nullptr});
}

void Connection::defer_prepared(std::string sql, std::vector<Param> params) {
  for (Param& p : params)
    if (p.is_view) p = Param::binary(std::string(p.view));  // the caller's bytes may be gone
  deferred_.push_back({std::move(sql), std::move(params), true, nullptr});
}

Connection::ResultSlot Connection::defer_prepared_result(std::string sql,
                                                         std::vector<Param> params) {
  defer_prepared(std::move(sql), std::move(params));
  deferred_.back().slot = std::make_shared<std::optional<Result>>();
  return deferred_.back().slot;
}

void Connection::flush() {
  if (deferred_.empty()) return;
  ++calls_;
  run_pipeline({}, true);
}

namespace {
/// libpq's parallel arrays for a parameter list; text values converted by `codec` (may be null).
struct ParamArrays {
  ParamArrays(const std::vector<Param>& params, text::HostCodec* codec, std::size_t* substituted)
      : values(params.size()), lengths(params.size()), formats(params.size()) {
    if (codec) converted.reserve(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const std::string* v = params[i].value ? &*params[i].value : nullptr;
      if (v && codec && !params[i].is_binary) {
        converted.push_back(codec->to_host(*v, substituted));
        v = &converted.back();
      }
      values[i] = v ? v->data() : nullptr;
      lengths[i] = v ? static_cast<int>(v->size()) : 0;
      if (params[i].is_view) {
        values[i] = params[i].view.data();
        lengths[i] = static_cast<int>(params[i].view.size());
      }
      formats[i] = params[i].is_binary ? 1 : 0;
    }
  }
  std::vector<std::string> converted;  ///< reserved up front: pointers into it stay valid
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
};
}  // namespace

Result Connection::exec(const std::string& sql, const std::vector<Param>& params) {
  ++calls_;
  if (!deferred_.empty()) return std::move(run_pipeline({{sql, params}}, false).front());
  deferred_failed_ = false;
  ParamArrays a(params, codec_.get(), &substitutions_);
  std::string buffer;
  return check(PQexecParams(conn_, encode(sql, buffer).c_str(), static_cast<int>(params.size()),
                            nullptr, a.values.data(), a.lengths.data(), a.formats.data(), 0),
               sql);
}

Result Connection::exec_prepared(const std::string& sql, const std::vector<Param>& params) {
  ++calls_;
  if (!deferred_.empty()) return std::move(run_pipeline({{sql, params}}, true).front());
  deferred_failed_ = false;
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    if (prepared_.size() >= kMaxPrepared) return exec(sql, params);
    std::string name = "onshi_" + std::to_string(prepared_.size() + 1);
    std::string buffer;
    check(PQprepare(conn_, name.c_str(), encode(sql, buffer).c_str(),
                    static_cast<int>(params.size()), nullptr),
          sql);
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  ParamArrays a(params, codec_.get(), &substitutions_);
  return check(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()),
                              a.values.data(), a.lengths.data(), a.formats.data(), 0),
               sql);
}

std::vector<Result> Connection::exec_prepared_batch(const std::vector<Statement>& statements) {
  ++calls_;
  return run_pipeline(statements, true);
}

std::vector<Result> Connection::run_pipeline(const std::vector<Statement>& statements,
                                             bool prepare) {
  std::vector<Deferred> deferred;
  deferred.swap(deferred_);  // sent now or never: a failure below must not send them twice
  deferred_failed_ = false;
  if (PQenterPipelineMode(conn_) != 1) {
    const std::string msg = trim(PQerrorMessage(conn_));
    if (PQstatus(conn_) != CONNECTION_OK)
      throw ConnectionError("lost the connection to PostgreSQL: " + msg, "08006");
    throw DbError("cannot enter pipeline mode: " + msg);
  }
  // What was sent, in order: each yields one result (then a NULL) before the final sync.
  struct Sent {
    const std::string* sql;
    int statement;     ///< index into `statements`; -1: a deferred statement or a Parse
    std::string name;  ///< a statement prepared by this pipeline: its server name
    bool deferred;     ///< a deferred statement (or its Parse)
    const ResultSlot* slot = nullptr;  ///< a deferred statement's: where its result goes
  };
  std::vector<Sent> sent;
  std::map<std::string, std::string> preparing;  // SQL text -> name, prepared in this pipeline
  std::string send_error;
  std::string buffer;
  // Sends one statement (prepared first when asked and not yet on the server); false on failure.
  auto send = [&](const std::string& sql, const std::vector<Param>& params, bool prepared,
                  int statement, bool is_deferred, const ResultSlot* slot) {
    const int n = static_cast<int>(params.size());
    std::string name;
    if (prepared) {
      if (auto it = prepared_.find(sql); it != prepared_.end()) {
        name = it->second;
      } else if (auto p = preparing.find(sql); p != preparing.end()) {
        name = p->second;
      } else if (prepared_.size() + preparing.size() < kMaxPrepared) {
        name = "onshi_" + std::to_string(prepared_.size() + preparing.size() + 1);
        if (!PQsendPrepare(conn_, name.c_str(), encode(sql, buffer).c_str(), n, nullptr)) {
          send_error = trim(PQerrorMessage(conn_));
          return false;
        }
        preparing.emplace(sql, name);
        sent.push_back({&sql, -1, name, is_deferred});
      }
    }
    ParamArrays a(params, codec_.get(), &substitutions_);
    const int ok = name.empty()
                       ? PQsendQueryParams(conn_, encode(sql, buffer).c_str(), n, nullptr,
                                           a.values.data(), a.lengths.data(), a.formats.data(), 0)
                       : PQsendQueryPrepared(conn_, name.c_str(), n, a.values.data(),
                                             a.lengths.data(), a.formats.data(), 0);
    if (!ok) {
      send_error = trim(PQerrorMessage(conn_));
      return false;
    }
    sent.push_back({&sql, statement, {}, is_deferred, slot});
    return true;
  };
  for (const Deferred& d : deferred)
    if (!send(d.sql, d.params, d.prepare, -1, true, d.slot ? &d.slot : nullptr)) break;
  for (std::size_t i = 0; send_error.empty() && i < statements.size(); ++i)
    if (!send(statements[i].sql, statements[i].params, prepare, static_cast<int>(i), false,
              nullptr))
      break;
  bool synced = PQpipelineSync(conn_) == 1;
  if (!synced && send_error.empty()) send_error = trim(PQerrorMessage(conn_));

  // Every result up to the sync, even after a failure: the connection is then ready again.
  std::vector<Result> out(statements.size());
  pg_result* failed = nullptr;  // the first failure (later statements were not run)
  const std::string* failed_sql = nullptr;
  std::size_t at = 0;
  bool answered = false;  // sent[at] has had its result
  while (synced) {
    pg_result* r = PQgetResult(conn_);
    if (!r) {
      if (PQstatus(conn_) != CONNECTION_OK || at >= sent.size() || !answered) break;
      ++at;  // the end of sent[at]'s results
      answered = false;
      continue;
    }
    const ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_PIPELINE_SYNC) {
      PQclear(r);
      break;
    }
    if (at >= sent.size() || st == PGRES_PIPELINE_ABORTED) {
      PQclear(r);
      answered = true;
      continue;
    }
    answered = true;
    const Sent& s = sent[at];
    const bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY;
    if (!ok) {
      if (!failed) {
        failed = r;
        failed_sql = s.sql;
        // A deferred statement whose result is kept is the caller's own work, like the call's.
        deferred_failed_ = s.deferred && !s.slot;
      } else {
        PQclear(r);
      }
      continue;
    }
    if (!s.name.empty()) prepared_.emplace(*s.sql, s.name);  // its Parse went through
    if (s.statement >= 0)
      out[static_cast<std::size_t>(s.statement)] = Result(r, codec_.get());
    else if (s.slot)
      **s.slot = Result(r, codec_.get());
    else
      PQclear(r);
  }
  if (PQstatus(conn_) == CONNECTION_OK) PQexitPipelineMode(conn_);
  if (failed) check(failed, *failed_sql);  // throws
  if (PQstatus(conn_) != CONNECTION_OK)
    throw ConnectionError("lost the connection to PostgreSQL: " + trim(PQerrorMessage(conn_)),
                          "08006");
  if (!send_error.empty()) throw DbError("statement not sent: " + send_error);
  return out;
}

std::string Connection::describe() const {
  std::string out;
  auto add = [&out](const char* key, const char* v) {
    if (!v || !*v) return;
    if (!out.empty()) out += ' ';
    out += key;
    out += '=';
    out += v;
  };
  add("host", PQhost(conn_));
  add("port", PQport(conn_));
  add("dbname", PQdb(conn_));
  add("user", PQuser(conn_));
  return out;
}

bool connection_broken(const DbError& e, Connection* conn) {
  if (dynamic_cast<const ConnectionError*>(&e)) return true;
  if (dynamic_cast<const OperatorIntervention*>(&e)) return true;  // e.g. the server shut down
  return !conn || ::PQstatus(conn->raw()) != CONNECTION_OK;
}

}  // namespace onshi::db
