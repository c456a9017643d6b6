// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/refnum_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <ostream>
#include <thread>

#include "admin/command_support.h"
#include "admin/db_commands.h"
#include "admin/inspect.h"
#include "common/i18n.h"
#include "db/connection.h"
#include "db/db_error.h"
#include "db/facility.h"
#include "db/migrations.h"
#include "db/transaction.h"
#include "exchange/medical_info.h"
#include "exchange/reference_numbers.h"
#include "host/patients.h"
#include "model/messages.h"
#include "store/reference_numbers.h"
#include "store/staff.h"

namespace onshi::admin {
namespace {

const char* const kRefnumUsage =
    N_("usage: onshi-admin refnum register-all --hospnum N [--chunk N] [--timeout S] [--no-wait]\n"
       "                                       [-d CONNINFO]\n"
       "       onshi-admin refnum status --hospnum N [-d CONNINFO]\n"
       "       onshi-admin refnum update|delete --hospnum N --patient PTNUM [--hknid ID]\n"
       "                                       [--user USERID] [-d CONNINFO]\n"
       "       onshi-admin refnum changes --hospnum N [--all] [--limit N] [-d CONNINFO]\n"
       "       onshi-admin refnum dismiss --hospnum N --change ID --reason TEXT [-d CONNINFO]\n"
       "register-all registers the reference number of every patient with insurance and no\n"
       "registered number through the bulk exchange (OQSmuimm01req/02req), in chunks; the engine\n"
       "sends the requests. It resumes a run that was interrupted. It follows the run until it is\n"
       "done or --timeout seconds (default 3600) pass; --no-wait only starts or resumes it.\n"
       "  --chunk N    cards per upload (default 100; ignored when resuming)\n"
       "update sends the patient's reference number again for one insurance (an update when the\n"
       "registered number differs, a re-registration otherwise); delete removes the number from\n"
       "that insurance at the national system. --hknid names the insurance (required when the\n"
       "patient has several). Both are audited and print the change and job ids. changes lists\n"
       "the open changes (--all: every change), answers that could not be tied to one included;\n"
       "dismiss closes an unmatched or failed one after staff looked at it.\n");

const char* const kMedinfoUsage = N_(
    "usage: onshi-admin medinfo request --hospnum N --patient PTNUM\n"
    "                                   --kind drug|checkup|diagnosis --user USERID\n"
    "                                   [--from YYYYMM] [--to YYYYMM]\n"
    "                                   [--visit outpatient|homevisit|online|emergency]\n"
    "                                   [-d CONNINFO]\n"
    "Queues a drug, checkup or diagnosis and surgery information request after checking the\n"
    "patient's consent and the staff member's permission (audited); prints the job id or why it\n"
    "is refused. --visit is the visit type the request is sent with (MedicalTreatmentFlag 1-4,\n"
    "default outpatient); homevisit and online need the facility's setting (enable\n"
    "--home-visit yes, --online-care yes).\n");

std::string progress_line(const exchange::BulkRegistrationStatus& s) {
  const int done = s.registered + s.refused;
  // xgettext:no-c-format
  return tr("run {1}: {2}/{3} cards ({4}%), registered {5}, refused {6}, chunks {7}/{8}{9}",
            s.run_id, done, s.total, s.total ? done * 100 / s.total : 100, s.registered, s.refused,
            s.chunks_done, s.chunks, s.current.empty() ? "" : ", " + s.current);
}

void summary(std::ostream& out, int hospnum, const exchange::BulkRegistrationStatus& s) {
  // The state (running, done) stays as stored: scripts look for "run 1 done".
  out << (s.pending ? tr("facility {1}: bulk registration run {2} {3}: {4} cards, registered {5}, "
                         "refused {6}, waiting {7}",
                         hospnum, s.run_id, s.state, s.total, s.registered, s.refused, s.pending)
                    : tr("facility {1}: bulk registration run {2} {3}: {4} cards, registered {5}, "
                         "refused {6}",
                         hospnum, s.run_id, s.state, s.total, s.registered, s.refused))
      << '\n';
  for (const auto& [why, n] : s.reasons) out << "  " << tr("refused {1}: {2}", n, why) << '\n';
}

void print_change(std::ostream& out, const store::ReferenceChange& c) {
  out << tr("change {1}: {2} {3}, patient {4}, insurance {5}, card {6}/{7}/{8}/{9}, number {10} "
            "-> {11}, by {12}, {13}",
            c.change_id, c.action, c.state, c.ptid ? std::to_string(*c.ptid) : std::string("-"),
            c.hknid ? std::to_string(*c.hknid) : std::string("-"), c.card.insurer,
            c.card.symbol.empty() ? "-" : c.card.symbol, c.card.number,
            c.card.branch.empty() ? "-" : c.card.branch, c.old_number.value_or("-"),
            c.new_number.value_or("-"), c.requested_by, c.updated_at)
      << '\n';
  if (c.error) out << "  " << tr("reason: {1}", *c.error) << '\n';
}

/// update / delete / changes / dismiss.
int run_refnum_change(const std::string& sub, const std::vector<std::string>& args,
                      std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin refnum: ";
  const Options o = parse_options(args, 1,
                                  {"--dbname", "--hospnum", "--patient", "--hknid", "--user",
                                   "--change", "--reason", "--limit"},
                                  {"--all"});
  if (!o.has("hospnum")) throw UsageError(tr("{1} is required", "--hospnum"));
  const int hospnum = to_int("hospnum", *o.get("hospnum"));
  db::Connection conn(o.value_or("dbname", ""), "onshi-admin");
  db::require_schema_version(conn, "onshi-admin");
  db::load_enabled_facility(conn, hospnum);
  if (sub == "changes") {
    exchange::settle_reference_changes(conn, hospnum);
    const int limit = o.has("limit") ? to_int("limit", *o.get("limit")) : 50;
    const auto changes = store::list_changes(conn, hospnum, !o.flag("all"), limit);
    if (changes.empty()) out << tr("facility {1}: no reference-number changes", hospnum) << '\n';
    for (const auto& c : changes) print_change(out, c);
    return 0;
  }
  if (sub == "dismiss") {
    if (o.value_or("change", "").empty()) throw UsageError(tr("{1} is required", "--change"));
    if (o.value_or("reason", "").empty()) throw UsageError(tr("{1} is required", "--reason"));
    const long long id = to_int("change", *o.get("change"));
    const std::string user = o.value_or("user", operator_name());
    db::Transaction tx(conn);
    if (!store::dismiss_change(conn, hospnum, id, o.value_or("reason", ""))) {
      tx.rollback();
      err << prefix << tr("facility {1} has no unmatched or failed change {2}", hospnum, id)
          << '\n';
      return kExitRefused;
    }
    store::audit_administration(
        conn, hospnum, user, "change", "refnum",
        "change " + std::to_string(id) + " dismissed: " + o.value_or("reason", ""));
    tx.commit();
    out << tr("facility {1}: change {2} dismissed", hospnum, id) << '\n';
    return 0;
  }
  if (o.value_or("patient", "").empty()) throw UsageError(tr("{1} is required", "--patient"));
  const std::string ptnum = o.value_or("patient", "");
  const std::vector<long long> r = host::patients_by_number(conn, hospnum, ptnum);
  if (r.size() != 1) {
    err << prefix << tr("facility {1} has no patient number \"{2}\"", hospnum, ptnum) << '\n';
    return kExitRefused;
  }
  std::optional<int> hknid;
  if (o.has("hknid")) hknid = to_int("hknid", *o.get("hknid"));
  const std::string user = o.value_or("user", operator_name());
  try {
    const exchange::QueuedReferenceChange c =
        exchange::queue_reference_change(conn, hospnum, r.front(), hknid, sub == "delete", user,
                                         "onshi-admin, operating-system user " + operator_name());
    out << (c.action == "delete"
                ? tr("facility {1}: change {2} queued (job {3}): delete the reference number of "
                     "patient {4} on insurance {5}",
                     hospnum, c.change_id, c.job_id, ptnum, c.hknid)
                : tr("facility {1}: change {2} queued (job {3}): {4} reference number {5} of "
                     "patient {6} on insurance {7}",
                     hospnum, c.change_id, c.job_id, c.action, c.number, ptnum, c.hknid))
        << '\n';
    return 0;
  } catch (const exchange::ReferenceChangeRefused& e) {
    err << prefix
        << tr("refused ({1}): {2}", exchange::reference_change_refusal_name(e.refusal()), e.what());
    if (!e.candidates().empty()) {
      std::string ids;
      for (int id : e.candidates()) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
      err << " " << tr("(insurances: {1}; use --hknid)", ids);
    }
    err << '\n';
    return kExitRefused;
  }
}

}  // namespace

int run_refnum(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin refnum: ";
  return guarded(prefix, err, tr(kRefnumUsage), [&]() -> int {
    if (args.empty())
      throw UsageError(
          tr("missing subcommand ({1})", "register-all, status, update, delete, changes, dismiss"));
    if (args[0] == "--help" || args[0] == "-h") {
      out << tr(kRefnumUsage);
      return 0;
    }
    const std::string sub = args[0];
    if (sub == "update" || sub == "delete" || sub == "changes" || sub == "dismiss") {
      if (args.size() > 1 && (args[1] == "--help" || args[1] == "-h")) {
        out << tr(kRefnumUsage);
        return 0;
      }
      return run_refnum_change(sub, args, out, err);
    }
    if (sub != "register-all" && sub != "status")
      throw UsageError(tr("unknown subcommand \"{1}\"", sub));
    const Options o = parse_options(args, 1, {"--dbname", "--hospnum", "--chunk", "--timeout"},
                                    {"--no-wait", "--help"});
    if (o.flag("help")) {
      out << tr(kRefnumUsage);
      return 0;
    }
    if (!o.has("hospnum")) throw UsageError(tr("{1} is required", "--hospnum"));
    const int hospnum = to_int("hospnum", *o.get("hospnum"));
    const int chunk =
        o.has("chunk") ? to_int("chunk", *o.get("chunk")) : exchange::kDefaultBulkChunk;
    const int timeout = o.has("timeout") ? to_int("timeout", *o.get("timeout")) : 3600;
    db::Connection conn(o.value_or("dbname", ""), "onshi-admin");
    db::require_schema_version(conn, "onshi-admin");
    if (sub == "status") {
      db::load_enabled_facility(conn, hospnum);
      auto s = exchange::bulk_registration_status(conn, hospnum);
      if (!s) {
        out << tr("facility {1}: no bulk registration has run", hospnum) << '\n';
        return 1;
      }
      summary(out, hospnum, *s);
      if (s->state == "running") out << "  " << progress_line(*s) << '\n';
      return 0;
    }
    bool resumed = false;
    exchange::BulkRegistrationStatus s =
        exchange::queue_bulk_registration(conn, hospnum, chunk, operator_name(), resumed);
    out << (resumed ? tr("facility {1}: resuming bulk registration run {2} ({3} cards in {4} "
                         "chunks)",
                         hospnum, s.run_id, s.total, s.chunks)
                    : tr("facility {1}: started bulk registration run {2} ({3} cards in {4} "
                         "chunks)",
                         hospnum, s.run_id, s.total, s.chunks))
        << '\n';
    out.flush();
    if (o.flag("no-wait")) return 0;
    const bool tty = &out == &std::cout && ::isatty(STDOUT_FILENO);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(timeout);
    std::string last;
    while (s.state == "running" && std::chrono::steady_clock::now() < until) {
      const std::string line = progress_line(s);
      if (tty) {
        out << '\r' << line << "\x1b[K";
        out.flush();
      } else if (line != last) {
        out << line << '\n';
        out.flush();
      }
      last = line;
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      s = *exchange::advance_bulk_registration(conn, hospnum);
    }
    if (tty) out << '\r' << progress_line(s) << "\x1b[K\n";
    summary(out, hospnum, s);
    if (s.state == "running") {
      out << tr("still running: the engine goes on; run the same command again to follow it")
          << '\n';
      return 75;  // EX_TEMPFAIL
    }
    return 0;
  });
}

int run_medinfo(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin medinfo: ";
  return guarded(prefix, err, tr(kMedinfoUsage), [&]() -> int {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      out << tr(kMedinfoUsage);
      return 0;
    }
    if (args.empty() || args[0] != "request")
      throw UsageError(tr("missing subcommand ({1})", "request"));
    const Options o = parse_options(
        args, 1,
        {"--dbname", "--hospnum", "--patient", "--kind", "--user", "--from", "--to", "--visit"},
        {});
    for (const char* k : {"hospnum", "patient", "kind", "user"})
      if (o.value_or(k, "").empty()) throw UsageError(tr("{1} is required", std::string("--") + k));
    const std::optional<exchange::MedicalInfoKind> kind =
        exchange::medical_info_kind(o.value_or("kind", ""));
    if (!kind) throw UsageError(tr("--kind must be drug, checkup or diagnosis"));
    if (o.has("visit") && model::treatment_flag_of(o.value_or("visit", "")).empty())
      throw UsageError(tr("--visit must be outpatient, homevisit, online or emergency"));
    const int hospnum = to_int("hospnum", *o.get("hospnum"));
    db::Connection conn(o.value_or("dbname", ""), "onshi-admin");
    db::require_schema_version(conn, "onshi-admin");
    db::load_enabled_facility(conn, hospnum);
    const std::vector<long long> r =
        host::patients_by_number(conn, hospnum, o.value_or("patient", ""));
    if (r.empty()) {
      err << prefix
          << tr("facility {1} has no patient number \"{2}\"", hospnum, o.value_or("patient", ""))
          << '\n';
      return kExitRefused;
    }
    try {
      const long long job = exchange::queue_medical_info(
          conn, hospnum, r.front(), *kind, o.value_or("user", ""), o.value_or("from", ""),
          o.value_or("to", ""), nullptr, "onshi-admin, operating-system user " + operator_name(),
          o.value_or("visit", ""));
      const std::string patient = o.value_or("patient", "");
      switch (*kind) {
        case exchange::MedicalInfoKind::drug:
          out << tr("facility {1}: job {2} queued (drug information, patient {3})", hospnum, job,
                    patient);
          break;
        case exchange::MedicalInfoKind::checkup:
          out << tr("facility {1}: job {2} queued (checkup information, patient {3})", hospnum, job,
                    patient);
          break;
        case exchange::MedicalInfoKind::diagnosis:
          out << tr(
              "facility {1}: job {2} queued (diagnosis and surgery information, patient "
              "{3})",
              hospnum, job, patient);
          break;
      }
      out << '\n';
      return 0;
    } catch (const exchange::MedicalInfoRefused& e) {
      err << prefix
          << tr("refused ({1}): {2}", exchange::medical_refusal_name(e.access().refusal), e.what())
          << '\n';
      return kExitRefused;
    } catch (const exchange::MedicalVisitRefused& e) {
      err << prefix << tr("refused ({1}): {2}", "visit", e.what()) << '\n';
      return e.unknown() ? kExitUsage : kExitConfig;
    }
  });
}

}  // namespace onshi::admin
