// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// What every onshi-admin command shares: usage errors, numeric options, the operator name
/// recorded on changes, and the mapping of failures to exit statuses.

#include <climits>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "admin/db_commands.h"
#include "admin/inspect.h"
#include "common/error.h"
#include "db/db_error.h"
#include "db/facility.h"

namespace onshi::admin {

/// A command line that cannot be run as given (exit kExitUsage with the usage text).
class UsageError : public Error {
 public:
  using Error::Error;
};

/// A command's parsed options: `--name value` / `--name=value` (stored under "name") and
/// `--flag`s.
struct Options {
  std::map<std::string, std::string> values;
  std::set<std::string> flags;
  std::optional<std::string> get(const std::string& name) const;
  std::string value_or(const std::string& name, const std::string& fallback) const {
    return get(name).value_or(fallback);
  }
  bool has(const std::string& name) const { return values.count(name) != 0; }
  bool flag(const std::string& name) const { return flags.count(name) != 0; }
};

/// Parses args[from..]: `with_value` and `flags` name the options with their dashes
/// ("--hospnum"); "-d" is "--dbname" and "-h" is "--help". Anything else, a flag given a value
/// or an option without one is a UsageError.
Options parse_options(const std::vector<std::string>& args, std::size_t from,
                      const std::set<std::string>& with_value, const std::set<std::string>& flags);

/// The value of `--name` as an integer >= `min`. @throws UsageError
int to_int(const std::string& name, const std::string& value, int min = INT_MIN);

/// "onshi-admin:<login user>", recorded as who changed a setting or queued a job.
std::string operator_name();

/// Runs `body`; prints a failure after `prefix` and returns its exit status: usage errors with
/// the usage text, unknown/disabled facility, refused credentials, unreachable server, schema
/// version, other database errors (kExitSoftware), and any other onshi::Error as `other`.
template <class F>
int guarded(const std::string& prefix, std::ostream& err, const char* usage, F body,
            int other = kExitSoftware) {
  try {
    return body();
  } catch (const UsageError& e) {
    err << prefix << e.what() << '\n' << usage;
    return kExitUsage;
  } catch (const db::UnknownFacilityError& e) {
    err << prefix << e.what() << '\n';
    return kExitUnknownFacility;
  } catch (const db::FacilityDisabledError& e) {
    err << prefix << e.what() << '\n';
    return kExitConfig;
  } catch (const db::AuthenticationError& e) {
    err << prefix << e.what() << '\n';
    return kExitNoPermission;
  } catch (const db::ConnectionError& e) {
    err << prefix << e.what() << '\n';
    return kExitUnavailable;
  } catch (const db::SchemaVersionError& e) {
    err << prefix << e.what() << '\n';
    return kExitConfig;
  } catch (const db::DbError& e) {
    err << prefix << e.what() << '\n';
    return kExitSoftware;
  } catch (const Error& e) {
    err << prefix << e.what() << '\n';
    return other;
  }
}

}  // namespace onshi::admin
