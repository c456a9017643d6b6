// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/bulk_command.h"

#include <map>
#include <optional>
#include <ostream>

#include "admin/command_support.h"
#include "admin/db_commands.h"
#include "admin/inspect.h"
#include "common/clock.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/facility.h"
#include "db/migrations.h"
#include "exchange/bulk_check.h"

namespace onshi::admin {
namespace {

const char* const kUsage =
    "usage: onshi-admin bulk run --hospnum N [--date YYYYMMDD] [-d CONNINFO]\n"
    "       onshi-admin bulk status [--hospnum N] [--date YYYYMMDD] [--limit N] [-d CONNINFO]\n"
    "The next-day bulk pre-check (OQSmuquc01req/02req). `run` queues it now for the\n"
    "reservations of one day (one entry per patient; test patients and patients without\n"
    "insurance are skipped), split into requests of at most bulk_chunk_max persons; the engine\n"
    "sends them, keeps the reception numbers and fetches the results. `status` shows each\n"
    "batch: requested / done / valid / invalid / error / still processing.\n"
    "  --hospnum N       the facility\n"
    "  --date YYYYMMDD   reservation day (run: default the next day with reservations within\n"
    "                    7 days; status: default every day)\n"
    "  --limit N         status: at most N batches, newest first (default 20)\n"
    "  -d, --dbname CONNINFO   database (default: the PG* environment)\n";

void print_batch(std::ostream& out, const exchange::BulkBatchStatus& s) {
  out << "facility " << s.hospnum << " batch " << s.batch_id << " day " << s.day << " ("
      << s.trigger << ", " << s.created_at << ", " << s.chunks
      << (s.chunks == 1 ? " request" : " requests") << "): " << s.state << "\n"
      << "  requested " << s.requested << ", done " << s.done << ", valid " << s.valid
      << ", invalid " << s.invalid << ", error " << s.error << ", still processing "
      << s.processing << " (polls " << s.polls << ", skipped " << s.skipped << ")\n";
  if (!s.errors.empty()) out << "  errors: " << s.errors << '\n';
}

}  // namespace

int run_bulk(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin bulk: ";
  std::map<std::string, std::string> o;
  std::string sub;
  try {
    for (std::size_t i = 0; i < args.size(); ++i) {
      std::string a = args[i];
      if (a == "--help" || a == "-h") {
        out << kUsage;
        return 0;
      }
      if (sub.empty() && !a.empty() && a[0] != '-') {
        if (a != "run" && a != "status") throw UsageError("unknown subcommand \"" + a + "\"");
        sub = a;
        continue;
      }
      std::optional<std::string> value;
      if (auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
        value = a.substr(eq + 1);
        a = a.substr(0, eq);
      }
      if (a == "-d") a = "--dbname";
      if (a != "--dbname" && a != "--hospnum" && a != "--date" && a != "--limit")
        throw UsageError("unknown argument \"" + args[i] + "\"");
      if (!value) {
        if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
        value = args[++i];
      }
      o[a.substr(2)] = *value;
    }
    if (sub.empty()) throw UsageError("run or status?");
    if (sub == "run" && !o.count("hospnum")) throw UsageError("--hospnum is required");
    if (o.count("date") && (o["date"].size() != 8 ||
                            o["date"].find_first_not_of("0123456789") != std::string::npos))
      throw UsageError("--date needs YYYYMMDD, not \"" + o["date"] + "\"");
  } catch (const UsageError& e) {
    err << prefix << e.what() << '\n' << kUsage;
    return kExitUsage;
  }

  // Any other onshi::Error here is a day that is not a date: a usage problem.
  return guarded(prefix, err, kUsage, [&]() -> int {
      const int hospnum = o.count("hospnum") ? to_int("hospnum", o["hospnum"], 0) : 0;
      const int limit = o.count("limit") ? to_int("limit", o["limit"], 0) : 20;
      db::Connection conn(o.count("dbname") ? o["dbname"] : "", "onshi-admin");
      db::require_schema_version(conn, "onshi-admin");
      if (sub == "status") {
        const auto batches = exchange::bulk_status(conn, hospnum, o.count("date") ? o["date"] : "",
                                                   limit);
        if (batches.empty()) out << "no bulk pre-checks\n";
        for (const auto& s : batches) print_batch(out, s);
        return 0;
      }
      db::load_enabled_facility(conn, hospnum);
      std::string day;
      if (o.count("date")) {
        day = o["date"];
      } else {
        const std::string today = local_date8();
        const std::optional<std::string> next = exchange::next_open_day(conn, hospnum, today);
        if (!next) {
          err << prefix << "facility " << hospnum << " has no reservations in the "
              << exchange::kOpenDayHorizonDays << " days after " << today << '\n';
          return kExitRefused;
        }
        day = *next;
      }
      const exchange::BulkStart b = exchange::start_bulk_precheck(
          conn, hospnum, day, exchange::BulkTrigger::admin, operator_name());
      const std::string skipped = "skipped: " + std::to_string(b.skipped_test) +
                                  " test patients, " + std::to_string(b.skipped_no_insurance) +
                                  " without insurance, " + std::to_string(b.skipped_invalid) +
                                  " with unusable data";
      if (!b.batch_id) {
        err << prefix << "facility " << hospnum << ": nobody to check on " << day << " ("
            << skipped << ")\n";
        return kExitRefused;
      }
      out << "facility " << hospnum << ": batch " << b.batch_id << " queued for " << day << ": "
          << b.patients << " patients in " << b.chunks
          << (b.chunks == 1 ? " request" : " requests") << " (OQSmuquc01req; " << skipped << ")\n";
      return 0;
  }, kExitUsage);
}

}  // namespace onshi::admin
