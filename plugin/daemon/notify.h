// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// systemd readiness notification (`Type=notify`) through libsystemd's `sd_notify(3)` (linked
/// for the journal anyway, plugin/common/log.cc): one AF_UNIX datagram with newline-separated
/// `KEY=VALUE` lines to the socket named by $NOTIFY_SOCKET (a path, or an abstract socket when it
/// starts with '@'). Without $NOTIFY_SOCKET every call is a no-op. Built without libsystemd
/// (`configure --with-systemd=no`) the same datagram is sent by notify_socket_send().

#include <string>

namespace onshi::daemon {

/// Sends `state` (e.g. "READY=1\nSTATUS=serving 2 facilities"). @return true when sent,
/// false when not under systemd or the send failed (never throws: notification is best effort).
bool notify_systemd(const std::string& state);

/// Sends `state` as one datagram to `socket_name` (the value of $NOTIFY_SOCKET: a path, or an
/// abstract socket when it starts with '@'), as sd_notify(3) does. @return 1 when sent, 0 when
/// `socket_name` is null or "" (not under systemd), -1 when it is no such address or the send
/// failed. Used by notify_systemd() when the build has no libsystemd.
int notify_socket_send(const char* socket_name, const std::string& state);

/// "RELOADING=1\nMONOTONIC_USEC=<now>" as systemd >= 253 expects for Type=notify-reload.
std::string reloading_state();

}  // namespace onshi::daemon
