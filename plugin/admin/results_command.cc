// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/results_command.h"

#include <cstring>
#include <optional>
#include <ostream>

#include "admin/command_support.h"
#include "admin/db_commands.h"
#include "common/i18n.h"
#include "db/connection.h"
#include "db/facility.h"
#include "db/migrations.h"
#include "hooks/fixed.h"
#include "hooks/screens.h"
#include "host/patients.h"

namespace onshi::admin {
namespace {

const char* const kResultsUsage =
    N_("usage: onshi-admin results --hospnum N [--day YYYYMMDD] [--staff-only] [-d CONNINFO]\n"
       "Every result of the day (default today), newest first: time, source (face = card,\n"
       "single = insurance number, bulk), status, patient, consents (drug, checkup, diagnosis,\n"
       "surgery: flag and available-until), certificates, copay, card end, reference number.\n"
       "--staff-only lists only the results waiting for staff. The nearest earlier and later\n"
       "days with results follow.\n");

const char* const kHistoryUsage =
    N_("usage: onshi-admin history --hospnum N (--patient PTNUM | --ptid N) [--recheck --user "
       "USERID]\n"
       "                           [-d CONNINFO]\n"
       "The patient's confirmations, newest first: date, source, validity, status, card, and\n"
       "what differed from the registration when each arrived. --recheck first queues a new\n"
       "insurance-number check of the patient (forced re-check) by staff member USERID.\n");

/// The fixed field's text, or "-" when blank.
template <std::size_t N>
std::string f(const char (&field)[N]) {
  std::string s = hooks::get_text(field, N);
  return s.empty() ? "-" : s;
}

/// Prints the screen's refusal in the tool's language and returns kExitRefused.
int refused(const hooks::Context& ctx, const hooks::HookError& e, const std::string& prefix,
            std::ostream& err) {
  err << prefix << ctx.text(e.id(), e.args()) << " (" << e.id() << ")\n";
  return kExitRefused;
}

/// A screen context for the tool: the language of the tool's messages.
hooks::Context context(db::Connection& conn, int hospnum, const std::string& userid) {
  const char* lang = std::getenv("LANGUAGE");
  const char* all = std::getenv("LC_ALL");
  const char* msgs = std::getenv("LC_MESSAGES");
  const char* l = lang && *lang ? lang : all && *all ? all : msgs && *msgs ? msgs : "";
  return hooks::Context(conn, hospnum, userid, std::strncmp(l, "ja", 2) == 0 ? "ja" : "en");
}

}  // namespace

int run_results(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin results: ";
  return guarded(prefix, err, tr(kResultsUsage), [&]() -> int {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      out << tr(kResultsUsage);
      return 0;
    }
    const Options o = parse_options(args, 0, {"--dbname", "--hospnum", "--day"}, {"--staff-only"});
    if (!o.has("hospnum")) throw UsageError(tr("{1} is required", "--hospnum"));
    const int hospnum = to_int("hospnum", *o.get("hospnum"));
    db::Connection conn(o.value_or("dbname", ""), "onshi-admin");
    db::require_schema_version(conn, "onshi-admin");
    db::load_enabled_facility(conn, hospnum);
    hooks::Context ctx = context(conn, hospnum, operator_name());
    onshi_link_day_list_rec rec;
    std::memset(&rec, ' ', sizeof rec);
    hooks::put_text(rec.day, sizeof rec.day, o.value_or("day", ""));
    hooks::put_text(rec.filter, sizeof rec.filter, o.flag("staff-only") ? "S" : "A");
    long long shown = 0, total = 0;
    for (long long start = 0;; start += ONSHI_LINK_MAX_DAY_LIST_ROW) {
      hooks::put_number(rec.start, sizeof rec.start, start);
      try {
        hooks::day_list(ctx, rec);
      } catch (const hooks::HookError& e) {
        return refused(ctx, e, prefix, err);
      }
      total = hooks::get_number(rec.total, sizeof rec.total, "total").value_or(0);
      const long long n = hooks::get_number(rec.row_count, sizeof rec.row_count, "n").value_or(0);
      for (long long i = 0; i < n; ++i) {
        const auto& r = rec.row[i];
        out << f(r.time) << ' ' << f(r.confirmation_id) << ' ' << f(r.source) << ' ' << f(r.status)
            << (hooks::get_text(r.needs_staff, 1) == "1" ? " *" : "") << " patient " << f(r.ptnum)
            << " " << f(r.name) << " validity " << f(r.validity) << " drug " << f(r.drug) << '/'
            << f(r.drug_until) << " checkup " << f(r.checkup) << '/' << f(r.checkup_until)
            << " diagnosis " << f(r.diagnosis) << '/' << f(r.diagnosis_until) << " surgery "
            << f(r.operation) << '/' << f(r.operation_until) << " limit " << f(r.limit) << '/'
            << f(r.limit_class) << " disease " << f(r.disease) << " copay " << f(r.ratio)
            << " card-end " << f(r.card_end) << " refnum " << f(r.reference_number) << '\n';
      }
      shown += n;
      if (n == 0 || shown >= total) break;
    }
    if (total == 0) out << tr("no results") << '\n';
    out << tr("previous day with results: {1}; next: {2}", f(rec.prev_day), f(rec.next_day))
        << '\n';
    return 0;
  });
}

int run_history(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin history: ";
  return guarded(prefix, err, tr(kHistoryUsage), [&]() -> int {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      out << tr(kHistoryUsage);
      return 0;
    }
    const Options o = parse_options(
        args, 0, {"--dbname", "--hospnum", "--patient", "--ptid", "--user"}, {"--recheck"});
    if (!o.has("hospnum")) throw UsageError(tr("{1} is required", "--hospnum"));
    if (o.has("patient") == o.has("ptid"))
      throw UsageError(tr("{1} is required", "--patient or --ptid (one of them)"));
    if (o.flag("recheck") && o.value_or("user", "").empty())
      throw UsageError(tr("{1} is required", "--user"));
    const int hospnum = to_int("hospnum", *o.get("hospnum"));
    db::Connection conn(o.value_or("dbname", ""), "onshi-admin");
    db::require_schema_version(conn, "onshi-admin");
    db::load_enabled_facility(conn, hospnum);
    long long ptid = 0;
    if (o.has("patient")) {
      const std::vector<long long> r =
          host::patients_by_number(conn, hospnum, o.value_or("patient", ""));
      if (r.empty()) {
        err << prefix
            << tr("facility {1} has no patient number \"{2}\"", hospnum, o.value_or("patient", ""))
            << '\n';
        return kExitRefused;
      }
      ptid = r.front();
    } else {
      ptid = to_int("ptid", *o.get("ptid"), 1);
    }
    hooks::Context ctx = context(conn, hospnum, o.value_or("user", operator_name()));
    onshi_link_pt_history_rec rec;
    std::memset(&rec, ' ', sizeof rec);
    hooks::put_number(rec.ptid, sizeof rec.ptid, ptid);
    hooks::put_text(rec.recheck, sizeof rec.recheck, o.flag("recheck") ? "1" : "0");
    long long shown = 0, total = 0;
    for (long long start = 0;; start += ONSHI_LINK_MAX_PT_HISTORY_ROW) {
      hooks::put_number(rec.start, sizeof rec.start, start);
      try {
        hooks::patient_history(ctx, rec);
      } catch (const hooks::HookError& e) {
        return refused(ctx, e, prefix, err);
      }
      if (start == 0) {
        out << tr("patient {1} ({2})", f(rec.ptnum), f(rec.name)) << '\n';
        if (o.flag("recheck")) out << tr("re-check queued (job {1})", f(rec.request_id)) << '\n';
        hooks::put_text(rec.recheck, sizeof rec.recheck, "0");  // once
      }
      total = hooks::get_number(rec.total, sizeof rec.total, "total").value_or(0);
      const long long n = hooks::get_number(rec.row_count, sizeof rec.row_count, "n").value_or(0);
      for (long long i = 0; i < n; ++i) {
        const auto& r = rec.row[i];
        out << f(r.received) << ' ' << f(r.confirmation_id) << ' ' << f(r.date) << ' '
            << f(r.source) << " validity " << f(r.validity) << ' ' << f(r.status) << " card "
            << f(r.insurer) << ' ' << f(r.symbol) << ' ' << f(r.number) << ' ' << f(r.branch)
            << " copay " << f(r.ratio) << " differed " << f(r.differed) << ' ' << f(r.differences)
            << " host-updates " << f(r.host_updates) << '\n';
      }
      shown += n;
      if (n == 0 || shown >= total) break;
    }
    if (total == 0) out << tr("no confirmations") << '\n';
    return 0;
  });
}

}  // namespace onshi::admin
