// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/pubassist_command.h"

#include <optional>
#include <ostream>

#include "admin/command_support.h"
#include "admin/db_commands.h"
#include "common/i18n.h"
#include "db/connection.h"
#include "db/facility.h"
#include "db/migrations.h"
#include "exchange/bulk_check.h"
#include "host/patients.h"
#include "json/json.h"
#include "store/public_assistance.h"

namespace onshi::admin {
namespace {

const char* const kUsage = N_(
    "usage: onshi-admin pubassist show --hospnum N --patient PTNUM [--limit N] [-d CONNINFO]\n"
    "       onshi-admin pubassist fetch --hospnum N --month YYYYMM [-d CONNINFO]\n"
    "       onshi-admin pubassist fetches --hospnum N [--limit N] [-d CONNINFO]\n"
    "       onshi-admin pubassist setting --hospnum N [--copy-issue-number yes|no] [-d CONNINFO]\n"
    "Public assistance (medical aid). `show` prints the patient's public-assistance results:\n"
    "the state (not entrusted: no ticket yet; inconsistent: the social insurance status\n"
    "disagrees) and each medical ticket with its issue number. `fetch` queues the bulk\n"
    "retrieval of entrusted qualification information of a treatment month (OQSmutic); the\n"
    "engine sends it and stores every ticket; `fetches` lists those runs. `setting` shows or\n"
    "sets whether a linked result's issue numbers are copied into the host (tbl_monthlynum).\n"
    "  --hospnum N       the facility\n"
    "  --patient PTNUM   the patient number staff see\n"
    "  --month YYYYMM    the treatment month\n"
    "  --limit N         at most N rows, newest first (default 5 results, 10 runs)\n"
    "  --copy-issue-number yes|no   copy issue numbers into the host (default no)\n"
    "  -d, --dbname CONNINFO   database (default: the PG* environment)\n");

/// A code with its label (OQSCD018/019/020/021): "01 医療券" style, the code alone otherwise.
std::string labelled(const std::string& code, const char* const (*labels)[2], std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (code == labels[i][0]) return code + " " + tr(labels[i][1]);
  return code;
}

void print_ticket(std::ostream& out, const store::MedicalTicket& t) {
  static const char* const kType[][2] = {{"01", N_("medical ticket")},
                                         {"02", N_("dispensing ticket")}};
  static const char* const kTreatment[][2] = {{"01", N_("inpatient")},
                                              {"02", N_("outpatient")},
                                              {"03", N_("dental")},
                                              {"04", N_("dispensing")},
                                              {"05", N_("home nursing")}};
  static const char* const kUse[][2] = {{"01", N_("single")}, {"02", N_("combined")}};
  static const char* const kSocial[][2] = {{"01", N_("yes")}, {"02", N_("no")}};
  out << "    "
      << tr("ticket {1}: {2}, issue number {3}, month {4}, {5}, valid {6}-{7}", t.seq + 1,
            labelled(t.ticket_type, kType, 2), t.issue_number.empty() ? "-" : t.issue_number,
            t.treatment_month, labelled(t.treatment_type, kTreatment, 5), t.valid_start,
            t.valid_end)
      << '\n'
      << "      "
      << tr("use {1}, social insurance {2}{3}, self pay {4}, institution {5}",
            labelled(t.single_or_combined, kUse, 2), labelled(t.social_insurance, kSocial, 2),
            t.consistency == "1" ? std::string(" ") + tr("(inconsistent)") : std::string(),
            t.self_pay.empty() ? "-" : t.self_pay, t.institution.empty() ? "-" : t.institution)
      << '\n';
}

void print_copies(std::ostream& out, const std::string& host_updates) {
  try {
    const json::Value v = json::parse(host_updates);
    if (const json::Value* skipped = v.find("issue_numbers_skipped"))
      out << "    " << tr("issue numbers not copied into the host: {1}", skipped->as_string())
          << '\n';
    if (const json::Value* rows = v.find("issue_numbers"))
      for (const json::Value& r : rows->as_array())
        out << "    "
            << tr("issue number {1} copied into the host (public expense {2}, month {3}, "
                  "in/out {4}): {5}",
                  r.find("issue_number")->as_string(), r.find("kohid")->as_int(),
                  r.find("sryym")->as_string(), r.find("nyugaikbn")->as_string(),
                  r.find("outcome")->as_string())
            << '\n';
  } catch (const std::exception&) {
    // host_updates is ours; nothing to show when it is not what we wrote
  }
}

}  // namespace

int run_pubassist(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin pubassist: ";
  Options o;
  std::string sub;
  try {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      out << tr(kUsage);
      return 0;
    }
    if (!args.empty() && !args[0].empty() && args[0][0] != '-') {
      sub = args[0];
      if (sub != "show" && sub != "fetch" && sub != "fetches" && sub != "setting")
        throw UsageError(tr("unknown subcommand \"{1}\"", sub));
    }
    o = parse_options(
        args, sub.empty() ? 0 : 1,
        {"--dbname", "--hospnum", "--patient", "--month", "--limit", "--copy-issue-number"},
        {"--help"});
    if (o.flag("help")) {
      out << tr(kUsage);
      return 0;
    }
    if (sub.empty()) throw UsageError(tr("missing subcommand ({1})", "show, fetch, fetches"));
    if (!o.has("hospnum")) throw UsageError(tr("{1} is required", "--hospnum"));
    if (sub == "show" && o.value_or("patient", "").empty())
      throw UsageError(tr("{1} is required", "--patient"));
    if (sub == "fetch" && !o.has("month")) throw UsageError(tr("{1} is required", "--month"));
    if (auto c = o.get("copy-issue-number"); c && *c != "yes" && *c != "no")
      throw UsageError(tr("{1} needs yes or no, not \"{2}\"", "--copy-issue-number", *c));
  } catch (const UsageError& e) {
    err << prefix << e.what() << '\n' << tr(kUsage);
    return kExitUsage;
  }

  // Any other onshi::Error here is a month that is not a month: a usage problem.
  return guarded(
      prefix, err, tr(kUsage),
      [&]() -> int {
        const int hospnum = to_int("hospnum", *o.get("hospnum"), 0);
        db::Connection conn(o.value_or("dbname", ""), "onshi-admin");
        db::require_schema_version(conn, "onshi-admin");
        if (sub == "setting") {
          if (!db::find_facility(conn, hospnum))
            throw db::UnknownFacilityError(hospnum, tr("never enabled"));
          if (auto c = o.get("copy-issue-number"))
            store::set_copy_issue_number(conn, hospnum, *c == "yes");
          out << (store::copy_issue_number_setting(conn, hospnum)
                      ? tr("facility {1}: issue numbers are copied into the host", hospnum)
                      : tr("facility {1}: issue numbers are not copied into the host", hospnum))
              << '\n';
          return 0;
        }
        if (sub == "fetches") {
          const int limit = o.has("limit") ? to_int("limit", *o.get("limit"), 1) : 10;
          const auto runs = store::ticket_fetches(conn, hospnum, limit);
          if (runs.empty())
            out << tr("no retrievals of entrusted qualification information") << '\n';
          for (const store::TicketFetch& f : runs) {
            // The state stays as stored: scripts wait for "): done".
            const std::string state = !f.job_error.empty() ? "error" : f.state;
            out << tr("facility {1} retrieval {2} month {3} ({4}): {5}", f.hospnum, f.fetch_id,
                      f.treatment_month, f.created_at, state)
                << '\n'
                << "  "
                << tr("persons {1}, linked {2}, tickets {3}, polls {4}", f.units, f.linked,
                      f.tickets, f.polls)
                << '\n';
            const std::string why = !f.last_error.empty() ? f.last_error : f.job_error;
            if (!why.empty()) out << "  " << tr("errors: {1}", why) << '\n';
          }
          return 0;
        }
        db::load_enabled_facility(conn, hospnum);
        if (sub == "fetch") {
          const exchange::TicketFetchStart s =
              exchange::queue_ticket_fetch(conn, hospnum, *o.get("month"), operator_name());
          out << tr("facility {1}: retrieval {2} queued for month {3} (job {4}, {5})", hospnum,
                    s.fetch_id, *o.get("month"), s.job_id, "OQSmutic01req")
              << '\n';
          return 0;
        }
        const std::string ptnum = *o.get("patient");
        const std::vector<long long> p = host::patients_by_number(conn, hospnum, ptnum);
        if (p.empty()) {
          err << prefix << tr("facility {1} has no patient number \"{2}\"", hospnum, ptnum) << '\n';
          return kExitRefused;
        }
        const int limit = o.has("limit") ? to_int("limit", *o.get("limit"), 1) : 5;
        const auto results = store::assistance_results(conn, hospnum, p.front(), limit);
        if (results.empty()) out << tr("patient {1}: no public-assistance results", ptnum) << '\n';
        for (const store::AssistanceResult& a : results) {
          const std::string state = store::assistance_state(a.tickets);
          std::string state_text = tr("tickets");
          if (state == "not_entrusted")
            state_text =
                tr("not entrusted: no medical or dispensing ticket is registered; "
                   "contact the welfare office");
          else if (state == "inconsistent")
            state_text =
                tr("inconsistent social insurance status: confirm the patient's "
                   "current coverage");
          out << tr("patient {1} result {2} ({3}, {4}, confirmation date {5}, validity {6}): {7}",
                    ptnum, a.confirmation_id, a.source, a.received_at, a.confirmation_date,
                    a.validity, state_text)
              << '\n';
          if (state == "not_entrusted")
            out << "  " << tr("payer and recipient numbers: hidden (not entrusted)") << '\n';
          else
            out << "  "
                << tr("payer {1}, recipient {2}, welfare office {3}", a.payer, a.recipient,
                      a.welfare_office)
                << '\n';
          for (const store::MedicalTicket& t : a.tickets) print_ticket(out, t);
          print_copies(out, a.host_updates);
        }
        return 0;
      },
      kExitUsage);
}

}  // namespace onshi::admin
