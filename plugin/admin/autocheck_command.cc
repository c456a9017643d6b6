// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/autocheck_command.h"

#include <ostream>

#include "admin/command_support.h"
#include "common/i18n.h"
#include "db/connection.h"
#include "db/migrations.h"
#include "store/auto_check.h"

namespace onshi::admin {
namespace {

const char* const kUsage =
    N_("usage: onshi-admin autocheck trigger install|remove|status [-d CONNINFO]\n"
       "The trigger on the receipt program's reception table (tbl_uketuke) that tells the\n"
       "engine of each reception for the automatic checks. An update of the receipt program\n"
       "that re-creates the table removes it: install it again afterwards.\n"
       "  -d, --dbname CONNINFO   database (default: the PG* environment)\n");

}  // namespace

int run_autocheck(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin autocheck: ";
  Options o;
  std::string action;
  try {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      out << tr(kUsage);
      return 0;
    }
    if (args.size() < 2 || args[0] != "trigger")
      throw UsageError(tr("expected: trigger install|remove|status"));
    action = args[1];
    if (action != "install" && action != "remove" && action != "status")
      throw UsageError(tr("expected: trigger install|remove|status"));
    o = parse_options(args, 2, {"--dbname"}, {"--help"});
    if (o.flag("help")) {
      out << tr(kUsage);
      return 0;
    }
  } catch (const UsageError& e) {
    err << prefix << e.what() << '\n' << tr(kUsage);
    return kExitUsage;
  }
  return guarded(prefix, err, tr(kUsage), [&]() -> int {
    db::Connection conn(o.value_or("dbname", ""), "onshi-admin");
    db::require_schema_version(conn, "onshi-admin");
    if (action == "install")
      out << (store::install_reception_trigger(conn)
                  ? tr("trigger on tbl_uketuke installed")
                  : tr("trigger on tbl_uketuke: already installed"))
          << '\n';
    else if (action == "remove")
      out << (store::remove_reception_trigger(conn)
                  ? tr("trigger on tbl_uketuke removed (the engine looks at the day's receptions "
                       "itself while a facility uses automatic checks)")
                  : tr("trigger on tbl_uketuke: not installed"))
          << '\n';
    else
      out << (store::reception_trigger_installed(conn)
                  ? tr("trigger on tbl_uketuke: installed")
                  : tr("trigger on tbl_uketuke: MISSING (onshi-admin autocheck trigger install)"))
          << '\n';
    return 0;
  });
}

}  // namespace onshi::admin
