// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Planner statistics gathered when PostgreSQL's own are missing or far behind the table. A
/// connection's prepared statements (and the server's foreign-key checks) keep the plan made
/// from the statistics of the moment: a table that was never analysed is guessed from its
/// column widths, and one analysed while empty (a `vacuumdb --analyze` after installing, the
/// benchmark's ANALYZE) is planned as empty, so a key lookup reads the whole table, on every
/// file, until autovacuum analyses it (up to a minute after a burst of thousands). ANALYZE
/// changes no row and no definition; it makes every session plan its statements again.
/// Which tables: host/planner_statistics.h (ORCA's, never analysed) and store/statistics.h
/// (ours, outgrown during a backlog).

#include <chrono>
#include <string>
#include <vector>

namespace onshi::db {

class Connection;

/// When a table needs ANALYZE.
enum class StatisticsNeed {
  never_analysed,  ///< it has rows and no row estimate at all (never vacuumed or analysed)
  outgrown,        ///< never analysed, or analysed at under 64 pages and now more than twice
                   ///< the pages (and 8 more) it had then (from 64 pages on a key lookup is
                   ///< planned on its index however the table grows: autovacuum suffices)
};

/// What analyse_tables did.
struct StatisticsPass {
  std::vector<std::string> analysed;       ///< needed it; ANALYZEd now
  std::vector<std::string> not_permitted;  ///< needed it, and this role may not ANALYZE it
                                           ///< (the table's owner, the database's owner or a
                                           ///< superuser may; PostgreSQL 17: MAINTAIN)
  std::vector<std::string> busy;           ///< locked by another maintenance (autovacuum,
                                           ///< another worker's ANALYZE): left to it
};

/// Those of `tables` that need ANALYZE by `need`, with whether this role may run it (each as
/// given). A table is a plain name, or a name with the columns to analyse, `name(a, b)`: the
/// row count and size the planner needs are gathered either way, and only the key columns of a
/// table with wide JSON columns cost nothing worth saying. Missing tables are ignored. One
/// catalog query.
/// @throws db::DbError
std::vector<std::pair<std::string, bool>> tables_needing_statistics(
    Connection& conn, const std::vector<std::string>& tables, StatisticsNeed need);

/// ANALYZEs those of `tables` that need it, each in its own short transaction; a table whose lock
/// is not granted within `lock_timeout` is left (`busy`). Cheap when nothing is needed.
/// @throws db::DbError for a broken connection or another failure
StatisticsPass analyse_tables(Connection& conn, const std::vector<std::string>& tables,
                              StatisticsNeed need, std::chrono::milliseconds lock_timeout);

}  // namespace onshi::db
