// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// The exchange engine's configuration, declared once in a table (and documented once): key,
/// type, default, whether SIGHUP may change it, and its description. The parser, the defaults,
/// `--check-config` output, the annotated example file and the README table all come from (or are
/// checked against) that table.
///
/// File format: one `key = value` per line; blank lines and lines whose first non-blank character
/// is `#` are ignored (a `#` later in a line is part of the value, so a conninfo may hold one);
/// spaces around key and value are dropped; a value may be written in double quotes to keep
/// leading or trailing spaces. Unknown keys, repeated keys and bad values are errors naming
/// file:line and the key. Keys not given keep their default.

#include <string>
#include <variant>
#include <vector>

#include "common/error.h"
#include "common/log.h"
#include "watch/watcher.h"

namespace onshi::daemon {

/// The engine's settings (engine-wide; per-facility settings live in onshi_facility).
struct EngineConfig {
  std::string conninfo;
  std::vector<int> facilities;  ///< hospnums to serve; empty = every enabled facility
  watch::Backend watch_backend = watch::Backend::automatic;
  int poll_interval_ms = 0;  ///< 0 = each facility's own setting
  int settle_ms = 300;
  int not_ready_grace_ms = 3000;
  int recheck_ms = 1000;
  std::string quarantine_dir;
  bool archive_raw = true;
  int queue_interval_ms = 1000;
  int db_retry_ms = 5000;
  int import_workers = 2;
  int import_group_files = 32;
  int import_group_ms = 50;
  log::Level log_level = log::Level::info;
  bool syslog = false;
  std::string log_file;  ///< "" = none
};

/// Value kinds of the table.
enum class ConfigType { string, path, integer, boolean, backend, level, hospnums };
const char* config_type_name(ConfigType t);

/// One row of the table.
struct ConfigKey {
  const char* key;
  ConfigType type;
  const char* default_value;  ///< in file syntax; parsed like a value from the file
  bool reloadable;            ///< SIGHUP may change it (else: restart needed, old value kept)
  long min_value;             ///< integers only
  long max_value;             ///< integers only
  const char* description;
};

/// The table, in file order.
const std::vector<ConfigKey>& config_keys();

/// A configuration file that cannot be accepted. what() is "FILE:LINE: key: problem".
class ConfigError : public Error {
 public:
  ConfigError(const std::string& file, int line, const std::string& key,
              const std::string& problem);
  const std::string& file() const noexcept { return file_; }
  int line() const noexcept { return line_; }
  const std::string& key() const noexcept { return key_; }

 private:
  std::string file_;
  int line_;
  std::string key_;
};

/// Every key at its default.
EngineConfig default_config();

/// Parses the text of a configuration file. @param file name used in errors
/// @throws ConfigError
EngineConfig parse_config(const std::string& text, const std::string& file);

/// Reads and parses `path`. @throws ConfigError (line 0 when the file cannot be read)
EngineConfig load_config(const std::string& path);

/// The value of `key` in `c`, in file syntax (what parse_config would read back).
std::string config_value(const EngineConfig& c, const std::string& key);

/// Every key = value of `c`, one per line, in table order (`--check-config`).
std::string render_config(const EngineConfig& c);

/// The annotated example file: every key commented out at its default, with its description.
std::string render_example();

/// Keys whose values differ between `a` and `b` and which SIGHUP may not change.
std::vector<std::string> non_reloadable_changes(const EngineConfig& a, const EngineConfig& b);

/// Copies the values of the non-reloadable keys of `from` into `to` (reload keeps them).
void keep_non_reloadable(const EngineConfig& from, EngineConfig& to);

}  // namespace onshi::daemon
