// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// systemd readiness notification (`Type=notify`) through libsystemd's `sd_notify(3)` (linked
/// for the journal anyway, plugin/common/log.cc): one AF_UNIX datagram with newline-separated
/// `KEY=VALUE` lines to the socket named by $NOTIFY_SOCKET (a path, or an abstract socket when it
/// starts with '@'). Without $NOTIFY_SOCKET every call is a no-op.

#include <string>

namespace onshi::daemon {

/// Sends `state` (e.g. "READY=1\nSTATUS=serving 2 facilities"). @return true when sent,
/// false when not under systemd or the send failed (never throws: notification is best effort).
bool notify_systemd(const std::string& state);

/// "RELOADING=1\nMONOTONIC_USEC=<now>" as systemd >= 253 expects for Type=notify-reload.
std::string reloading_state();

}  // namespace onshi::daemon
