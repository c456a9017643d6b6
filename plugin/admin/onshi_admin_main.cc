// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
// onshi-admin: the administrator's tool. A shim over the core library's commands.
#include <iostream>
#include <string>
#include <vector>

#include "admin/apply_command.h"
#include "admin/autocheck_command.h"
#include "admin/bulk_command.h"
#include "admin/check_command.h"
#include "admin/claims_command.h"
#include "admin/consent_command.h"
#include "admin/db_commands.h"
#include "admin/inspect.h"
#include "admin/notices_command.h"
#include "admin/outage_command.h"
#include "admin/pubassist_command.h"
#include "admin/refnum_command.h"
#include "admin/results_command.h"
#include "common/i18n.h"

namespace {

// Translatable (po/): onshi::tr(kUsage).
const char* const kUsage = N_(
    "usage: onshi-admin COMMAND [ARGS]\n"
    "commands:\n"
    "  inspect FILE...   decode, parse and validate exchange files; print JSON lines\n"
    "  migrate           apply the pending database schema steps (--dry-run lists them)\n"
    "  enable            enable a facility: --hospnum N --share DIR [--institution-code CODE]\n"
    "  disable           disable a facility: --hospnum N\n"
    "  status            schema version, facility settings, queue, last files and errors\n"
    "  purge             remove history older than each facility's retention\n"
    "  password          set a facility's plugin password (read from standard input)\n"
    "  check             queue an insurance-number check: --hospnum N --patient PTNUM [--date D]\n"
    "                    [--visit homevisit|online]\n"
    "  bulk              next-day bulk pre-check: run --hospnum N [--date D] | status;\n"
    "                    consented information of home-visit/online care: consented ...\n"
    "  pubassist         public assistance: show | fetch --month YYYYMM | fetches | setting\n"
    "  refnum            reference numbers: register-all --hospnum N | status --hospnum N\n"
    "  medinfo           request drug/checkup/diagnosis information: request --hospnum N "
    "--patient PTNUM "
    "...\n"
    "  consent           consents: withdraw --hospnum N --patient PTNUM ... | list | show | "
    "record\n"
    "  results           a day's results: --hospnum N [--day YYYYMMDD] [--staff-only]\n"
    "  history           one patient's confirmations: --hospnum N --patient PTNUM [--recheck]\n"
    "  claims            claim transfer/split results: import FILE... | list | show ID | resolve "
    "ID\n"
    "  outage            outage mode: record --hospnum N --name ... | list | link | cancel | "
    "recheck\n"
    "  disaster          a declared disaster: declare --hospnum N --reason TEXT | end | status\n"
    "  autocheck         automatic checks: trigger install|remove|status\n"
    "  apply             a result into the host's insurance: RESULT-ID nochange|change|add|limit "
    "| undo\n"
    "  notices           notices for the screens: list [--facility N] [--pending]\n"
    "database commands use the PG* environment variables or --dbname CONNINFO;\n"
    "COMMAND --help shows a command's options\n");

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  using onshi::tr;
  onshi::init_program_messages();
  if (argc < 2) {
    std::cerr << tr(kUsage);
    return onshi::admin::kExitUsage;
  }
  std::string command = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "inspect") return onshi::admin::run_inspect(args, std::cout, std::cerr);
    if (command == "migrate") return onshi::admin::run_migrate(args, std::cout, std::cerr);
    if (command == "enable") return onshi::admin::run_enable(args, std::cout, std::cerr);
    if (command == "disable") return onshi::admin::run_disable(args, std::cout, std::cerr);
    if (command == "status") return onshi::admin::run_status(args, std::cout, std::cerr);
    if (command == "purge") return onshi::admin::run_purge(args, std::cout, std::cerr);
    if (command == "check") return onshi::admin::run_check(args, std::cout, std::cerr);
    if (command == "bulk") return onshi::admin::run_bulk(args, std::cout, std::cerr);
    if (command == "pubassist") return onshi::admin::run_pubassist(args, std::cout, std::cerr);
    if (command == "refnum") return onshi::admin::run_refnum(args, std::cout, std::cerr);
    if (command == "consent") return onshi::admin::run_consent(args, std::cout, std::cerr);
    if (command == "apply") return onshi::admin::run_apply(args, std::cout, std::cerr);
    if (command == "claims") return onshi::admin::run_claims(args, std::cout, std::cerr);
    if (command == "outage") return onshi::admin::run_outage(args, std::cout, std::cerr);
    if (command == "disaster") return onshi::admin::run_disaster(args, std::cout, std::cerr);
    if (command == "notices") return onshi::admin::run_notices(args, std::cout, std::cerr);

    if (command == "autocheck") return onshi::admin::run_autocheck(args, std::cout, std::cerr);
    if (command == "results") return onshi::admin::run_results(args, std::cout, std::cerr);
    if (command == "history") return onshi::admin::run_history(args, std::cout, std::cerr);
    if (command == "medinfo") return onshi::admin::run_medinfo(args, std::cout, std::cerr);
    if (command == "password")
      return onshi::admin::run_password(args, std::cin, std::cout, std::cerr);
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << tr(kUsage);
      return 0;
    }
    std::cerr << "onshi-admin: " << tr("unknown command \"{1}\"", command) << '\n' << tr(kUsage);
    return onshi::admin::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "onshi-admin: " << tr("internal error: {1}", e.what()) << '\n';
    return 70;  // EX_SOFTWARE
  }
}
