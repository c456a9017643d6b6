// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#pragma once
/// @file
/// Planner statistics of our own tables written on every import. They start empty, and a backlog
/// after an outage adds thousands of rows within a minute, before autovacuum's next look: the
/// plans cached from the empty tables (the confirmation insert's reference-number check, the
/// foreign-key checks of consents and certificates) then read every row for each file, and each
/// file costs more than the one before. The importer calls refresh_import_statistics() after a
/// group of files; a table analysed while small that has more than doubled since is analysed
/// at once (db/planner_statistics.h): a few times per table, while it is small.

#include <string>
#include <vector>

#include "db/planner_statistics.h"

namespace onshi::store {

/// Our tables that every imported file adds rows to and looks up by key (with those keys).
const std::vector<std::string>& import_tables();

/// ANALYZEs those of import_tables() that outgrew their statistics (lock timeout 100 ms: a table
/// another worker or autovacuum is analysing is left to it). One catalog query when none did.
/// @throws db::DbError
db::StatisticsPass refresh_import_statistics(db::Connection& conn);

}  // namespace onshi::store
