// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/bulk.h"

#include "db/connection.h"

namespace onshi::store {

std::map<long long, PrecheckRequestState> precheck_requests_of_day(db::Connection& conn,
                                                                   int hospnum,
                                                                   const std::string& day) {
  db::Result r = conn.exec(
      "WITH jobs AS (SELECT j.job_id, j.payload, (j.state IN ('failed', 'expired') "
      "      OR c.state = 'error' OR (c.state = 'waiting' AND d.state IN ('failed', 'expired'))) "
      "      AS failed "
      "    FROM onshi_job j LEFT JOIN onshi_bulk_chunk c ON c.upload_job_id = j.job_id "
      "    LEFT JOIN onshi_job d ON d.job_id = c.download_job_id WHERE j.hospnum = $1 "
      "    AND j.kind = 'OQSmuquc01req' AND j.payload->>'day' = $2 AND j.state <> 'cancelled'), "
      "req AS (SELECT (jsonb_array_elements_text(payload->'ptids'))::bigint AS ptid, "
      "    failed FROM jobs) "
      "SELECT ptid, coalesce(bool_and(failed), false) AS failed FROM req GROUP BY ptid",
      {hospnum, day});
  std::map<long long, PrecheckRequestState> out;
  const int c_ptid = r.column("ptid"), c_failed = r.column("failed");
  for (int i = 0; i < r.rows(); ++i)
    out[r.integer(i, c_ptid)].failed = r.text(i, c_failed) == "t";
  return out;
}

std::map<long long, PrecheckResult> precheck_results_of_day(db::Connection& conn, int hospnum,
                                                            const std::string& day) {
  db::Result r = conn.exec(
      "SELECT DISTINCT ON (ptid) ptid, confirmation_id, "
      "    coalesce(btrim(validity), '') AS validity, "
      "    coalesce(btrim(processing_status), '') AS status FROM onshi_confirmation "
      "    WHERE hospnum = $1 AND source = 'bulk' AND confirmation_date = $2 AND ptid IS NOT NULL "
      "    ORDER BY ptid, confirmation_id DESC",
      {hospnum, day});
  std::map<long long, PrecheckResult> out;
  const int c_ptid = r.column("ptid"), c_id = r.column("confirmation_id"),
            c_validity = r.column("validity"), c_status = r.column("status");
  for (int i = 0; i < r.rows(); ++i)
    out[r.integer(i, c_ptid)] = {r.integer(i, c_id), r.text(i, c_validity), r.text(i, c_status)};
  return out;
}

}  // namespace onshi::store
