// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/status.h"

#include "db/connection.h"

namespace onshi::store {

std::vector<RecentError> recent_errors(db::Connection& conn, int hospnum) {
  db::Result errors = conn.exec(
      "SELECT t, job, what, error FROM ("
      "  SELECT received_at AS t, NULL::bigint AS job, file_name AS what, "
      "         coalesce(refusal || ': ', '') || coalesce(error, '') AS error "
      "  FROM onshi_received_file WHERE hospnum = $1 AND state IN ('refused', 'retry') "
      "  UNION ALL "
      "  SELECT updated_at, job_id, kind, last_error "
      "  FROM onshi_job WHERE hospnum = $1 AND last_error IS NOT NULL) e "
      "ORDER BY t DESC LIMIT 5",
      {hospnum});
  std::vector<RecentError> out;
  const int c_job = errors.column("job"), c_what = errors.column("what"),
            c_error = errors.column("error");
  for (int i = 0; i < errors.rows(); ++i) {
    RecentError e;
    if (!errors.is_null(i, c_job)) e.job_id = errors.integer(i, c_job);
    e.what = errors.text(i, c_what);
    e.error = errors.text(i, c_error);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace onshi::store
