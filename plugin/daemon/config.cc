// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "daemon/config.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "common/path.h"

namespace onshi::daemon {
namespace {

/// Where a key's value lives in EngineConfig.
using Field = std::variant<std::string EngineConfig::*, int EngineConfig::*, bool EngineConfig::*,
                           watch::Backend EngineConfig::*, log::Level EngineConfig::*,
                           std::vector<int> EngineConfig::*>;

struct Entry {
  ConfigKey key;
  Field field;
};

// THE table. Every other list of keys (README, example file, --check-config) derives from it.
const std::vector<Entry>& entries() {
  static const std::vector<Entry> table = {
      {{"conninfo", ConfigType::string, "", true, 0, 0,
        "libpq connection string (key=value or postgresql:// URI) of the host database; "
        "empty: the PG* environment variables and ~/.pgpass. A change reconnects."},
       &EngineConfig::conninfo},
      {{"facilities", ConfigType::hospnums, "all", true, 0, 0,
        "hospnums to serve, separated by spaces or commas, or \"all\" for every enabled "
        "facility. Several engines (e.g. one per terminal) may run at once; they coordinate "
        "through PostgreSQL only."},
       &EngineConfig::facilities},
      {{"watch_backend", ConfigType::backend, "auto", true, 0, 0,
        "how share folders are watched: inotify (local folders), poll (SMB/NFS mounts, where "
        "inotify sees no remote writes), auto (poll on network filesystems, probed per folder "
        "with statfs; inotify otherwise)."},
       &EngineConfig::watch_backend},
      {{"poll_interval_ms", ConfigType::integer, "0", true, 0, 3600000,
        "polling backend: time between two listings of a folder; 0 uses each facility's own "
        "setting (onshi-admin enable --poll-interval-ms, default 2000)."},
       &EngineConfig::poll_interval_ms},
      {{"settle_ms", ConfigType::integer, "300", true, 10, 60000,
        "a file found by listing (polling, startup rescan) is complete once its size and mtime "
        "stayed unchanged this long; inotify reports files when closed or renamed into place."},
       &EngineConfig::settle_ms},
      {{"not_ready_grace_ms", ConfigType::integer, "3000", true, 0, 600000,
        "an empty or truncated file younger than this is left for a later look (the link "
        "software may still be writing it) instead of being refused."},
       &EngineConfig::not_ready_grace_ms},
      {{"recheck_ms", ConfigType::integer, "1000", true, 50, 600000,
        "a file left for a later look (not ready, or a failure other than the database) is "
        "tried again after this long (doubling on repeated failures, up to 5 minutes)."},
       &EngineConfig::recheck_ms},
      {{"quarantine_dir", ConfigType::path, "/var/lib/onshi-link/quarantine", true, 0, 0,
        "host folder (never on the terminal share) that refused files are moved into, one "
        "subfolder per hospnum; created when missing."},
       &EngineConfig::quarantine_dir},
      {{"archive_raw", ConfigType::boolean, "yes", true, 0, 0,
        "keep the raw bytes of every received file in onshi_received_file.raw (the clinic's "
        "own copy of what came back)."},
       &EngineConfig::archive_raw},
      {{"queue_interval_ms", ConfigType::integer, "1000", true, 50, 3600000,
        "how often the request queue of each facility is looked at (due jobs become request "
        "files; .err files and answer timeouts are handled)."},
       &EngineConfig::queue_interval_ms},
      {{"db_retry_ms", ConfigType::integer, "5000", true, 100, 3600000,
        "while the database is unreachable, how often to try again. Files stay on the share "
        "meanwhile and are imported after the reconnect."},
       &EngineConfig::db_retry_ms},
      {{"import_workers", ConfigType::integer, "2", false, 1, 16,
        "import threads, each with its own database connection. More than the number of CPU "
        "cores rarely helps; 1 imports strictly one group of files after the other."},
       &EngineConfig::import_workers},
      {{"import_group_files", ConfigType::integer, "32", false, 1, 64,
        "when several files wait, one import thread commits up to this many in one "
        "transaction (a savepoint per file: a failing file is rolled back alone; files leave "
        "the share only after the commit). A lone file is imported at once. 1: every file its "
        "own transaction."},
       &EngineConfig::import_group_files},
      {{"import_group_ms", ConfigType::integer, "50", true, 0, 1000,
        "no further file is added to an import transaction that has been open this long, so "
        "that the first file of a group is not kept waiting for its commit."},
       &EngineConfig::import_group_ms},
      {{"log_level", ConfigType::level, "info", true, 0, 0,
        "lowest level logged: debug, info (one line per file), warning, error."},
       &EngineConfig::log_level},
      {{"syslog", ConfigType::boolean, "no", false, 0, 0,
        "also log to syslog (facility daemon); on Windows to the event log (Application, "
        "source onshi-exchanged). Standard error is always used in the foreground (the systemd "
        "journal collects it). The Windows service always logs to the event log."},
       &EngineConfig::syslog},
      {{"log_file", ConfigType::path, "", false, 0, 0,
        "also append every log line to this file, with the local time in front; empty: "
        "none. Reopened on reload (after a rotation). For the Windows service, which has no "
        "console (e.g. C:/ProgramData/onshi-link/onshi-exchanged.log)."},
       &EngineConfig::log_file},
  };
  return table;
}

const Entry* find_entry(const std::string& key) {
  for (const Entry& e : entries())
    if (key == e.key.key) return &e;
  return nullptr;
}

std::string trim(const std::string& s) {
  const char* ws = " \t\r";
  std::size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  std::size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

/// Sets the field of `e` in `c` from `value`; throws std::invalid_argument with the problem.
void assign(const Entry& e, EngineConfig& c, const std::string& value) {
  switch (e.key.type) {
    case ConfigType::string:
      c.*std::get<std::string EngineConfig::*>(e.field) = value;
      return;
    case ConfigType::path:
      // An empty value means "none" where that is the default (log_file).
      if (value.empty() && *e.key.default_value == '\0') {
        c.*std::get<std::string EngineConfig::*>(e.field) = value;
        return;
      }
      if (!is_absolute_path(value))
        throw std::invalid_argument("must be an absolute path (value \"" + value + "\")");
      c.*std::get<std::string EngineConfig::*>(e.field) = value;
      return;
    case ConfigType::integer: {
      errno = 0;
      char* end = nullptr;
      long v = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || errno == ERANGE)
        throw std::invalid_argument("not an integer (value \"" + value + "\")");
      if (v < e.key.min_value || v > e.key.max_value)
        throw std::invalid_argument("out of range " + std::to_string(e.key.min_value) + ".." +
                                    std::to_string(e.key.max_value) + " (value " + value + ")");
      c.*std::get<int EngineConfig::*>(e.field) = static_cast<int>(v);
      return;
    }
    case ConfigType::boolean:
      if (value == "yes" || value == "true" || value == "on" || value == "1")
        c.*std::get<bool EngineConfig::*>(e.field) = true;
      else if (value == "no" || value == "false" || value == "off" || value == "0")
        c.*std::get<bool EngineConfig::*>(e.field) = false;
      else
        throw std::invalid_argument("not a boolean: yes/no (value \"" + value + "\")");
      return;
    case ConfigType::backend:
      c.*std::get<watch::Backend EngineConfig::*>(e.field) = watch::backend_from_name(value);
      return;
    case ConfigType::level:
      c.*std::get<log::Level EngineConfig::*>(e.field) = log::level_from_name(value);
      return;
    case ConfigType::hospnums: {
      std::vector<int> list;
      if (value != "all") {
        std::string v = value;
        std::replace(v.begin(), v.end(), ',', ' ');
        std::istringstream in(v);
        std::string item;
        while (in >> item) {
          char* end = nullptr;
          errno = 0;
          long n = std::strtol(item.c_str(), &end, 10);
          if (*end != '\0' || errno == ERANGE || n < 1 || n > INT_MAX)
            throw std::invalid_argument("not a hospnum: \"" + item +
                                        "\" (positive integers or all)");
          if (std::find(list.begin(), list.end(), n) == list.end())
            list.push_back(static_cast<int>(n));
        }
        if (list.empty()) throw std::invalid_argument("empty list (use \"all\")");
        std::sort(list.begin(), list.end());
      }
      c.*std::get<std::vector<int> EngineConfig::*>(e.field) = std::move(list);
      return;
    }
  }
}

std::string show(const Entry& e, const EngineConfig& c) {
  switch (e.key.type) {
    case ConfigType::string:
    case ConfigType::path:
      return c.*std::get<std::string EngineConfig::*>(e.field);
    case ConfigType::integer:
      return std::to_string(c.*std::get<int EngineConfig::*>(e.field));
    case ConfigType::boolean:
      return c.*std::get<bool EngineConfig::*>(e.field) ? "yes" : "no";
    case ConfigType::backend:
      return watch::backend_name(c.*std::get<watch::Backend EngineConfig::*>(e.field));
    case ConfigType::level:
      return log::level_name(c.*std::get<log::Level EngineConfig::*>(e.field));
    case ConfigType::hospnums: {
      const std::vector<int>& list = c.*std::get<std::vector<int> EngineConfig::*>(e.field);
      if (list.empty()) return "all";
      std::string out;
      for (int n : list) out += (out.empty() ? "" : " ") + std::to_string(n);
      return out;
    }
  }
  return "";
}

/// Wraps a description to comment lines of at most ~96 columns.
void comment_wrapped(std::ostringstream& out, const std::string& text) {
  std::istringstream words(text);
  std::string word, line = "#";
  while (words >> word) {
    if (line.size() + 1 + word.size() > 96) {
      out << line << '\n';
      line = "#";
    }
    line += " " + word;
  }
  out << line << '\n';
}

}  // namespace

const char* config_type_name(ConfigType t) {
  switch (t) {
    case ConfigType::string:
      return "string";
    case ConfigType::path:
      return "path";
    case ConfigType::integer:
      return "integer";
    case ConfigType::boolean:
      return "boolean";
    case ConfigType::backend:
      return "auto|inotify|poll";
    case ConfigType::level:
      return "debug|info|warning|error";
    case ConfigType::hospnums:
      return "hospnum list|all";
  }
  return "?";
}

const std::vector<ConfigKey>& config_keys() {
  static const std::vector<ConfigKey> keys = [] {
    std::vector<ConfigKey> k;
    for (const Entry& e : entries()) k.push_back(e.key);
    return k;
  }();
  return keys;
}

ConfigError::ConfigError(const std::string& file, int line, const std::string& key,
                         const std::string& problem)
    : Error(file + ":" + std::to_string(line) + ": " + (key.empty() ? "" : key + ": ") + problem),
      file_(file),
      line_(line),
      key_(key) {}

EngineConfig default_config() {
  EngineConfig c;
  for (const Entry& e : entries()) assign(e, c, e.key.default_value);
  return c;
}

EngineConfig parse_config(const std::string& text, const std::string& file) {
  EngineConfig c = default_config();
  std::set<std::string> seen;
  std::istringstream in(text);
  std::string raw;
  int line_no = 0;
  while (std::getline(in, raw)) {
    ++line_no;
    std::string line = trim(raw);
    if (line.empty() || line[0] == '#') continue;
    std::size_t eq = line.find('=');
    if (eq == std::string::npos) throw ConfigError(file, line_no, "", "expected \"key = value\"");
    std::string key = trim(line.substr(0, eq));
    std::string value = trim(line.substr(eq + 1));
    if (key.empty()) throw ConfigError(file, line_no, "", "missing key before \"=\"");
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    else if (!value.empty() && value.front() == '"')
      throw ConfigError(file, line_no, key, "unterminated double quote");
    const Entry* e = find_entry(key);
    if (!e) throw ConfigError(file, line_no, key, "unknown key");
    if (!seen.insert(key).second) throw ConfigError(file, line_no, key, "given twice");
    try {
      assign(*e, c, value);
    } catch (const std::invalid_argument& ex) {
      throw ConfigError(file, line_no, key, ex.what());
    }
  }
  return c;
}

EngineConfig load_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path, 0, "", std::string("cannot read: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path);
}

std::string config_value(const EngineConfig& c, const std::string& key) {
  const Entry* e = find_entry(key);
  if (!e) throw std::invalid_argument("unknown configuration key \"" + key + "\"");
  return show(*e, c);
}

std::string render_config(const EngineConfig& c) {
  std::string out;
  for (const Entry& e : entries()) {
    std::string v = show(e, c);
    bool quote = v.empty() || v.front() == ' ' || v.back() == ' ';
    out += std::string(e.key.key) + " = " + (quote ? "\"" + v + "\"" : v) + "\n";
  }
  return out;
}

std::string render_example() {
  std::ostringstream out;
  out << "# onshi-exchanged configuration (annotated example, generated from the key table in\n"
         "# plugin/daemon/config.cc). Format: one `key = value` per line; lines starting with #\n"
         "# are comments; double quotes keep leading/trailing spaces. Every key is optional and\n"
         "# shown commented out at its default. `onshi-exchanged --check-config` validates a file\n"
         "# and prints the effective values. SIGHUP reloads the file (a bad file is logged and\n"
         "# the running configuration kept); keys marked \"restart\" need a restart.\n";
  for (const Entry& e : entries()) {
    out << "\n";
    comment_wrapped(out, e.key.description);
    std::string kind = config_type_name(e.key.type);
    if (e.key.type == ConfigType::integer)
      kind += " " + std::to_string(e.key.min_value) + ".." + std::to_string(e.key.max_value);
    out << "# type: " << kind << "; " << (e.key.reloadable ? "reload" : "restart") << "\n";
    std::string v = e.key.default_value;
    out << "#" << e.key.key << " = " << (v.empty() ? "\"\"" : v) << "\n";
  }
  return out.str();
}

std::vector<std::string> non_reloadable_changes(const EngineConfig& a, const EngineConfig& b) {
  std::vector<std::string> out;
  for (const Entry& e : entries())
    if (!e.key.reloadable && show(e, a) != show(e, b)) out.push_back(e.key.key);
  return out;
}

void keep_non_reloadable(const EngineConfig& from, EngineConfig& to) {
  for (const Entry& e : entries())
    if (!e.key.reloadable) assign(e, to, show(e, from));
}

}  // namespace onshi::daemon
