// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/statistics.h"

namespace onshi::store {

const std::vector<std::string>& import_tables() {
  // The keys that the import's lookups and foreign-key checks use (the wide JSON and raw
  // columns would make each ANALYZE of thousands of rows cost 40-90 ms instead of a few).
  static const std::vector<std::string> tables = {
      "onshi_received_file(file_id, hospnum, file_name, content_sha256)",
      "onshi_confirmation(confirmation_id, file_id, hospnum, ptid)",
      "onshi_reference_number(hospnum, ptid, reference_number)", "onshi_job(job_id, hospnum)"};
  return tables;
}

db::StatisticsPass refresh_import_statistics(db::Connection& conn) {
  return db::analyse_tables(conn, import_tables(), db::StatisticsNeed::outgrown,
                            std::chrono::milliseconds(100));
}

}  // namespace onshi::store
