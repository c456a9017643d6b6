// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The database commands of `onshi-admin`: migrate, enable, disable, status, purge, password.
/// Each takes its arguments and output streams like run_inspect and returns an exit status.
/// The database is found through the PG* environment variables, or `--dbname CONNINFO`
/// (a key=value string or a postgresql:// URI, as for psql).

#include <iosfwd>
#include <string>
#include <vector>

namespace onshi::admin {

/// Exit statuses of the database commands (sysexits.h values).
constexpr int kExitUnknownFacility = 67;  ///< EX_NOUSER: no such facility
constexpr int kExitSoftware = 70;         ///< EX_SOFTWARE: a statement or migration failed
constexpr int kExitUnavailable = 69;      ///< EX_UNAVAILABLE: the server cannot be reached
constexpr int kExitNoPermission = 77;     ///< EX_NOPERM: credentials refused
constexpr int kExitConfig = 78;           ///< EX_CONFIG: schema version mismatch, bad setting

/// `migrate [--dry-run] [--to VERSION]`: applies (or lists) the pending schema steps.
int run_migrate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// `enable --hospnum N --share DIR [--institution-code CODE] [settings...]`.
int run_enable(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// `disable --hospnum N`.
int run_disable(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// `status [--hospnum N]`: schema version, settings, queue depth by state, last files, errors.
int run_status(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// `purge [--hospnum N] [--dry-run]`: retention purge; reports what it removed.
int run_purge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// `password --hospnum N`: reads the plugin password from `in` (first line) and stores its hash.
int run_password(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                 std::ostream& err);

}  // namespace onshi::admin
