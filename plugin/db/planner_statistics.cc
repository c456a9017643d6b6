// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "db/planner_statistics.h"

#include "db/connection.h"
#include "db/db_error.h"
#include "db/transaction.h"

namespace onshi::db {
namespace {

/// "name" of "name" or "name(a, b)".
std::string table_name(const std::string& table) {
  return table.substr(0, table.find('('));
}

std::string text_array(const std::vector<std::string>& tables) {
  std::string out = "{";
  for (const std::string& t : tables) out += (out.size() > 1 ? "," : "") + table_name(t);
  return out + "}";
}

}  // namespace

std::vector<std::pair<std::string, bool>> tables_needing_statistics(
    Connection& conn, const std::vector<std::string>& tables, StatisticsNeed need) {
  // Never analysed: reltuples -1 (PostgreSQL 14 and later; before, 0 with relpages 0); an empty
  // table needs nothing (autovacuum analyses it once rows arrive). Outgrown: relpages is what
  // the last ANALYZE or VACUUM saw; from 64 pages on, a key lookup's plan is the index whatever
  // the table grows to, and autovacuum's own schedule is enough. Who may ANALYZE: a superuser, the
  // table's or the database's owner; from PostgreSQL 17 MAINTAIN. Prepared: the importer asks
  // after every group, and planning this catalog query each time cost the server more than
  // planning all of a group's own statements (callgrind, issue 18).
  Result r = conn.exec_prepared(
      "SELECT c.relname::text AS name, "
      "  coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false) "
      "  OR pg_has_role(c.relowner, 'USAGE') "
      "  OR pg_has_role((SELECT datdba FROM pg_database WHERE datname = current_database()), "
      "                 'USAGE') "
      "  OR CASE WHEN current_setting('server_version_num')::integer >= 170000 "
      "          THEN has_table_privilege(c.oid, 'MAINTAIN') ELSE false END AS may_analyse "
      "FROM unnest($1::text[]) AS t(name) JOIN pg_class c ON c.oid = to_regclass(t.name) "
      "WHERE c.relkind = 'r' AND pg_relation_size(c.oid) > 0 AND (c.reltuples < 0 OR "
      "  (current_setting('server_version_num')::integer < 140000 AND c.reltuples = 0 "
      "   AND c.relpages = 0) OR "
      "  ($2 AND c.relpages < 64 AND "
      "   pg_relation_size(c.oid) / current_setting('block_size')::bigint "
      "   > 2 * greatest(c.relpages, 0) + 8)) "
      "ORDER BY 1",
      {text_array(tables), need == StatisticsNeed::outgrown});
  std::vector<std::pair<std::string, bool>> out;
  const int name = r.column("name"), may = r.column("may_analyse");
  for (int i = 0; i < r.rows(); ++i)
    for (const std::string& t : tables)
      if (table_name(t) == r.text(i, name)) out.emplace_back(t, r.text(i, may) == "t");
  return out;
}

StatisticsPass analyse_tables(Connection& conn, const std::vector<std::string>& tables,
                              StatisticsNeed need, std::chrono::milliseconds lock_timeout) {
  StatisticsPass pass;
  for (const auto& [table, may_analyse] : tables_needing_statistics(conn, tables, need)) {
    if (!may_analyse) {
      pass.not_permitted.push_back(table);
      continue;
    }
    try {
      Transaction t(conn);
      conn.exec("SET LOCAL lock_timeout = '" + std::to_string(lock_timeout.count()) + "ms'");
      conn.exec("ANALYZE " + table);  // a caller's table (and columns), found by to_regclass
      t.commit();
      pass.analysed.push_back(table);
    } catch (const DbError& e) {
      if (e.sqlstate() != "55P03") throw;  // lock_not_available: someone else analyses it
      pass.busy.push_back(table);
    }
  }
  return pass;
}

}  // namespace onshi::db
