// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// PostgreSQL LISTEN/NOTIFY on a db::Connection: the one mechanism through which the engine and
/// the host module learn of new rows without polling tables (reception rows for the automatic
/// checks, notices for the screens). A listener subscribes to channels, gives its socket to an
/// event loop or waits on it with a bound, and takes what arrived.

#include <string>
#include <vector>

namespace onshi::db {

class Connection;

/// One notification as the server sent it. Our channels carry ASCII payloads (numbers).
struct Notification {
  std::string channel;
  std::string payload;
  int backend_pid = 0;  ///< the server process of the sender
};

/// `LISTEN channel` (quoted; a channel is an identifier of ours, not user input).
/// @throws DbError like any statement
void listen(Connection& conn, const std::string& channel);
/// `UNLISTEN channel`.
void unlisten(Connection& conn, const std::string& channel);

/// The connection's socket, to watch for readability (epoll, poll); -1 when closed.
int socket_of(Connection& conn);

/// Reads what the server sent (without blocking) and returns every notification received so far,
/// oldest first; empty when none. Notifications that arrived during earlier statements on the
/// connection are returned too.
/// @throws ConnectionError when the connection broke
std::vector<Notification> take_notifications(Connection& conn);

/// Like take_notifications(), but when none is waiting, waits up to `timeout_ms` (0: do not wait)
/// for one to arrive. A signal interrupting the wait ends it early (empty result).
/// @throws ConnectionError when the connection broke
std::vector<Notification> wait_notifications(Connection& conn, int timeout_ms);

}  // namespace onshi::db
