// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/bulk_command.h"

#include <optional>
#include <ostream>

#include "admin/command_support.h"
#include "admin/db_commands.h"
#include "admin/inspect.h"
#include "common/clock.h"
#include "common/i18n.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/facility.h"
#include "db/migrations.h"
#include "exchange/bulk_check.h"
#include "exchange/requests.h"
#include "model/kind.h"

namespace onshi::admin {
namespace {

const char* const kUsage =
    N_("usage: onshi-admin bulk run --hospnum N [--date YYYYMMDD] [-d CONNINFO]\n"
       "       onshi-admin bulk status [--hospnum N] [--date YYYYMMDD] [--limit N] [-d CONNINFO]\n"
       "       onshi-admin bulk consented --hospnum N --care homevisit|online\n"
       "                       [--by consent|examination] --from YYYYMMDD --to YYYYMMDD\n"
       "The next-day bulk pre-check (OQSmuquc01req/02req). `run` queues it now for the\n"
       "reservations of one day (one entry per patient; test patients and patients without\n"
       "insurance are skipped), split into requests of at most bulk_chunk_max persons; the engine\n"
       "sends them, keeps the reception numbers and fetches the results. `status` shows each\n"
       "batch: requested / done / valid / invalid / error / still processing.\n"
       "`consented` asks for the patients who consented, during home-visit care (OQSmuhvq) or\n"
       "online care (OQSmuonq), to their information being viewed, with their current\n"
       "qualification: one request by consent dates (online care: or examination dates); the\n"
       "results are stored and linked like the pre-check's (status shows the batch).\n"
       "  --hospnum N       the facility\n"
       "  --date YYYYMMDD   reservation day (run: default the next day with reservations within\n"
       "                    7 days; status: default every day)\n"
       "  --limit N         status: at most N batches, newest first (default 20)\n"
       "  -d, --dbname CONNINFO   database (default: the PG* environment)\n");

void print_batch(std::ostream& out, const exchange::BulkBatchStatus& s) {
  // The state (done, error, ...) stays as stored: scripts wait for "): done".
  out << (s.chunks == 1
              ? tr("facility {1} batch {2} day {3} ({4}, {5}, {6} request): {7}", s.hospnum,
                   s.batch_id, s.day, s.trigger, s.created_at, s.chunks, s.state)
              : tr("facility {1} batch {2} day {3} ({4}, {5}, {6} requests): {7}", s.hospnum,
                   s.batch_id, s.day, s.trigger, s.created_at, s.chunks, s.state))
      << '\n'
      << "  "
      << tr("requested {1}, done {2}, valid {3}, invalid {4}, error {5}, still processing {6} "
            "(polls {7}, skipped {8})",
            s.requested, s.done, s.valid, s.invalid, s.error, s.processing, s.polls, s.skipped)
      << '\n';
  if (s.flow != "precheck")
    out << "  "
        << (s.flow == "homevisit" ? tr("consented information, home-visit care: {1}", s.criteria)
                                  : tr("consented information, online care: {1}", s.criteria))
        << '\n';
  if (!s.errors.empty()) out << "  " << tr("errors: {1}", s.errors) << '\n';
}

}  // namespace

int run_bulk(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin bulk: ";
  Options o;
  std::string sub;
  try {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      out << tr(kUsage);
      return 0;
    }
    if (!args.empty() && !args[0].empty() && args[0][0] != '-') {
      sub = args[0];
      if (sub != "run" && sub != "status" && sub != "consented")
        throw UsageError(tr("unknown subcommand \"{1}\"", sub));
    }
    o = parse_options(
        args, sub.empty() ? 0 : 1,
        {"--dbname", "--hospnum", "--date", "--limit", "--care", "--by", "--from", "--to"},
        {"--help"});
    if (o.flag("help")) {
      out << tr(kUsage);
      return 0;
    }
    if (sub.empty()) throw UsageError(tr("missing subcommand ({1})", "run or status"));
    if ((sub == "run" || sub == "consented") && !o.has("hospnum"))
      throw UsageError(tr("{1} is required", "--hospnum"));
    if (sub == "consented")
      for (const char* k : {"care", "from", "to"})
        if (o.value_or(k, "").empty())
          throw UsageError(tr("{1} is required", std::string("--") + k));
    if (auto d = o.get("date");
        d && (d->size() != 8 || d->find_first_not_of("0123456789") != std::string::npos))
      throw UsageError(tr("--date needs YYYYMMDD, not \"{1}\"", *d));
  } catch (const UsageError& e) {
    err << prefix << e.what() << '\n' << tr(kUsage);
    return kExitUsage;
  }

  // Any other onshi::Error here is a day that is not a date: a usage problem.
  return guarded(
      prefix, err, tr(kUsage),
      [&]() -> int {
        const int hospnum = o.has("hospnum") ? to_int("hospnum", *o.get("hospnum"), 0) : 0;
        const int limit = o.has("limit") ? to_int("limit", *o.get("limit"), 0) : 20;
        db::Connection conn(o.value_or("dbname", ""), "onshi-admin");
        db::require_schema_version(conn, "onshi-admin");
        if (sub == "status") {
          const auto batches = exchange::bulk_status(conn, hospnum, o.value_or("date", ""), limit);
          if (batches.empty()) out << tr("no bulk pre-checks") << '\n';
          for (const auto& s : batches) print_batch(out, s);
          return 0;
        }
        if (sub == "consented") {
          exchange::ConsentedCriteria c;
          c.flow = o.value_or("care", "");
          c.by = o.value_or("by", "consent");
          c.from = o.value_or("from", "");
          c.to = o.value_or("to", "");
          try {
            const exchange::BulkStart b = exchange::queue_consented_bulk(
                conn, hospnum, c, exchange::BulkTrigger::admin, operator_name());
            out << tr("facility {1}: batch {2} queued ({3}: {4} dates {5} to {6}, {7})", hospnum,
                      b.batch_id, c.flow, c.by, c.from, c.to,
                      model::kind_name(exchange::bulk_upload_kind(c.flow)))
                << '\n';
            return 0;
          } catch (const exchange::EnqueueError& e) {
            err << prefix << e.what() << '\n';
            using R = exchange::EnqueueError::Reason;
            if (e.reason() == R::bad_argument) return kExitUsage;
            return e.reason() == R::not_used ? kExitConfig : kExitRefused;
          }
        }
        db::load_enabled_facility(conn, hospnum);
        std::string day;
        if (o.has("date")) {
          day = *o.get("date");
        } else {
          const std::string today = local_date8();
          const std::optional<std::string> next = exchange::next_open_day(conn, hospnum, today);
          if (!next) {
            err << prefix
                << tr("facility {1} has no reservations in the {2} days after {3}", hospnum,
                      exchange::kOpenDayHorizonDays, today)
                << '\n';
            return kExitRefused;
          }
          day = *next;
        }
        const exchange::BulkStart b = exchange::queue_bulk_precheck(
            conn, hospnum, day, exchange::BulkTrigger::admin, operator_name());
        const std::string skipped =
            tr("skipped: {1} test patients, {2} without insurance, {3} with unusable data",
               b.skipped_test, b.skipped_no_insurance, b.skipped_invalid);
        if (!b.batch_id) {
          err << prefix << tr("facility {1}: nobody to check on {2} ({3})", hospnum, day, skipped)
              << '\n';
          return kExitRefused;
        }
        out << (b.chunks == 1
                    ? tr("facility {1}: batch {2} queued for {3}: {4} patients in {5} request "
                         "({6}; {7})",
                         hospnum, b.batch_id, day, b.patients, b.chunks, "OQSmuquc01req", skipped)
                    : tr("facility {1}: batch {2} queued for {3}: {4} patients in {5} requests "
                         "({6}; "
                         "{7})",
                         hospnum, b.batch_id, day, b.patients, b.chunks, "OQSmuquc01req", skipped))
            << '\n';
        return 0;
      },
      kExitUsage);
}

}  // namespace onshi::admin
