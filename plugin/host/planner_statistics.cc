// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/planner_statistics.h"

#include "db/connection.h"
#include "db/db_error.h"
#include "db/transaction.h"

namespace onshi::host {

const std::vector<std::string>& keyed_host_tables() {
  static const std::vector<std::string> tables = {"tbl_ptinf",    "tbl_ptnum",    "tbl_pthkninf",
                                                  "tbl_ptkohinf", "tbl_pthknrrk", "tbl_hkncombi",
                                                  "tbl_uketuke",  "tbl_yyk"};
  return tables;
}

namespace {

std::string text_array(const std::vector<std::string>& names) {
  std::string out = "{";
  for (const std::string& n : names) out += (out.size() > 1 ? "," : "") + n;
  return out + "}";
}

struct Unplanned {
  std::string table;
  bool may_analyse;
};

std::vector<Unplanned> find_unplanned(db::Connection& conn) {
  // Never vacuumed or analysed: reltuples -1 (PostgreSQL 14 and later; before, 0 with relpages
  // 0). An empty table needs nothing (autovacuum analyses it once rows arrive). Who may ANALYZE:
  // a superuser, the table's or the database's owner; from PostgreSQL 17 MAINTAIN.
  db::Result r = conn.exec(
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
      "   AND c.relpages = 0)) "
      "ORDER BY 1",
      {text_array(keyed_host_tables())});
  std::vector<Unplanned> out;
  const int name = r.column("name"), may = r.column("may_analyse");
  for (int i = 0; i < r.rows(); ++i) out.push_back({r.text(i, name), r.text(i, may) == "t"});
  return out;
}

}  // namespace

std::vector<std::string> unplanned_host_tables(db::Connection& conn) {
  std::vector<std::string> out;
  for (const Unplanned& u : find_unplanned(conn)) out.push_back(u.table);
  return out;
}

StatisticsPass analyse_unplanned_tables(db::Connection& conn) {
  StatisticsPass pass;
  for (const Unplanned& u : find_unplanned(conn)) {
    if (!u.may_analyse) {
      pass.not_permitted.push_back(u.table);
      continue;
    }
    try {
      db::Transaction t(conn);
      conn.exec("SET LOCAL lock_timeout = '2s'");
      conn.exec("ANALYZE " + u.table);  // a name of keyed_host_tables(), found by to_regclass
      t.commit();
      pass.analysed.push_back(u.table);
    } catch (const db::DbError& e) {
      if (e.sqlstate() != "55P03") throw;  // lock_not_available: autovacuum has it
      pass.busy.push_back(u.table);
    }
  }
  return pass;
}

}  // namespace onshi::host
