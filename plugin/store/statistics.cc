// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/statistics.h"

namespace onshi::store {

const std::vector<std::string>& import_tables() {
  static const std::vector<std::string> tables = {
      "onshi_received_file", "onshi_confirmation", "onshi_consent", "onshi_certificate_detail",
      "onshi_reference_number", "onshi_job"};
  return tables;
}

db::StatisticsPass refresh_import_statistics(db::Connection& conn) {
  return db::analyse_tables(conn, import_tables(), db::StatisticsNeed::outgrown,
                            std::chrono::milliseconds(100));
}

}  // namespace onshi::store
