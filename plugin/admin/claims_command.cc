// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/claims_command.h"

#include <cstring>
#include <optional>
#include <ostream>

#include "admin/command_support.h"
#include "admin/db_commands.h"
#include "common/i18n.h"
#include "common/log.h"
#include "common/message_ids.h"
#include "db/connection.h"
#include "db/facility.h"
#include "db/migrations.h"
#include "exchange/claim_transfers.h"
#include "host/patients.h"
#include "store/claim_transfers.h"

namespace onshi::admin {
namespace {

const char* const kUsage =
    N_("usage: onshi-admin claims import FILE... [--hospnum N] [--user USERID] [-d CONNINFO]\n"
       "       onshi-admin claims list [--month YYYYMM] [--todo] [--hospnum N] [-d CONNINFO]\n"
       "       onshi-admin claims show ID [--hospnum N] [-d CONNINFO]\n"
       "       onshi-admin claims resolve ID --patient PTNUM [--user USERID] [--hospnum N]\n"
       "                                     [-d CONNINFO]\n"
       "Claim transfer and split results (receipt furikae / bunkatsu) downloaded from the online\n"
       "billing system. `import` reads each file (CSV, Shift_JIS or UTF-8; one transaction per\n"
       "file; the same file twice is imported once), links every result to a patient and says\n"
       "what to change. `list` shows the results of a claim month (shinryo month; --todo: only\n"
       "those needing staff), `show` one result, `resolve` links a result that waits to a patient\n"
       "(audited). --hospnum defaults to 1; --user to the login user.\n");

const std::set<std::string> kWithValue = {"--dbname", "--hospnum", "--user", "--month",
                                          "--patient"};
const std::set<std::string> kFlags = {"--todo"};

/// The screen message `id` in the program's language.
std::string screen_text(const exchange::ClaimActionMessage& m) {
  for (const msg::ScreenMessage& s : msg::kScreenMessages)
    if (std::strcmp(s.id, m.id) == 0) return format_message(tr(s.text), m.args);
  return m.id;
}

std::string patient_text(db::Connection& conn, int hospnum, const store::ClaimTransfer& t) {
  if (t.ptid) {
    const std::optional<std::string> pn = host::patient_number(conn, hospnum, *t.ptid);
    return tr("patient {1} (by {2})", pn.value_or("id " + std::to_string(*t.ptid)),
              t.linked_by.value_or(""));
  }
  if (t.candidates.empty()) return tr("no matching patient");
  std::string ids;
  for (long long c : t.candidates) {
    const std::optional<std::string> pn = host::patient_number(conn, hospnum, c);
    ids += (ids.empty() ? "" : ", ") + pn.value_or("id " + std::to_string(c));
  }
  return tr("candidates: {1}", ids);
}

}  // namespace

int run_claims(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin claims: ";
  return guarded(prefix, err, tr(kUsage), [&]() -> int {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      out << tr(kUsage);
      return 0;
    }
    if (args.empty() ||
        (args[0] != "import" && args[0] != "list" && args[0] != "show" && args[0] != "resolve"))
      throw UsageError(tr("missing subcommand ({1})", "import, list, show or resolve"));
    const std::string sub = args[0];
    // Positional arguments (files, the result id) apart from the options.
    std::vector<std::string> options{sub}, positional;
    for (std::size_t i = 1; i < args.size(); ++i) {
      const std::string& a = args[i];
      const std::string key = a.substr(0, a.find('='));
      if ((kWithValue.count(key) || a == "-d") && a.find('=') == std::string::npos) {
        options.push_back(a);
        if (i + 1 < args.size()) options.push_back(args[++i]);
      } else if (!a.empty() && a[0] == '-') {
        options.push_back(a);
      } else {
        positional.push_back(a);
      }
    }
    const Options o = parse_options(options, 1, kWithValue, kFlags);
    if (sub == "import" && positional.empty()) throw UsageError(tr("no file given"));
    if (sub != "import" && sub != "list" && positional.size() != 1)
      throw UsageError(tr("{1} is required", "ID"));
    if (sub == "list" && !positional.empty())
      throw UsageError(tr("unexpected argument \"{1}\"", positional.front()));
    if (sub == "resolve" && o.value_or("patient", "").empty())
      throw UsageError(tr("{1} is required", "--patient"));
    std::optional<std::string> month = o.get("month");
    if (month &&
        (month->size() != 6 || month->find_first_not_of("0123456789") != std::string::npos))
      throw UsageError(tr("{1} must be YYYYMM", "--month"));
    const int hospnum = to_int("hospnum", o.value_or("hospnum", "1"), 1);
    const std::string user = o.value_or("user", operator_name());
    long long id = 0;
    if (sub == "show" || sub == "resolve") id = to_int("ID", positional.front(), 1);
    // Import and link lines go to the system log (not to the terminal: the command says it).
    struct LogToSyslog {
      log::Settings saved = log::settings();
      LogToSyslog() {
        log::Settings s = saved;
        s.program = "onshi-admin";
        s.to_stderr = false;
        s.to_syslog = true;
        log::configure(s);
      }
      ~LogToSyslog() { log::configure(saved); }
    } log_to_syslog;
    db::Connection conn(o.value_or("dbname", ""), "onshi-admin");
    db::require_schema_version(conn, "onshi-admin");
    const db::FacilitySettings facility = db::load_enabled_facility(conn, hospnum);

    if (sub == "import") {
      int status = 0;
      for (const std::string& path : positional) {
        try {
          const exchange::ClaimImport r = exchange::import_claim_file(conn, facility, path, user);
          if (r.duplicate)
            out << tr("{1}: imported before as file {2} ({3}); nothing done", path, r.file.file_id,
                      r.file.imported_at)
                << '\n';
          else
            out << tr("{1}: imported as file {2}: {3} result(s), {4} linked, {5} to change or "
                      "decide",
                      path, r.file.file_id, r.file.results, r.linked, r.todo)
                << '\n';
        } catch (const exchange::ClaimFileError& e) {
          err << prefix
              << log::escape_line(tr("{1}: refused, nothing imported: {2}", path, e.what()))
              << '\n';
          status = kExitRefused;
        }
      }
      return status;
    }
    if (sub == "list") {
      const auto rows = store::list_claim_transfers(conn, hospnum, month, o.flag("todo"));
      if (rows.empty()) out << tr("no claim transfer results") << '\n';
      for (const store::ClaimTransfer& t : rows)
        out << log::escape_line(tr("{1}  {2}  receipt {3}  {4} ({5})  {6}  {7}: {8}", t.transfer_id,
                                   t.claim_month, t.receipt_number, t.name, t.birthdate,
                                   t.result_class, patient_text(conn, hospnum, t),
                                   screen_text(exchange::claim_action(t))))
            << '\n';
      return 0;
    }
    if (sub == "show") {
      const std::optional<store::ClaimTransfer> t = store::find_claim_transfer(conn, hospnum, id);
      if (!t) {
        err << prefix << tr("facility {1} has no claim transfer result {2}", hospnum, id) << '\n';
        return kExitRefused;
      }
      out << tr("result {1} (file {2}, line {3})", t->transfer_id, t->file_id, t->line) << '\n'
          << tr("  claim month {1}, billing month {2}, receipt {3}, chart {4}", t->claim_month,
                t->billing_month, t->receipt_number, t->chart_number.value_or("-"))
          << '\n'
          << tr("  {1} / {2}, born {3}, sex {4}", t->name, t->kana.value_or("-"), t->birthdate,
                t->sex)
          << '\n'
          << tr("  billed on {1} ({2} points)",
                exchange::claim_card_text(t->old_insurer, t->old_symbol, t->old_number,
                                          t->old_branch),
                t->points ? std::to_string(*t->points) : std::string("-"))
          << '\n'
          << tr("  result {1}: new {2}, acquired {3}, old lost {4}, split {5}", t->result_class,
                t->new_insurer
                    ? exchange::claim_card_text(*t->new_insurer, t->new_symbol,
                                                t->new_number.value_or(""), t->new_branch)
                    : std::string("-"),
                t->new_acquired.value_or("-"), t->old_lost.value_or("-"),
                t->split_date.value_or("-"))
          << '\n'
          << tr("  {1}; insurance billed {2}, new insurance {3}", patient_text(conn, hospnum, *t),
                t->billed_hknid ? std::to_string(*t->billed_hknid) : std::string("-"),
                t->new_hknid ? std::to_string(*t->new_hknid) : std::string("-"))
          << '\n'
          << tr("  to do: {1}", screen_text(exchange::claim_action(*t))) << '\n';
      if (t->resolved_by)
        out << tr("  linked by {1} at {2}", *t->resolved_by, t->resolved_at.value_or("")) << '\n';
      return 0;
    }
    // resolve
    const std::vector<long long> ptids =
        host::patients_by_number(conn, hospnum, o.value_or("patient", ""));
    if (ptids.empty()) {
      err << prefix
          << tr("facility {1} has no patient number \"{2}\"", hospnum, o.value_or("patient", ""))
          << '\n';
      return kExitRefused;
    }
    try {
      const store::ClaimTransfer t =
          exchange::resolve_claim_transfer(conn, hospnum, id, ptids.front(), user);
      out << tr("result {1} linked to patient {2}; to do: {3}", id, o.value_or("patient", ""),
                screen_text(exchange::claim_action(t)))
          << '\n';
      return 0;
    } catch (const exchange::ClaimLinkRefused& e) {
      err << prefix << e.what() << '\n';
      return kExitRefused;
    }
  });
}

}  // namespace onshi::admin
