// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/check_command.h"

#include <ctime>
#include <map>
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

namespace onshi::admin {
namespace {

const char* const kUsage = N_(
    "usage: onshi-admin check --hospnum N --patient PTNUM [--date YYYYMMDD] [--hknid ID]\n"
    "                         [-d CONNINFO]\n"
    "Queues an insurance-number check (OQSsiquc01req) of the patient's insurance; the engine\n"
    "writes the request into the terminal's req/ folder. Prints the job id.\n"
    "  --hospnum N       the facility\n"
    "  --patient PTNUM   the patient number staff see\n"
    "  --date YYYYMMDD   confirmation (visit) date, default today\n"
    "  --hknid ID        this insurance (default: the one valid on the date)\n"
    "  -d, --dbname CONNINFO   database (default: the PG* environment)\n");

}  // namespace

int run_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin check: ";
  std::map<std::string, std::string> o;
  try {
    for (std::size_t i = 0; i < args.size(); ++i) {
      std::string a = args[i];
      if (a == "--help" || a == "-h") {
        out << tr(kUsage);
        return 0;
      }
      std::optional<std::string> value;
      if (auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
        value = a.substr(eq + 1);
        a = a.substr(0, eq);
      }
      if (a == "-d") a = "--dbname";
      if (a != "--dbname" && a != "--hospnum" && a != "--patient" && a != "--date" &&
          a != "--hknid")
        throw UsageError(tr("unknown argument \"{1}\"", args[i]));
      if (!value) {
        if (i + 1 >= args.size()) throw UsageError(tr("{1} needs a value", a));
        value = args[++i];
      }
      o[a.substr(2)] = *value;
    }
    if (!o.count("hospnum")) throw UsageError(tr("{1} is required", "--hospnum"));
    if (!o.count("patient") || o["patient"].empty())
      throw UsageError(tr("{1} is required", "--patient"));
  } catch (const UsageError& e) {
    err << prefix << e.what() << '\n' << tr(kUsage);
    return kExitUsage;
  }

  return guarded(prefix, err, tr(kUsage), [&]() -> int {
    try {
      const int hospnum = to_int("hospnum", o["hospnum"]);
      std::optional<int> hknid;
      if (o.count("hknid")) hknid = to_int("hknid", o["hknid"]);
      const std::string date = o.count("date") ? o["date"] : local_date8();
      db::Connection conn(o.count("dbname") ? o["dbname"] : "", "onshi-admin");
      db::require_schema_version(conn, "onshi-admin");
      db::load_enabled_facility(conn, hospnum);  // facility errors before patient errors
      const std::string& ptnum = o["patient"];
      const std::vector<long long> r = host::patients_by_number(conn, hospnum, ptnum);
      if (r.empty()) {
        err << prefix << tr("facility {1} has no patient number \"{2}\"", hospnum, ptnum) << '\n';
        return kExitRefused;
      }
      const long long job = exchange::queue_qualification_check(conn, hospnum, r.front(), hknid,
                                                                date, operator_name());
      out << tr("facility {1}: job {2} queued ({3}, patient {4}, confirmation date {5})", hospnum,
                job, "OQSsiquc01req", ptnum, date)
          << '\n';
      return 0;
    } catch (const exchange::EnqueueError& e) {
      err << prefix << e.what() << '\n';
      return e.reason() == exchange::EnqueueError::Reason::bad_argument ? kExitUsage : kExitRefused;
    }
  });
}

}  // namespace onshi::admin
