// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "admin/notices_command.h"

#include <cstring>
#include <optional>
#include <ostream>

#include "admin/command_support.h"
#include "common/i18n.h"
#include "common/message_ids.h"
#include "db/connection.h"
#include "db/migrations.h"
#include "store/notices.h"

namespace onshi::admin {
namespace {

const char* const kUsage =
    N_("usage: onshi-admin notices list [--facility N] [--pending] [--limit N] [-d CONNINFO]\n"
       "The notices raised for the front desk (results that need staff, refused files, the\n"
       "terminal not answering and answering again), newest first, with how many workstations\n"
       "acknowledged each. --pending: only those no workstation has acknowledged.\n");

const std::set<std::string> kWithValue = {"--dbname", "--facility", "--limit"};
const std::set<std::string> kFlags = {"--pending"};

/// The screen message of a notice in the program's language.
std::string screen_text(const store::NoticeMessage& m) {
  for (const msg::ScreenMessage& s : msg::kScreenMessages)
    if (std::strcmp(s.id, m.id) == 0) return format_message(tr(s.text), m.args);
  return m.id;
}

}  // namespace

int run_notices(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string prefix = "onshi-admin notices: ";
  return guarded(prefix, err, tr(kUsage), [&]() -> int {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      out << tr(kUsage);
      return 0;
    }
    if (args.empty() || args[0] != "list") throw UsageError(tr("missing subcommand ({1})", "list"));
    const Options o = parse_options(args, 1, kWithValue, kFlags);
    std::optional<int> hospnum;
    if (o.has("facility")) hospnum = to_int("facility", *o.get("facility"), 1);
    const int limit = to_int("limit", o.value_or("limit", "50"), 1);
    db::Connection conn(o.value_or("dbname", ""), "onshi-admin");
    db::require_schema_version(conn, "onshi-admin");
    const std::vector<store::Notice> rows =
        store::list_notices(conn, hospnum, o.flag("pending"), limit);
    if (rows.empty()) {
      out << tr("no notices") << '\n';
      return 0;
    }
    for (const store::Notice& n : rows) {
      out << tr("{1}  {2}  facility {3}  {4}  acknowledged at {5} workstation(s)", n.notice_id,
                n.created, n.hospnum, n.kind, n.acks)
          << '\n'
          << "  " << screen_text(store::notice_message(n)) << '\n';
    }
    return 0;
  });
}

}  // namespace onshi::admin
