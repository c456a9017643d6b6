// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/check_command.h"

#include <ctime>
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
#include "exchange/qualification.h"
#include "exchange/requests.h"
#include "host/patients.h"
#include "model/kind.h"
#include "model/messages.h"

namespace onshi::admin {
namespace {

const char* const kUsage =
    N_("usage: onshi-admin check --hospnum N --patient PTNUM [--date YYYYMMDD] [--hknid ID]\n"
       "                         [--kohid ID] [--visit outpatient|homevisit|online]\n"
       "                         [-d CONNINFO]\n"
       "Queues an insurance-number check (OQSsiquc01req) of the patient's insurance; the engine\n"
       "writes the request into the terminal's req/ folder. Prints the job id.\n"
       "  --hospnum N       the facility\n"
       "  --patient PTNUM   the patient number staff see\n"
       "  --date YYYYMMDD   confirmation (visit) date, default today\n"
       "  --hknid ID        this insurance (default: the one valid on the date)\n"
       "  --kohid ID        this public assistance (tbl_ptkohinf kohnum 012); without\n"
       "                    --hknid and with no insurance valid on the date, the patient's\n"
       "                    public assistance valid then (payer and recipient numbers)\n"
       "  --visit TYPE      homevisit: the check of home-visit care (OQSsihvq01req), online:\n"
       "                    of online care (OQSsionq01req), with MedicalTreatmentFlag 2 / 3;\n"
       "                    they need the facility's setting (enable --home-visit yes,\n"
       "                    --online-care yes); default outpatient\n"
       "  -d, --dbname CONNINFO   database (default: the PG* environment)\n");

}  // namespace

int run_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin check: ";
  Options o;
  try {
    o = parse_options(
        args, 0, {"--dbname", "--hospnum", "--patient", "--date", "--hknid", "--kohid", "--visit"},
        {"--help"});
    if (o.flag("help")) {
      out << tr(kUsage);
      return 0;
    }
    if (!o.has("hospnum")) throw UsageError(tr("{1} is required", "--hospnum"));
    if (o.value_or("patient", "").empty()) throw UsageError(tr("{1} is required", "--patient"));
    const std::string visit = model::treatment_flag_of(o.value_or("visit", "outpatient"));
    if (visit.empty() || visit == "4")
      throw UsageError(tr("--visit must be outpatient, homevisit or online"));
  } catch (const UsageError& e) {
    err << prefix << e.what() << '\n' << tr(kUsage);
    return kExitUsage;
  }

  return guarded(prefix, err, tr(kUsage), [&]() -> int {
    try {
      const int hospnum = to_int("hospnum", *o.get("hospnum"));
      std::optional<int> hknid;
      if (auto h = o.get("hknid")) hknid = to_int("hknid", *h);
      std::optional<int> kohid;
      if (auto k = o.get("kohid")) kohid = to_int("kohid", *k);
      const std::string date = o.value_or("date", local_date8());
      db::Connection conn(o.value_or("dbname", ""), "onshi-admin");
      db::require_schema_version(conn, "onshi-admin");
      // Facility errors (and a care the facility does not use) before patient errors.
      const db::FacilitySettings f = db::load_enabled_facility(conn, hospnum);
      const std::string visit = o.value_or("visit", "");
      const model::MessageKind kind = exchange::qualification_check_kind(f, visit);
      const std::string ptnum = *o.get("patient");
      const std::vector<long long> r = host::patients_by_number(conn, hospnum, ptnum);
      if (r.empty()) {
        err << prefix << tr("facility {1} has no patient number \"{2}\"", hospnum, ptnum) << '\n';
        return kExitRefused;
      }
      const long long job = exchange::queue_qualification_check(
          conn, hospnum, r.front(), hknid, date, operator_name(), kohid, visit);
      out << tr("facility {1}: job {2} queued ({3}, patient {4}, confirmation date {5})", hospnum,
                job, model::kind_name(kind), ptnum, date)
          << '\n';
      return 0;
    } catch (const exchange::EnqueueError& e) {
      err << prefix << e.what() << '\n';
      using R = exchange::EnqueueError::Reason;
      if (e.reason() == R::bad_argument) return kExitUsage;
      return e.reason() == R::not_used ? kExitConfig : kExitRefused;
    }
  });
}

}  // namespace onshi::admin
