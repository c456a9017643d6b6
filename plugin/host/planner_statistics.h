// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Planner statistics of the host tables our statements read by key. A table that was never
/// vacuumed or analysed (a freshly loaded or restored database, or a table that one of ORCA's
/// updates dropped and re-created) has no row estimate; PostgreSQL then guesses the rows from
/// the declared column widths, and tbl_ptinf's (dozens of varchar(200)) exceed a page: it is
/// estimated at one row. Every index starting with hospnum then looks as good as the primary
/// key, and a plan, cached for the connection's prepared statements, reads every patient of the
/// facility for one card lookup (28 ms instead of 0.1 ms on 50,000 patients). Autovacuum fixes
/// this within minutes; we gather the statistics at once, as autovacuum would: ANALYZE changes
/// no row and no definition (orca52-host.md 5: nothing added to ORCA's tables).

#include <string>
#include <vector>

#include "db/planner_statistics.h"

namespace onshi::host {

using StatisticsPass = db::StatisticsPass;

/// The host tables read by key on every import (the linker's patients, numbers, insurance and
/// public-expense rows; insurance history; receptions and reservations).
const std::vector<std::string>& keyed_host_tables();

/// Those of keyed_host_tables() that were never vacuumed or analysed (no row estimate).
std::vector<std::string> unplanned_host_tables(db::Connection& conn);

/// ANALYZEs unplanned_host_tables(), each in its own short transaction (lock_timeout 2 s: a
/// table autovacuum is working on is left to it). Only never-analysed tables: ORCA's own are
/// kept up to date by autovacuum. Cheap when nothing is missing (one catalog query).
/// @throws db::DbError for a broken connection or another failure
StatisticsPass analyse_unplanned_tables(db::Connection& conn);

}  // namespace onshi::host
