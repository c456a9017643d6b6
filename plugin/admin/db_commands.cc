// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/db_commands.h"

#include "admin/command_support.h"

#include <cstdlib>
#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <ostream>

#include "admin/inspect.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/facility.h"
#include "db/migrations.h"
#include "db/purge.h"

namespace onshi::admin {
namespace {

/// Parsed `--name value` options and `--flag`s of one command.
struct Options {
  std::map<std::string, std::string> values;
  std::map<std::string, bool> flags;
  std::optional<std::string> get(const std::string& name) const {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  }
  bool flag(const std::string& name) const { return flags.count(name) != 0; }
};

Options parse(const std::vector<std::string>& args, const std::vector<std::string>& with_value,
              const std::vector<std::string>& flags) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    std::string value;
    bool inline_value = false;
    if (auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
      inline_value = true;
    }
    if (a == "-d") a = "--dbname";
    bool takes_value = false;
    for (const auto& w : with_value) takes_value |= (a == w);
    bool is_flag = false;
    for (const auto& f : flags) is_flag |= (a == f);
    if (takes_value) {
      if (!inline_value) {
        if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
        value = args[++i];
      }
      o.values[a.substr(2)] = value;
    } else if (is_flag && !inline_value) {
      o.flags[a.substr(2)] = true;
    } else {
      throw UsageError("unknown argument \"" + args[i] + "\"");
    }
  }
  return o;
}

int parse_int(const std::string& name, const std::string& v) {
  std::size_t used = 0;
  int n = 0;
  try {
    n = std::stoi(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != v.size()) throw UsageError("--" + name + " needs a number, not \"" + v + "\"");
  return n;
}

/// Runs `body` with a connection; turns every error into a message and an exit status.
int with_db(const std::string& command, const Options& o, std::ostream& err,
            const std::string& usage, const std::function<int(db::Connection&)>& body) {
  const std::string prefix = "onshi-admin " + command + ": ";
  try {
    db::Connection conn(o.get("dbname").value_or(""), "onshi-admin");
    return body(conn);
  } catch (const UsageError& e) {
    err << prefix << e.what() << '\n' << usage;
    return kExitUsage;
  } catch (const db::AuthenticationError& e) {
    err << prefix << e.what() << '\n';
    return kExitNoPermission;
  } catch (const db::ConnectionError& e) {
    err << prefix << e.what() << '\n';
    return kExitUnavailable;
  } catch (const db::SchemaVersionError& e) {
    err << prefix << e.what() << '\n';
    return kExitConfig;
  } catch (const db::UnknownFacilityError& e) {
    err << prefix << e.what() << '\n';
    return kExitUnknownFacility;
  } catch (const db::FacilitySettingsError& e) {
    err << prefix << e.what() << '\n';
    return kExitConfig;
  } catch (const db::DbError& e) {
    err << prefix << e.what() << '\n';
    return kExitSoftware;
  } catch (const Error& e) {
    err << prefix << e.what() << '\n';
    return kExitSoftware;
  }
}

/// Parses, then runs with a connection; usage errors before connecting.
int command(const std::string& name, const std::vector<std::string>& args,
            const std::vector<std::string>& with_value, const std::vector<std::string>& flags,
            const std::string& usage, std::ostream& out, std::ostream& err,
            const std::function<int(db::Connection&, const Options&)>& body) {
  Options o;
  try {
    o = parse(args, with_value, flags);
  } catch (const UsageError& e) {
    err << "onshi-admin " << name << ": " << e.what() << '\n' << usage;
    return kExitUsage;
  }
  if (o.flag("help")) {
    out << usage;
    return 0;
  }
  return with_db(name, o, err, usage, [&](db::Connection& c) { return body(c, o); });
}

const std::string kDb = "  -d, --dbname CONNINFO   database (default: the PG* environment)\n";

}  // namespace

int run_migrate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string usage = "usage: onshi-admin migrate [--dry-run] [--to VERSION] [-d CONNINFO]\n" + kDb;
  return command("migrate", args, {"--dbname", "--to"}, {"--dry-run", "--help"}, usage, out, err,
                 [&](db::Connection& conn, const Options& o) {
                   int target = -1;
                   if (auto t = o.get("to")) target = parse_int("to", *t);
                   db::MigrationReport r = db::migrate(conn, o.flag("dry-run"), target);
                   if (r.steps.empty()) {
                     out << "schema version " << r.from_version << ": up to date (this program: "
                         << db::program_schema_version() << ")\n";
                     return 0;
                   }
                   for (const db::Migration& m : r.steps)
                     out << (r.dry_run ? "pending " : "applied ") << m.name << '\n';
                   out << "schema version " << r.from_version << " -> " << r.to_version
                       << (r.dry_run ? " (dry run: nothing changed)" : "") << '\n';
                   return 0;
                 });
}

int run_enable(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string usage =
      "usage: onshi-admin enable --hospnum N --share DIR [--institution-code CODE] [options]\n"
      "  --institution-code CODE 10-digit medical institution code (default: the host's)\n"
      "  --share DIR             the terminal's shared folder (req/, res/, face/ inside)\n"
      "  --req-dir/--res-dir/--face-dir DIR   override one subfolder\n"
      "  --emr-dir DIR           where drug/checkup files are moved\n"
      "  --encoding UTF-8|Shift_JIS   request encoding (default UTF-8)\n"
      "  --batch-time HH:MM      next-day bulk pre-check (default 18:00)\n"
      "  --retention-months N    6-12 (default 12)\n"
      "  --after-import delete|move  --move-dir DIR   what happens to the terminal's file\n"
      "  --medical-info xml|pdf  --poll-ms N  --answer-timeout S  --max-attempts N\n" +
      kDb + "Options not given keep their current value (or the default).\n";
  return command(
      "enable", args,
      {"--dbname", "--hospnum", "--institution-code", "--share", "--req-dir", "--res-dir",
       "--face-dir", "--emr-dir", "--encoding", "--batch-time", "--retention-months",
       "--after-import", "--move-dir", "--medical-info", "--poll-ms", "--answer-timeout",
       "--max-attempts"},
      {"--help"}, usage, out, err, [&](db::Connection& conn, const Options& o) {
        auto h = o.get("hospnum");
        if (!h) throw UsageError("--hospnum is required");
        const int hospnum = parse_int("hospnum", *h);
        db::require_schema_version(conn, "onshi-admin");
        db::FacilitySettings s;
        if (auto existing = db::find_facility(conn, hospnum)) {
          s = *existing;
        } else {
          s.hospnum = hospnum;
          if (!o.get("share")) throw UsageError("--share is required for a new facility");
        }
        auto set = [&](const char* name, std::string& field) {
          if (auto v = o.get(name)) field = *v;
        };
        auto set_opt = [&](const char* name, std::optional<std::string>& field) {
          if (auto v = o.get(name)) field = v->empty() ? std::nullopt : std::optional(*v);
        };
        auto set_int = [&](const char* name, int& field) {
          if (auto v = o.get(name)) field = parse_int(name, *v);
        };
        set("share", s.share_dir);
        while (s.share_dir.size() > 1 && s.share_dir.back() == '/') s.share_dir.pop_back();
        set_opt("req-dir", s.req_dir);
        set_opt("res-dir", s.res_dir);
        set_opt("face-dir", s.face_dir);
        set_opt("emr-dir", s.emr_dir);
        set_opt("move-dir", s.move_dir);
        set("encoding", s.request_encoding);
        set("batch-time", s.batch_time);
        set_int("retention-months", s.retention_months);
        set("after-import", s.after_import);
        set("medical-info", s.medical_info_format);
        set_int("poll-ms", s.poll_interval_ms);
        set_int("answer-timeout", s.answer_timeout_s);
        set_int("max-attempts", s.max_attempts);
        if (auto code = o.get("institution-code")) {
          s.institution_code = *code;
        } else if (s.institution_code.empty()) {
          auto host = db::host_institution_code(conn, hospnum);
          if (!host)
            throw db::UnknownFacilityError(hospnum,
                                           "the receipt program has no facility information "
                                           "for it (tbl_syskanri kanricd 1001)");
          s.institution_code = *host;
        }
        db::enable_facility(conn, s, operator_name());
        out << "facility " << hospnum << ": enabled (institution " << s.institution_code
            << ", share " << s.share_dir << ")\n";
        return 0;
      });
}

int run_disable(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string usage = "usage: onshi-admin disable --hospnum N [-d CONNINFO]\n" + kDb;
  return command("disable", args, {"--dbname", "--hospnum"}, {"--help"}, usage, out, err,
                 [&](db::Connection& conn, const Options& o) {
                   auto h = o.get("hospnum");
                   if (!h) throw UsageError("--hospnum is required");
                   const int hospnum = parse_int("hospnum", *h);
                   db::require_schema_version(conn, "onshi-admin");
                   db::disable_facility(conn, hospnum, operator_name());
                   out << "facility " << hospnum << ": disabled (settings kept)\n";
                   return 0;
                 });
}

int run_status(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string usage = "usage: onshi-admin status [--hospnum N] [-d CONNINFO]\n" + kDb;
  return command(
      "status", args, {"--dbname", "--hospnum"}, {"--help"}, usage, out, err,
      [&](db::Connection& conn, const Options& o) {
        std::optional<int> only;
        if (auto h = o.get("hospnum")) only = parse_int("hospnum", *h);
        out << "database: " << conn.describe() << '\n';
        out << "schema version: " << db::database_schema_version(conn)
            << " (this program: " << db::program_schema_version() << ")\n";
        db::require_schema_version(conn, "onshi-admin");
        std::vector<db::FacilitySettings> facilities;
        if (only) {
          auto f = db::find_facility(conn, *only);
          if (!f) throw db::UnknownFacilityError(*only, "onshi-link was never enabled for it");
          facilities.push_back(*f);
        } else {
          facilities = db::load_all_facilities(conn);
          if (facilities.empty()) out << "no facility enabled yet (onshi-admin enable ...)\n";
        }
        for (const db::FacilitySettings& f : facilities) {
          const std::vector<db::Param> p{f.hospnum};
          out << "facility " << f.hospnum << ": " << (f.enabled ? "enabled" : "DISABLED") << '\n'
              << "  institution code: " << f.institution_code << '\n'
              << "  folders: req " << f.req_path() << ", res " << f.res_path() << ", face "
              << f.face_path() << '\n';
          if (f.emr_dir) out << "  EMR folder: " << *f.emr_dir << '\n';
          out << "  request encoding " << f.request_encoding << ", batch time " << f.batch_time
              << ", retention " << f.retention_months << " months, after import "
              << f.after_import << (f.move_dir ? " to " + *f.move_dir : std::string())
              << ", medical info " << f.medical_info_format << '\n';
          db::Result pw = conn.exec(
              "SELECT count(*) FROM tbl_syskanri WHERE hospnum = $1 AND kanricd = '1051' "
              "AND kbncd = 'ONSHILNK' AND onshi_password_hash IS NOT NULL",
              p);
          out << "  plugin password: " << (pw.integer(0, 0) > 0 ? "set" : "not set") << '\n';
          db::Result jobs = conn.exec(
              "SELECT s, (SELECT count(*) FROM onshi_job j WHERE j.hospnum = $1 AND j.state = s) "
              "FROM unnest(ARRAY['pending','sent','answered','failed','expired','cancelled']) s",
              p);
          out << "  queue:";
          for (int i = 0; i < jobs.rows(); ++i)
            out << (i ? ", " : " ") << jobs.text(i, 0) << ' ' << jobs.text(i, 1);
          out << '\n';
          db::Result files = conn.exec(
              "SELECT to_char(received_at, 'YYYY-MM-DD HH24:MI:SS'), folder, state, file_name "
              "FROM onshi_received_file WHERE hospnum = $1 ORDER BY received_at DESC, file_id DESC "
              "LIMIT 5",
              p);
          out << "  last files:" << (files.rows() ? "\n" : " none\n");
          for (int i = 0; i < files.rows(); ++i)
            out << "    " << files.text(i, 0) << "  " << files.text(i, 1) << "  "
                << files.text(i, 2) << "  " << files.text(i, 3) << '\n';
          db::Result errors = conn.exec(
              "SELECT t, what, error FROM ("
              "  SELECT received_at AS t, 'file ' || file_name AS what, "
              "         coalesce(refusal || ': ', '') || coalesce(error, '') AS error "
              "  FROM onshi_received_file WHERE hospnum = $1 AND state IN ('refused', 'retry') "
              "  UNION ALL "
              "  SELECT updated_at, 'job ' || job_id || ' ' || kind, last_error "
              "  FROM onshi_job WHERE hospnum = $1 AND last_error IS NOT NULL) e "
              "ORDER BY t DESC LIMIT 5",
              p);
          out << "  last errors:" << (errors.rows() ? "\n" : " none\n");
          for (int i = 0; i < errors.rows(); ++i)
            out << "    " << errors.text(i, 1) << ": " << errors.text(i, 2) << '\n';
        }
        return 0;
      });
}

int run_purge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string usage = "usage: onshi-admin purge [--hospnum N] [--dry-run] [-d CONNINFO]\n" + kDb;
  return command(
      "purge", args, {"--dbname", "--hospnum"}, {"--dry-run", "--help"}, usage, out, err,
      [&](db::Connection& conn, const Options& o) {
        std::optional<int> only;
        if (auto h = o.get("hospnum")) only = parse_int("hospnum", *h);
        db::require_schema_version(conn, "onshi-admin");
        const bool dry = o.flag("dry-run");
        int status = 0;
        for (const db::PurgeReport& r : db::purge(conn, only, dry)) {
          out << "facility " << r.hospnum << ": " << (dry ? "would remove" : "removed")
              << " (older than " << r.retention_months << " months, before " << r.cutoff
              << "): " << r.confirmations << " confirmations, " << r.consents << " consents, "
              << r.certificate_details << " certificate details, " << r.files << " files, "
              << r.jobs << " jobs, " << r.archive_paths.size() << " archived files on disk\n";
          if (dry) continue;
          for (const std::string& failure : db::remove_archived_files(r.archive_paths)) {
            err << "onshi-admin purge: could not remove " << failure << '\n';
            status = kExitSoftware;
          }
        }
        return status;
      });
}

int run_password(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                 std::ostream& err) {
  const std::string usage =
      "usage: onshi-admin password --hospnum N [-d CONNINFO] < file-with-password\n" + kDb +
      "Reads the plugin password (first line of standard input) and stores its bcrypt hash.\n";
  return command("password", args, {"--dbname", "--hospnum"}, {"--help"}, usage, out, err,
                 [&](db::Connection& conn, const Options& o) {
                   auto h = o.get("hospnum");
                   if (!h) throw UsageError("--hospnum is required");
                   const int hospnum = parse_int("hospnum", *h);
                   db::require_schema_version(conn, "onshi-admin");
                   std::string password;
                   std::getline(in, password);
                   if (!password.empty() && password.back() == '\r') password.pop_back();
                   db::set_plugin_password(conn, hospnum, password);
                   out << "facility " << hospnum << ": plugin password set (stored hashed)\n";
                   return 0;
                 });
}

}  // namespace onshi::admin
