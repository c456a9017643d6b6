// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/outage_command.h"

#include <optional>
#include <ostream>

#include "admin/command_support.h"
#include "admin/db_commands.h"
#include "common/i18n.h"
#include "db/connection.h"
#include "db/facility.h"
#include "db/migrations.h"
#include "exchange/outage.h"
#include "host/patients.h"
#include "store/outage.h"

namespace onshi::admin {
namespace {

const char* const kOutageUsage =
    N_("usage: onshi-admin outage record --hospnum N --name NAME --sex 1|2 --birthdate YYYYMMDD\n"
       "                          --user USERID [--patient PTNUM] [--kana KANA] [--address ADDR]\n"
       "                          [--insurer TEXT] [--date YYYYMMDD] [-d CONNINFO]\n"
       "       onshi-admin outage list --hospnum N [--open] [--limit N] [-d CONNINFO]\n"
       "       onshi-admin outage link --hospnum N --statement ID --patient PTNUM --user USERID\n"
       "                               [-d CONNINFO]\n"
       "       onshi-admin outage cancel --hospnum N --statement ID --user USERID [-d CONNINFO]\n"
       "       onshi-admin outage recheck --hospnum N [-d CONNINFO]\n"
       "While the terminal or the national system is down, reception goes on: `record` keeps\n"
       "what the My Number card shows and the patient states (name, sex, birthdate, address;\n"
       "kana and insurer if known) for the visit of --date (default today), audited with the\n"
       "staff member USERID. Once the terminal answers again the engine checks those patients\n"
       "with the visit date (insurance-number checks); `list` shows each statement, its state\n"
       "(waiting, queued, answered, staff, cancelled) and what the answer changed. A statement\n"
       "without a patient waits until `link` names one (a new patient is registered first).\n"
       "`recheck` queues the waiting re-checks now, without waiting for a sign of the terminal.\n");

const char* const kDisasterUsage =
    N_("usage: onshi-admin disaster declare --hospnum N --reason TEXT --user USERID\n"
       "                                    [--until YYYYMMDD] [-d CONNINFO]\n"
       "       onshi-admin disaster end --hospnum N --user USERID [-d CONNINFO]\n"
       "       onshi-admin disaster status --hospnum N [-d CONNINFO]\n"
       "In a disaster the ministry declares (region and period), drug information may be viewed\n"
       "without the patient's consent at the card reader. `declare` allows that for the facility\n"
       "until --until (the last day) or `end`; staff still need their viewing permission, and\n"
       "every such request is audited as made under the declaration.\n");

int open_patient(db::Connection& conn, int hospnum, const std::string& ptnum, long long& ptid,
                 const std::string& prefix, std::ostream& err) {
  const std::vector<long long> r = host::patients_by_number(conn, hospnum, ptnum);
  if (r.empty()) {
    err << prefix << tr("facility {1} has no patient number \"{2}\"", hospnum, ptnum) << '\n';
    return kExitRefused;
  }
  ptid = r.front();
  return 0;
}

void print_statement(std::ostream& out, const store::OutageStatement& s) {
  out << tr("statement {1} ({2}, {3}): visit {4}, {5}, sex {6}, born {7}, patient {8}: {9}",
            s.statement_id, s.recorded_at, s.recorded_by, s.visit_date, s.name, s.sex, s.birthdate,
            s.ptnum.empty() ? std::string("-") : s.ptnum, s.state);
  if (!s.note.empty()) out << " (" << s.note << ')';
  if (s.job_id) out << ' ' << tr("job {1}", *s.job_id);
  if (s.state == "answered") {
    const std::vector<std::string> changes = exchange::outage_changes(s);
    out << "; " << tr("validity {1}", s.validity.empty() ? std::string("-") : s.validity);
    if (changes.empty()) {
      out << "; " << tr("nothing changed");
    } else {
      std::string list;
      for (const std::string& c : changes) list += (list.empty() ? "" : ", ") + c;
      out << "; " << tr("changed: {1}", list);
    }
  }
  out << '\n';
}

}  // namespace

int run_outage(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin outage: ";
  return guarded(prefix, err, tr(kOutageUsage), [&]() -> int {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      out << tr(kOutageUsage);
      return 0;
    }
    if (args.empty() || (args[0] != "record" && args[0] != "list" && args[0] != "link" &&
                         args[0] != "cancel" && args[0] != "recheck"))
      throw UsageError(tr("missing subcommand ({1})", "record, list, link, cancel or recheck"));
    const std::string sub = args[0];
    const Options o = parse_options(
        args, 1,
        {"--dbname", "--hospnum", "--name", "--sex", "--birthdate", "--user", "--patient", "--kana",
         "--address", "--insurer", "--date", "--limit", "--statement"},
        {"--open"});
    if (!o.has("hospnum")) throw UsageError(tr("{1} is required", "--hospnum"));
    if (sub == "record")
      for (const char* k : {"name", "sex", "birthdate", "user"})
        if (o.value_or(k, "").empty())
          throw UsageError(tr("{1} is required", std::string("--") + k));
    if ((sub == "link" || sub == "cancel") && !o.has("statement"))
      throw UsageError(tr("{1} is required", "--statement"));
    if ((sub == "link" || sub == "cancel") && o.value_or("user", "").empty())
      throw UsageError(tr("{1} is required", "--user"));
    if (sub == "link" && o.value_or("patient", "").empty())
      throw UsageError(tr("{1} is required", "--patient"));
    const int hospnum = to_int("hospnum", *o.get("hospnum"));
    const int limit = o.has("limit") ? to_int("limit", *o.get("limit"), 1) : 50;
    db::Connection conn(o.value_or("dbname", ""), "onshi-admin");
    db::require_schema_version(conn, "onshi-admin");
    const db::FacilitySettings f = db::load_enabled_facility(conn, hospnum);
    std::optional<long long> ptid;
    if (!o.value_or("patient", "").empty()) {
      long long id = 0;
      if (int rc = open_patient(conn, hospnum, o.value_or("patient", ""), id, prefix, err))
        return rc;
      ptid = id;
    }
    if (sub == "record") {
      store::OutageStatement s;
      s.hospnum = hospnum;
      s.ptid = ptid;
      s.visit_date = o.value_or("date", "");
      s.name = o.value_or("name", "");
      s.name_kana = o.value_or("kana", "");
      s.sex = o.value_or("sex", "");
      s.birthdate = o.value_or("birthdate", "");
      s.address = o.value_or("address", "");
      s.insurer = o.value_or("insurer", "");
      try {
        const long long id = exchange::record_outage_statement(conn, s, o.value_or("user", ""));
        out << tr("facility {1}: outage statement {2} recorded (the engine checks it again once "
                  "the terminal answers)",
                  hospnum, id)
            << '\n';
        return 0;
      } catch (const exchange::OutageRefused& e) {
        err << prefix << tr("refused: {1}", e.what()) << '\n';
        return kExitRefused;
      }
    }
    if (sub == "list") {
      const auto rows = store::outage_statements(conn, hospnum, o.flag("open"), limit);
      if (rows.empty()) out << tr("no outage statements") << '\n';
      for (const store::OutageStatement& s : rows) print_statement(out, s);
      return 0;
    }
    if (sub == "recheck") {
      const exchange::OutageRecheckPass p = exchange::recheck_outage_statements(conn, f, true);
      out << tr("facility {1}: {2} re-check(s) queued with the visit date, {3} answered, {4} "
                "need staff",
                hospnum, p.queued, p.answered, p.staff)
          << '\n';
      return 0;
    }
    const long long id = to_int("statement", *o.get("statement"), 1);
    const std::string user = o.value_or("user", "");
    const bool done = sub == "link"
                          ? exchange::link_outage_statement(conn, hospnum, id, *ptid, user)
                          : exchange::cancel_outage_statement(conn, hospnum, id, user);
    if (!done) {
      err << prefix << tr("facility {1} has no open outage statement {2}", hospnum, id) << '\n';
      return kExitRefused;
    }
    out << (sub == "link" ? tr("statement {1}: linked to patient {2}; it waits for the re-check",
                               id, o.value_or("patient", ""))
                          : tr("statement {1}: cancelled", id))
        << '\n';
    return 0;
  });
}

int run_disaster(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin disaster: ";
  return guarded(prefix, err, tr(kDisasterUsage), [&]() -> int {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      out << tr(kDisasterUsage);
      return 0;
    }
    if (args.empty() || (args[0] != "declare" && args[0] != "end" && args[0] != "status"))
      throw UsageError(tr("missing subcommand ({1})", "declare, end or status"));
    const std::string sub = args[0];
    const Options o =
        parse_options(args, 1, {"--dbname", "--hospnum", "--reason", "--user", "--until"}, {});
    if (!o.has("hospnum")) throw UsageError(tr("{1} is required", "--hospnum"));
    if (sub != "status" && o.value_or("user", "").empty())
      throw UsageError(tr("{1} is required", "--user"));
    if (sub == "declare" && o.value_or("reason", "").empty())
      throw UsageError(tr("{1} is required", "--reason"));
    const int hospnum = to_int("hospnum", *o.get("hospnum"));
    db::Connection conn(o.value_or("dbname", ""), "onshi-admin");
    db::require_schema_version(conn, "onshi-admin");
    db::load_enabled_facility(conn, hospnum);
    if (sub == "declare") {
      try {
        exchange::declare_disaster(conn, hospnum, o.value_or("user", ""), o.value_or("reason", ""),
                                   o.value_or("until", ""));
      } catch (const exchange::OutageRefused& e) {
        err << prefix << tr("refused: {1}", e.what()) << '\n';
        return kExitRefused;
      }
    } else if (sub == "end") {
      if (!exchange::end_disaster(conn, hospnum, o.value_or("user", ""))) {
        err << prefix << tr("facility {1}: no disaster is declared", hospnum) << '\n';
        return kExitRefused;
      }
    }
    const std::optional<store::DisasterDeclaration> d = store::disaster_in_force(conn, hospnum);
    if (!d)
      out << tr("facility {1}: no disaster declared", hospnum) << '\n';
    else
      out << tr("facility {1}: disaster declared since {2} by {3}, until {4}: {5}", hospnum,
                d->since, d->by, d->until.empty() ? tr("ended") : d->until, d->reason)
          << '\n';
    return 0;
  });
}

}  // namespace onshi::admin
