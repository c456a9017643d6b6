// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "db/notifications.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>
#include <chrono>

#include "db/connection.h"
#include "db/db_error.h"

namespace onshi::db {

namespace {

std::string quoted(const std::string& channel) {
  std::string q = "\"";
  for (char c : channel) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + '"';
}

/// Moves every parsed notification out of libpq into `out`.
void drain(pg_conn* c, std::vector<Notification>& out) {
  while (PGnotify* n = PQnotifies(c)) {
    Notification one;
    one.channel = n->relname ? n->relname : "";
    one.payload = n->extra ? n->extra : "";
    one.backend_pid = n->be_pid;
    PQfreemem(n);
    out.push_back(std::move(one));
  }
}

void consume(pg_conn* c) {
  if (PQconsumeInput(c) == 0 || PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    throw ConnectionError("lost the connection to PostgreSQL while listening: " + msg, "08006");
  }
}

}  // namespace

void listen(Connection& conn, const std::string& channel) {
  conn.exec("LISTEN " + quoted(channel));
}

void unlisten(Connection& conn, const std::string& channel) {
  conn.exec("UNLISTEN " + quoted(channel));
}

int socket_of(Connection& conn) {
  return conn.raw() ? PQsocket(conn.raw()) : -1;
}

std::vector<Notification> take_notifications(Connection& conn) {
  std::vector<Notification> out;
  pg_conn* c = conn.raw();
  if (!c) return out;
  drain(c, out);  // those parsed while earlier statements ran
  consume(c);
  drain(c, out);
  return out;
}

std::vector<Notification> wait_notifications(Connection& conn, int timeout_ms) {
  std::vector<Notification> out = take_notifications(conn);
  if (!out.empty() || timeout_ms <= 0) return out;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) return out;
    pollfd p{};
    p.fd = socket_of(conn);  // a SOCKET on Windows (WSAPoll)
    p.events = POLLIN;
    const int r = ::poll(&p, 1, static_cast<int>(left));
    if (r < 0) return out;  // EINTR: the caller decides whether to wait again
    if (r == 0) return out;
    out = take_notifications(conn);
    if (!out.empty()) return out;
  }
}

}  // namespace onshi::db
