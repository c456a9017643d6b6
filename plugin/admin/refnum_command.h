// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// `onshi-admin refnum`: bulk reference-number registration and its status, and
/// `onshi-admin medinfo`: queue a drug, checkup or diagnosis information request as the screen
/// would.

#include <iosfwd>
#include <string>
#include <vector>

namespace onshi::admin {

/// `refnum register-all --hospnum N [--chunk N] [--timeout S] [--no-wait] [-d CONNINFO]`:
/// starts (or resumes) the bulk registration of every patient with insurance, then follows it
/// until it is done or the timeout passes: a progress line that rewrites itself on a terminal,
/// one line per change otherwise; at the end a summary (registered / refused with reasons).
/// Exit 0 when done, 75 (EX_TEMPFAIL) when still running at the timeout (run it again to
/// resume). `refnum status --hospnum N`: the latest run's summary (exit 0; 1 when none).
int run_refnum(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// `medinfo request --hospnum N --patient PTNUM --kind drug|checkup|diagnosis --user USERID
/// [--from YYYYMM] [--to YYYYMM] [-d CONNINFO]`: checks consent and permission and queues the
/// request (prints the job id), or prints why it is refused (exit kExitRefused). Audited.
int run_medinfo(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace onshi::admin
