// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/apply_command.h"

#include <optional>
#include <ostream>

#include "admin/command_support.h"
#include "common/i18n.h"
#include "db/connection.h"
#include "db/facility.h"
#include "db/migrations.h"
#include "exchange/insurance_apply.h"
#include "host/patients.h"

namespace onshi::admin {
namespace {

const char* const kUsage =
    N_("usage: onshi-admin apply RESULT-ID MODE --hospnum N --user USERID [--patient PTNUM]\n"
       "                         [-d CONNINFO]\n"
       "       MODE: nochange|change|add|limit|disease|elderly|certs|pubassist\n"
       "       onshi-admin apply undo AUDIT-ID --hospnum N --user USERID [-d CONNINFO]\n"
       "Applies the insurance of a valid result linked to a patient to the receipt computer:\n"
       "nochange sets the confirmation date (and ORCA's confirmation history), change updates\n"
       "the registered card in place, add registers the card as a new insurance with its\n"
       "combination and ends the replaced insurance the day before. Certificates, as ORCA 5.2\n"
       "writes them: limit registers the limit certificate (with the patient's consent) as the\n"
       "public-expense row and the low-income rows of its category, with the consent date;\n"
       "disease the specific-disease certificate (with consent, kohnum 972/974); elderly the\n"
       "elderly recipient certificate's dates and copay class on the returned card's insurance;\n"
       "certs every certificate of the result. A certificate whose end date has passed is\n"
       "refused; one registered for a covering period needs nothing; another period of the\n"
       "same certificate gets the new end date. pubassist registers a public-assistance result\n"
       "(card class A1, which refuses the other modes) as the host's public-expense row (kind\n"
       "012, payer and recipient numbers, its period) with its combinations, or extends the\n"
       "registered row's end date. --patient refuses a result linked to another patient.\n"
       "Audited with USERID (--staff is the same option); prints the audit id.\n"
       "`undo` restores the host rows exactly as they were before the apply (the same day only,\n"
       "once).\n");

long long to_id(const std::string& name, const std::string& value) {
  if (value.empty() || value.size() > 18 ||
      value.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError(tr("{1} must be a number", name));
  return std::stoll(value);
}

}  // namespace

int run_apply(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin apply: ";
  return guarded(prefix, err, tr(kUsage), [&]() -> int {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      out << tr(kUsage);
      return 0;
    }
    if (args.size() < 2) throw UsageError(tr("missing subcommand ({1})", "RESULT-ID MODE or undo"));
    const bool undo = args[0] == "undo";
    const long long id = to_id(undo ? "AUDIT-ID" : "RESULT-ID", undo ? args[1] : args[0]);
    const std::string mode = undo ? std::string() : args[1];
    if (!undo && mode != "nochange" && mode != "change" && mode != "add" && mode != "limit" &&
        mode != "disease" && mode != "elderly" && mode != "certs" && mode != "pubassist")
      throw UsageError(tr("missing subcommand ({1})",
                          "nochange, change, add, limit, disease, elderly, certs or pubassist"));
    const Options o =
        parse_options(args, 2, {"--dbname", "--hospnum", "--user", "--staff", "--patient"}, {});
    if (!o.has("hospnum")) throw UsageError(tr("{1} is required", "--hospnum"));
    // --user as in consent, outage and disaster; --staff, its first name here, still works.
    const std::string staff = o.value_or("user", o.value_or("staff", ""));
    if (staff.empty()) throw UsageError(tr("{1} is required", "--user"));
    const int hospnum = to_int("hospnum", *o.get("hospnum"));
    db::Connection conn(o.value_or("dbname", ""), "onshi-admin");
    db::require_schema_version(conn, "onshi-admin");
    db::load_enabled_facility(conn, hospnum);
    try {
      if (undo) {
        const exchange::InsuranceUndone u =
            exchange::undo_insurance_apply(conn, hospnum, id, staff);
        out << tr("facility {1}: apply {2} undone (audit {3}, result {4}, patient id {5})", hospnum,
                  id, u.audit_id, u.confirmation_id, u.ptid)
            << '\n';
        return 0;
      }
      std::optional<long long> expected;
      if (o.has("patient")) {
        const std::vector<long long> r =
            host::patients_by_number(conn, hospnum, o.value_or("patient", ""));
        if (r.empty()) {
          err << prefix
              << tr("facility {1} has no patient number \"{2}\"", hospnum,
                    o.value_or("patient", ""))
              << '\n';
          return kExitRefused;
        }
        expected = r.front();
      }
      const exchange::InsuranceApplied a =
          exchange::apply_insurance(conn, hospnum, id, mode, staff, expected);
      if (a.prefill_id) {  // the facility's prefill mode: nothing written yet
        out << tr("facility {1}: result {2}: pre-fill {3} stored ({4}, patient id {5}); the "
                  "registration screen saves it",
                  hospnum, id, a.prefill_id, mode, a.ptid)
            << '\n';
        return 0;
      }
      out << tr("facility {1}: result {2} applied ({3}, audit {4}, patient id {5}, insurance {6})",
                hospnum, id, mode, a.audit_id, a.ptid, a.hknid);
      if (a.ended_hknid) out << "; " << tr("insurance {1} ended {2}", a.ended_hknid, a.ended_on);
      if (a.kohid) out << "; " << tr("public expense {1}", a.kohid);
      if (a.hkncombinum && a.assistance.empty())
        out << "; " << tr("combination {1}", a.hkncombinum);
      if (!a.assistance.empty())
        out << "; "
            << tr("public assistance {1}, combinations: {2}", a.assistance,
                  a.assistance_combinations.empty() ? "-" : a.assistance_combinations);
      if (!a.written.empty()) out << "; " << tr("written: {1}", a.written);
      out << '\n';
      // What decides the copay (ORCA computes the amount from it).
      out << tr("copay rate {1} -> {2}; limit category {3} -> {4}",
                a.copay_before.rate.empty() ? "-" : a.copay_before.rate,
                a.copay_after.rate.empty() ? "-" : a.copay_after.rate,
                a.copay_before.category.empty() ? "-" : a.copay_before.category,
                a.copay_after.category.empty() ? "-" : a.copay_after.category)
          << '\n';
      return 0;
    } catch (const exchange::ApplyRefused& e) {
      err << prefix << tr("refused ({1}): {2}", exchange::apply_refusal_name(e.reason()), e.what())
          << '\n';
      return kExitRefused;
    }
  });
}

}  // namespace onshi::admin
