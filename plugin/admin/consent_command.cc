// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/consent_command.h"

#include <optional>
#include <ostream>

#include "admin/command_support.h"
#include "admin/db_commands.h"
#include "common/i18n.h"
#include "db/connection.h"
#include "db/facility.h"
#include "db/migrations.h"
#include "exchange/consent_withdrawal.h"
#include "exchange/written_consent.h"
#include "host/patients.h"
#include "store/consent_withdrawal.h"
#include "store/written_consent.h"

namespace onshi::admin {
namespace {

const char* const kUsage = N_(
    "usage: onshi-admin consent withdraw --hospnum N --patient PTNUM [--hknid ID] --user USERID\n"
    "                                    [-d CONNINFO]\n"
    "       onshi-admin consent list --hospnum N [--patient PTNUM] [--limit N] [-d CONNINFO]\n"
    "       onshi-admin consent show --hospnum N --patient PTNUM [-d CONNINFO]\n"
    "       onshi-admin consent record --hospnum N --patient PTNUM --type TYPE --user USERID\n"
    "                                  [--given YYYYMMDD[HHMMSS]] [-d CONNINFO]\n"
    "`withdraw` withdraws every consent to view a home-visit patient gave the clinic (the\n"
    "patient died or the care contract ended; OQSsihvd01req): the request names the patient's\n"
    "card (--hknid, default the current insurance) and is audited with the staff member\n"
    "USERID. `list` shows the withdrawals and their answers (pending, done, failed).\n"
    "The facility must use home-visit care (onshi-admin enable --home-visit yes).\n"
    "`show` prints the patient's consent state per type (the newest consent, from the card\n"
    "reader or written). `record` records a consent the patient gave in writing (a\n"
    "general-purpose card reader): TYPE pharmacists, specific_health_checkups, diagnosis or\n"
    "operation, given at --given (default now), available for 24 hours; audited with USERID.\n");

}  // namespace

int run_consent(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin consent: ";
  return guarded(prefix, err, tr(kUsage), [&]() -> int {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      out << tr(kUsage);
      return 0;
    }
    if (args.empty() ||
        (args[0] != "withdraw" && args[0] != "list" && args[0] != "show" && args[0] != "record"))
      throw UsageError(tr("missing subcommand ({1})", "withdraw, list, show or record"));
    const std::string sub = args[0];
    const Options o = parse_options(
        args, 1,
        {"--dbname", "--hospnum", "--patient", "--hknid", "--user", "--limit", "--type", "--given"},
        {});
    if (!o.has("hospnum")) throw UsageError(tr("{1} is required", "--hospnum"));
    if (sub == "withdraw" || sub == "record")
      for (const char* k : {"patient", "user"})
        if (o.value_or(k, "").empty())
          throw UsageError(tr("{1} is required", std::string("--") + k));
    if (sub == "show" && o.value_or("patient", "").empty())
      throw UsageError(tr("{1} is required", "--patient"));
    if (sub == "record" && o.value_or("type", "").empty())
      throw UsageError(tr("{1} is required", "--type"));
    const int hospnum = to_int("hospnum", *o.get("hospnum"));
    const std::optional<int> hknid =
        o.has("hknid") ? std::optional<int>(to_int("hknid", *o.get("hknid"), 1)) : std::nullopt;
    const int limit = o.has("limit") ? to_int("limit", *o.get("limit"), 1) : 20;
    db::Connection conn(o.value_or("dbname", ""), "onshi-admin");
    db::require_schema_version(conn, "onshi-admin");
    db::load_enabled_facility(conn, hospnum);
    std::optional<long long> ptid;
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
    }
    if (sub == "record") {
      try {
        const exchange::WrittenConsent w =
            exchange::record_written_consent(conn, hospnum, *ptid, o.value_or("type", ""),
                                             o.value_or("given", ""), o.value_or("user", ""));
        out << tr("facility {1}: written consent {2} recorded ({3}, patient {4}, given {5}, "
                  "available until {6})",
                  hospnum, w.written_id, o.value_or("type", ""), o.value_or("patient", ""), w.given,
                  w.until)
            << '\n';
        return 0;
      } catch (const exchange::WrittenConsentRefused& e) {
        err << prefix
            << tr("refused ({1}): {2}", exchange::written_consent_refusal_name(e.reason()),
                  e.what())
            << '\n';
        return kExitRefused;
      }
    }
    if (sub == "show") {
      const auto states = store::consent_states(conn, hospnum, *ptid);
      if (states.empty()) out << tr("no consents") << '\n';
      for (const store::ConsentState& c : states)
        out << c.type << ": flag " << c.flag << ", given " << (c.given.empty() ? "-" : c.given)
            << ", until " << (c.until.empty() ? "-" : c.until) << ", "
            << (c.until.empty() || c.still_available ? "current" : "expired") << ", " << c.source
            << (c.recorded_by.empty() ? std::string() : " (" + c.recorded_by + ")") << '\n';
      return 0;
    }
    if (sub == "list") {
      const auto rows = store::list_withdrawals(conn, hospnum, ptid, limit);
      if (rows.empty()) out << tr("no consent withdrawals") << '\n';
      for (const store::ConsentWithdrawal& w : rows) {
        out << tr("withdrawal {1} ({2}): patient id {3}, insurance {4}, {5}", w.withdrawal_id,
                  w.created_at, w.ptid, w.hknid ? std::to_string(*w.hknid) : std::string("-"),
                  w.state);
        if (w.error) out << " (" << *w.error << ')';
        out << '\n';
      }
      return 0;
    }
    try {
      const exchange::QueuedWithdrawal q =
          exchange::queue_consent_withdrawal(conn, hospnum, *ptid, hknid, o.value_or("user", ""));
      out << tr("facility {1}: withdrawal {2} queued (job {3}, patient {4})", hospnum,
                q.withdrawal_id, q.job_id, o.value_or("patient", ""))
          << '\n';
      return 0;
    } catch (const exchange::ConsentWithdrawalRefused& e) {
      err << prefix
          << tr("refused ({1}): {2}", exchange::withdrawal_refusal_name(e.reason()), e.what())
          << '\n';
      return e.reason() == exchange::WithdrawalRefusal::not_used ? kExitConfig : kExitRefused;
    }
  });
}

}  // namespace onshi::admin
