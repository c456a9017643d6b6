// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "host/planner_statistics.h"

namespace onshi::host {

const std::vector<std::string>& keyed_host_tables() {
  static const std::vector<std::string> tables = {"tbl_ptinf",    "tbl_ptnum",    "tbl_pthkninf",
                                                  "tbl_ptkohinf", "tbl_pthknrrk", "tbl_hkncombi",
                                                  "tbl_uketuke",  "tbl_yyk"};
  return tables;
}

std::vector<std::string> unplanned_host_tables(db::Connection& conn) {
  std::vector<std::string> out;
  for (const auto& [table, may_analyse] :
       db::tables_needing_statistics(conn, keyed_host_tables(), db::StatisticsNeed::never_analysed))
    out.push_back(table);
  return out;
}

StatisticsPass analyse_unplanned_tables(db::Connection& conn) {
  return db::analyse_tables(conn, keyed_host_tables(), db::StatisticsNeed::never_analysed,
                            std::chrono::seconds(2));
}

}  // namespace onshi::host
