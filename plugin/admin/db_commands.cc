// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/db_commands.h"

#include <cstdlib>
#include <functional>
#include <istream>
#include <optional>
#include <ostream>

#include "admin/command_support.h"
#include "admin/inspect.h"
#include "common/clock.h"
#include "common/i18n.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/facility.h"
#include "db/migrations.h"
#include "host/planner_statistics.h"
#include "host/staff.h"
#include "store/auto_check.h"
#include "store/insurance_apply.h"
#include "store/jobs.h"
#include "store/prefill.h"
#include "store/public_assistance.h"
#include "store/purge.h"
#include "store/received_files.h"
#include "store/status.h"
#include "store/terminal_health.h"

namespace onshi::admin {
namespace {

/// Runs `body` with a connection; turns every error into a message and an exit status (the
/// shared mapping of command_support.h, plus bad facility settings: a configuration error).
int with_db(const std::string& command, const Options& o, std::ostream& err,
            const std::string& usage, const std::function<int(db::Connection&)>& body) {
  const std::string prefix = "onshi-admin " + command + ": ";
  return guarded(prefix, err, usage.c_str(), [&] {
    try {
      db::Connection conn(o.get("dbname").value_or(""), "onshi-admin");
      return body(conn);
    } catch (const db::FacilitySettingsError& e) {
      err << prefix << e.what() << '\n';
      return kExitConfig;
    }
  });
}

/// Parses, then runs with a connection; usage errors before connecting.
int command(const std::string& name, const std::vector<std::string>& args,
            const std::vector<std::string>& with_value, const std::vector<std::string>& flags,
            const std::string& usage, std::ostream& out, std::ostream& err,
            const std::function<int(db::Connection&, const Options&)>& body) {
  Options o;
  try {
    o = parse_options(args, 0, {with_value.begin(), with_value.end()},
                      {flags.begin(), flags.end()});
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

const char* const kDb = N_("  -d, --dbname CONNINFO   database (default: the PG* environment)\n");

/// A command's usage: its own lines, the --dbname line, then `tail` (all translated).
std::string usage_text(const char* head, const char* tail = nullptr) {
  std::string u = std::string(tr(head)) + tr(kDb);
  if (tail) u += tr(tail);
  return u;
}

}  // namespace

int run_migrate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string usage =
      usage_text(N_("usage: onshi-admin migrate [--dry-run] [--to VERSION] [-d CONNINFO]\n"));
  return command(
      "migrate", args, {"--dbname", "--to"}, {"--dry-run", "--help"}, usage, out, err,
      [&](db::Connection& conn, const Options& o) {
        int target = -1;
        if (auto t = o.get("to")) target = to_int("to", *t);
        db::MigrationReport r = db::migrate(conn, o.flag("dry-run"), target);
        // Run by the tables' owner: a freshly loaded host gets its planner statistics here
        // (host/planner_statistics.h); the engine, perhaps another role, would only warn.
        if (!r.dry_run) {
          const host::StatisticsPass s = host::analyse_unplanned_tables(conn);
          for (const std::string& t : s.analysed)
            out << tr("{1}: planner statistics gathered (never analysed)", t) << '\n';
        }
        if (r.steps.empty()) {
          out << tr("schema version {1}: up to date (this program: {2})", r.from_version,
                    db::program_schema_version())
              << '\n';
          return 0;
        }
        for (const db::Migration& m : r.steps)
          out << (r.dry_run ? tr("pending {1}", m.name) : tr("applied {1}", m.name)) << '\n';
        out << (r.dry_run ? tr("schema version {1} -> {2} (dry run: nothing changed)",
                               r.from_version, r.to_version)
                          : tr("schema version {1} -> {2}", r.from_version, r.to_version))
            << '\n';
        return 0;
      });
}

namespace {

/// The enable options of the automatic checks (README "Automatic checks").
const char* const kAutoUsage =
    N_("automatic checks of received patients (all default no):\n"
       "  --auto-face yes|no      use a card check-in of the last --auto-face-minutes N\n"
       "                          (1-240, default 10)\n"
       "  --auto-bulk yes|no      else reuse the evening pre-check's definite valid result\n"
       "  --auto-request yes|no   else queue an insurance-number request\n");

/// The enable option of the automatic certificates (exchange/insurance_apply.h).
const char* const kCertificatesUsage =
    N_("  --auto-certificates yes|no  apply the certificates of a valid result linked for sure\n"
       "                          (limit, specific disease, elderly) when it is stored, audited\n"
       "                          as the engine's apply and undoable the same day (default no)\n");

}  // namespace

int run_enable(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string base = usage_text(
      N_("usage: onshi-admin enable --hospnum N --share DIR [--institution-code CODE] [options]\n"
         "  --institution-code CODE 10-digit medical institution code (default: the host's)\n"
         "  --predecessor-code CODE succession: the predecessor's 10-digit code, whose results\n"
         "                          are accepted for this facility (\"\" removes it)\n"
         "  --share DIR             the terminal's shared folder (req/, res/, face/ inside)\n"
         "  --req-dir/--res-dir/--face-dir DIR   override one subfolder\n"
         "  --emr-dir DIR           where drug/checkup files are moved\n"
         "  --encoding UTF-8|Shift_JIS   request encoding (default UTF-8)\n"
         "  --batch-time HH:MM      next-day bulk pre-check (default 18:00)\n"
         "  --retention-months N    6-12 (default 12)\n"
         "  --after-import delete|move  --move-dir DIR   what happens to the terminal's file\n"
         "  --face-files take|leave face/ check-ins: taken off the share (default), or left for\n"
         "                          another program reading face/ too (imported once)\n"
         "  --medical-info xml|pdf  --poll-ms N  --answer-timeout S  --max-attempts N\n"
         "  --home-visit yes|no     the facility does home visits (consented-information bulk,\n"
         "                          consent withdrawal, requests as home visit; default no)\n"
         "  --online-care yes|no    the facility does online care (default no)\n"
         "  --apply-mode direct|prefill  an apply other than nochange writes the host rows\n"
         "                          (default direct) or pre-fills the registration screen\n"),
      N_("Options not given keep their current value (or the default).\n"));
  const std::string usage = base + tr(kAutoUsage) + tr(kCertificatesUsage);
  return command("enable", args,
                 {"--dbname",       "--auto-certificates", "--hospnum",        "--institution-code",
                  "--share",        "--req-dir",           "--res-dir",        "--face-dir",
                  "--emr-dir",      "--encoding",          "--batch-time",     "--retention-months",
                  "--after-import", "--move-dir",          "--face-files",     "--medical-info",
                  "--poll-ms",      "--predecessor-code",  "--answer-timeout", "--max-attempts",
                  "--home-visit",   "--online-care",       "--auto-face",      "--auto-bulk",
                  "--auto-request", "--auto-face-minutes", "--apply-mode"},
                 {"--help"}, usage, out, err, [&](db::Connection& conn, const Options& o) {
                   auto h = o.get("hospnum");
                   if (!h) throw UsageError(tr("{1} is required", "--hospnum"));
                   const int hospnum = to_int("hospnum", *h);
                   db::require_schema_version(conn, "onshi-admin");
                   db::FacilitySettings s;
                   if (auto existing = db::find_facility(conn, hospnum)) {
                     s = *existing;
                   } else {
                     s.hospnum = hospnum;
                     if (!o.get("share"))
                       throw UsageError(tr("--share is required for a new facility"));
                   }
                   auto set = [&](const char* name, std::string& field) {
                     if (auto v = o.get(name)) field = *v;
                   };
                   auto set_opt = [&](const char* name, std::optional<std::string>& field) {
                     if (auto v = o.get(name))
                       field = v->empty() ? std::nullopt : std::optional(*v);
                   };
                   auto set_int = [&](const char* name, int& field) {
                     if (auto v = o.get(name)) field = to_int(name, *v);
                   };
                   set("share", s.share_dir);
                   while (s.share_dir.size() > 1 && s.share_dir.back() == '/')
                     s.share_dir.pop_back();
                   set_opt("req-dir", s.req_dir);
                   set_opt("res-dir", s.res_dir);
                   set_opt("face-dir", s.face_dir);
                   set_opt("emr-dir", s.emr_dir);
                   set_opt("move-dir", s.move_dir);
                   set_opt("predecessor-code", s.predecessor_code);
                   set("encoding", s.request_encoding);
                   set("batch-time", s.batch_time);
                   set_int("retention-months", s.retention_months);
                   set("after-import", s.after_import);
                   set("face-files", s.face_files);
                   set("medical-info", s.medical_info_format);
                   set_int("poll-ms", s.poll_interval_ms);
                   set_int("answer-timeout", s.answer_timeout_s);
                   set_int("max-attempts", s.max_attempts);
                   auto set_yes_no = [&](const char* name, bool& field) {
                     if (auto v = o.get(name)) {
                       if (*v != "yes" && *v != "no")
                         throw UsageError(tr("--{1} must be yes or no, not \"{2}\"", name, *v));
                       field = *v == "yes";
                     }
                   };
                   set_yes_no("home-visit", s.home_visit);
                   set_yes_no("online-care", s.online_care);
                   if (auto code = o.get("institution-code")) {
                     s.institution_code = *code;
                   } else if (s.institution_code.empty()) {
                     auto host = db::host_institution_code(conn, hospnum);
                     if (!host)
                       throw db::UnknownFacilityError(
                           hospnum, tr("the receipt program has no facility information "
                                       "for it (system management record, kanricd 1001)"));
                     s.institution_code = *host;
                   }
                   // The automatic checks' switches (store/auto_check.h), checked first.
                   const bool auto_given = o.has("auto-face") || o.has("auto-bulk") ||
                                           o.has("auto-request") || o.has("auto-face-minutes");
                   store::AutoCheckSettings a = store::auto_check_settings(conn, hospnum);
                   set_yes_no("auto-face", a.face);
                   set_yes_no("auto-bulk", a.bulk);
                   set_yes_no("auto-request", a.request);
                   set_int("auto-face-minutes", a.face_minutes);
                   if (a.face_minutes < 1 || a.face_minutes > 240)
                     throw UsageError(tr("--auto-face-minutes must be 1 to 240"));
                   const std::optional<std::string> apply_mode = o.get("apply-mode");
                   if (apply_mode && *apply_mode != "direct" && *apply_mode != "prefill")
                     throw UsageError(tr("--{1} must be direct or prefill, not \"{2}\"",
                                         "apply-mode", *apply_mode));
                   // Automatic certificates write without staff; a prefill facility has staff
                   // save every apply on the registration screen: not both (doc/decisions.md).
                   bool certificates = store::auto_certificates(conn, hospnum);
                   if (o.has("auto-certificates")) set_yes_no("auto-certificates", certificates);
                   if (certificates &&
                       apply_mode.value_or(store::apply_mode_setting(conn, hospnum)) == "prefill")
                     throw UsageError(
                         tr("--auto-certificates yes and --apply-mode prefill cannot be used "
                            "together: automatic certificates write without staff, prefill "
                            "leaves every apply to the registration screen"));
                   db::enable_facility(conn, s, operator_name());
                   if (auto_given) store::set_auto_check_settings(conn, hospnum, a);
                   if (o.has("auto-certificates"))
                     store::set_auto_certificates(conn, hospnum, certificates);
                   if (apply_mode) store::set_apply_mode(conn, hospnum, *apply_mode);
                   out << tr("facility {1}: enabled (institution {2}, share {3})", hospnum,
                             s.institution_code, s.share_dir)
                       << '\n';
                   return 0;
                 });
}

int run_disable(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string usage =
      usage_text(N_("usage: onshi-admin disable --hospnum N [-d CONNINFO]\n"));
  return command("disable", args, {"--dbname", "--hospnum"}, {"--help"}, usage, out, err,
                 [&](db::Connection& conn, const Options& o) {
                   auto h = o.get("hospnum");
                   if (!h) throw UsageError(tr("{1} is required", "--hospnum"));
                   const int hospnum = to_int("hospnum", *h);
                   db::require_schema_version(conn, "onshi-admin");
                   db::disable_facility(conn, hospnum, operator_name());
                   out << tr("facility {1}: disabled (settings kept)", hospnum) << '\n';
                   return 0;
                 });
}

namespace {

/// The terminal block of `onshi-admin status` (README "Terminal health").
void print_terminal_health(std::ostream& out, const store::TerminalHealth& h) {
  out << "  "
      << (h.last_answer.empty()
              ? tr("terminal: no answer received yet")
              : tr("terminal: last answer {1} ({2} s ago)", h.last_answer, *h.last_answer_age_s))
      << '\n';
  out << "    "
      << tr("last hour: {1} request file(s) written, {2} answered, {3} refused (.err); now "
            "waiting: {4}",
            h.requests_hour, h.answers_hour, h.refused_hour, h.waiting)
      << '\n';
  if (h.latency_p50_ms)
    out << "    "
        << tr("answer time (last hour): median {1} ms, 95th percentile {2} ms", *h.latency_p50_ms,
              *h.latency_p95_ms)
        << '\n';
  if (h.silence.silent)
    out << "    "
        << tr("NOT ANSWERING since {1} ({2} s); {3} request(s) wait for an answer", h.silence.since,
              h.silence.age_s, h.silence.unanswered)
        << '\n';
  out << "    "
      << (!h.share_ok ? tr("share: not written by the engine yet")
          : *h.share_ok
              ? tr("share: req/ writable (since {1})", h.share_changed)
              : tr("share: req/ NOT WRITABLE since {1}: {2}", h.share_changed, h.share_error))
      << '\n';
}

/// The automatic-checks block of `onshi-admin status` (README "Automatic checks").
void print_auto_checks(std::ostream& out, db::Connection& conn, int hospnum) {
  const store::AutoCheckSettings a = store::auto_check_settings(conn, hospnum);
  out << "  "
      << tr("automatic checks: card check-in {1} (last {2} min), evening pre-check {3}, "
            "insurance-number request {4}",
            a.face ? tr("used") : tr("not used"), a.face_minutes,
            a.bulk ? tr("used") : tr("not used"), a.request ? tr("used") : tr("not used"))
      << '\n';
  out << "  "
      << tr("automatic certificates: {1}",
            store::auto_certificates(conn, hospnum) ? tr("used") : tr("not used"))
      << '\n';
  if (!a.any()) return;
  const store::AutoCheckDay d = store::auto_check_day(conn, hospnum, local_date8());
  std::string counts;
  for (const auto& [source, n] : d.by_source)
    counts += (counts.empty() ? "" : ", ") + source + " " + std::to_string(n);
  out << "    " << tr("today: {1}; receptions waiting: {2}", counts, d.waiting) << '\n';
}

}  // namespace

int run_status(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string usage =
      usage_text(N_("usage: onshi-admin status [--hospnum N] [-d CONNINFO]\n"));
  return command(
      "status", args, {"--dbname", "--hospnum"}, {"--help"}, usage, out, err,
      [&](db::Connection& conn, const Options& o) {
        std::optional<int> only;
        if (auto h = o.get("hospnum")) only = to_int("hospnum", *h);
        out << tr("database: {1}", conn.describe()) << '\n';
        out << tr("schema version: {1} (this program: {2})", db::database_schema_version(conn),
                  db::program_schema_version())
            << '\n';
        db::require_schema_version(conn, "onshi-admin");
        out << (store::reception_trigger_installed(conn)
                    ? tr("automatic checks: trigger on tbl_uketuke installed")
                    : tr("automatic checks: trigger on tbl_uketuke MISSING (onshi-admin autocheck "
                         "trigger install)"))
            << '\n';
        std::vector<db::FacilitySettings> facilities;
        if (only) {
          auto f = db::find_facility(conn, *only);
          if (!f) throw db::UnknownFacilityError(*only, tr("onshi-link was never enabled for it"));
          facilities.push_back(*f);
        } else {
          facilities = db::load_all_facilities(conn);
          if (facilities.empty())
            out << tr("no facility enabled yet (onshi-admin enable ...)") << '\n';
        }
        for (const db::FacilitySettings& f : facilities) {
          out << (f.enabled ? tr("facility {1}: enabled", f.hospnum)
                            : tr("facility {1}: DISABLED", f.hospnum))
              << '\n'
              << "  " << tr("institution code: {1}", f.institution_code) << '\n'
              << (f.predecessor_code ? "  " +
                                           tr("predecessor institution code (succession): {1}",
                                              *f.predecessor_code) +
                                           "\n"
                                     : std::string())
              << "  "
              << tr("folders: req {1}, res {2}, face {3}", f.req_path(), f.res_path(),
                    f.face_path())
              << '\n';
          if (f.emr_dir) out << "  " << tr("EMR folder: {1}", *f.emr_dir) << '\n';
          out << "  "
              << (f.move_dir
                      ? tr("request encoding {1}, batch time {2}, retention {3} months, after "
                           "import {4} to {5}, medical info {6}",
                           f.request_encoding, f.batch_time, f.retention_months, f.after_import,
                           *f.move_dir, f.medical_info_format)
                      : tr("request encoding {1}, batch time {2}, retention {3} months, after "
                           "import {4}, medical info {5}",
                           f.request_encoding, f.batch_time, f.retention_months, f.after_import,
                           f.medical_info_format))
              << '\n';
          out << "  "
              << (f.face_files == "leave"
                      ? tr("face/ check-ins: left on the share for another program (imported once)")
                      : tr("face/ check-ins: taken off the share"))
              << '\n';
          out << "  "
              << tr("home-visit care: {1}, online care: {2}",
                    f.home_visit ? tr("used") : tr("not used"),
                    f.online_care ? tr("used") : tr("not used"))
              << '\n';
          print_auto_checks(out, conn, f.hospnum);
          out << "  "
              << tr("public assistance: issue numbers copied into the host (tbl_monthlynum): {1}",
                    store::copy_issue_number_setting(conn, f.hospnum) ? tr("used") : tr("not used"))
              << '\n';
          out << "  "
              << (store::apply_mode_setting(conn, f.hospnum) == "prefill"
                      ? tr("apply: the registration screen is pre-filled and saves the rows")
                      : tr("apply: the rows are written directly"))
              << '\n';
          out << "  "
              << (host::plugin_password_set(conn, f.hospnum) ? tr("plugin password: set")
                                                             : tr("plugin password: not set"))
              << '\n';
          const auto jobs = store::job_state_counts(conn, f.hospnum);
          out << "  " << tr("queue:");
          for (std::size_t i = 0; i < jobs.size(); ++i)
            out << (i ? ", " : " ") << jobs[i].first << ' ' << jobs[i].second;
          out << '\n';
          print_terminal_health(out, store::terminal_health(conn, f.hospnum, f.answer_timeout_s));
          const std::vector<store::RecentFile> files = store::recent_files(conn, f.hospnum);
          out << "  " << (files.size() ? tr("last files:") : tr("last files: none")) << '\n';
          for (const store::RecentFile& x : files)
            out << "    " << x.received_at << "  " << x.folder << "  " << x.state << "  "
                << x.file_name << '\n';
          const std::vector<store::RecentError> errors = store::recent_errors(conn, f.hospnum);
          out << "  " << (errors.size() ? tr("last errors:") : tr("last errors: none")) << '\n';
          for (const store::RecentError& e : errors)
            out << "    "
                << (!e.job_id ? tr("file {1}: {2}", e.what, e.error)
                              : tr("job {1} {2}: {3}", std::to_string(*e.job_id), e.what, e.error))
                << '\n';
        }
        return 0;
      });
}

int run_purge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string usage =
      usage_text(N_("usage: onshi-admin purge [--hospnum N] [--dry-run] [-d CONNINFO]\n"));
  return command(
      "purge", args, {"--dbname", "--hospnum"}, {"--dry-run", "--help"}, usage, out, err,
      [&](db::Connection& conn, const Options& o) {
        std::optional<int> only;
        if (auto h = o.get("hospnum")) only = to_int("hospnum", *h);
        db::require_schema_version(conn, "onshi-admin");
        const bool dry = o.flag("dry-run");
        int status = 0;
        for (store::PurgeReport& r : store::purge(conn, only, dry)) {
          const char* what =
              dry ? N_("facility {1}: would remove (older than {2} months, before {3}): "
                       "{4} confirmations, {5} consents, {6} certificate details, {7} files, "
                       "{8} jobs, {9} archived or quarantined files and {10} EMR copies on disk")
                  : N_("facility {1}: removed (older than {2} months, before {3}): "
                       "{4} confirmations, {5} consents, {6} certificate details, {7} files, "
                       "{8} jobs, {9} archived or quarantined files and {10} EMR copies on disk");
          out << tr(what, r.hospnum, r.retention_months, r.cutoff, r.confirmations, r.consents,
                    r.certificate_details, r.files, r.jobs, r.archive_paths.size(),
                    r.emr_paths.size())
              << '\n';
          if (dry) continue;
          store::remove_report_files(r);
          for (const std::string& failure : r.disk_failures) {
            err << "onshi-admin purge: " << tr("could not remove {1}", failure) << '\n';
            status = kExitSoftware;
          }
        }
        return status;
      });
}

int run_password(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                 std::ostream& err) {
  const std::string usage = usage_text(
      N_("usage: onshi-admin password --hospnum N [-d CONNINFO] < file-with-password\n"),
      N_("Reads the plugin password (first line of standard input) and stores its bcrypt "
         "hash.\n"));
  return command("password", args, {"--dbname", "--hospnum"}, {"--help"}, usage, out, err,
                 [&](db::Connection& conn, const Options& o) {
                   auto h = o.get("hospnum");
                   if (!h) throw UsageError(tr("{1} is required", "--hospnum"));
                   const int hospnum = to_int("hospnum", *h);
                   db::require_schema_version(conn, "onshi-admin");
                   std::string password;
                   std::getline(in, password);
                   if (!password.empty() && password.back() == '\r') password.pop_back();
                   db::set_plugin_password(conn, hospnum, password);
                   out << tr("facility {1}: plugin password set (stored hashed)", hospnum) << '\n';
                   return 0;
                 });
}

}  // namespace onshi::admin
