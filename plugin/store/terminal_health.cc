// onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#include "store/terminal_health.h"

#include "db/connection.h"

namespace onshi::store {
namespace {

constexpr char kLocal[] = "'YYYY-MM-DD HH24:MI:SS'";

std::optional<long long> optional_integer(const db::Result& r, int column) {
  if (r.is_null(0, column)) return std::nullopt;
  return r.integer(0, column);
}

}  // namespace

TerminalSilence terminal_silence(db::Connection& conn, int hospnum, int answer_timeout_s) {
  // w: the jobs still waiting for an answer to a request already written (sent, or pending for
  //    another attempt after a timeout) and the first write of the oldest of them;
  // a: the terminal's last sign of life: an answer file in res/ or a .err file;
  // h: the silence the engine recorded: it lasts until such a sign, also when the jobs that
  //    found it gave up meanwhile.
  db::Result r = conn.exec_prepared(
      "WITH w AS (SELECT count(*) AS n, min(first) AS oldest FROM ("
      "             SELECT (SELECT min(n.written_at) FROM onshi_request_name n "
      "                     WHERE n.job_id = j.job_id) AS first "
      "             FROM onshi_job j WHERE j.hospnum = $1 AND j.attempts > 0 "
      "               AND j.state IN ('sent', 'pending')) x WHERE first IS NOT NULL), "
      "     a AS (SELECT greatest("
      "             (SELECT max(received_at) FROM onshi_received_file "
      "              WHERE hospnum = $1 AND folder = 'res'), "
      "             (SELECT max(updated_at) FROM onshi_job WHERE hospnum = $1 "
      "              AND state = 'failed' AND starts_with(coalesce(last_error, ''), $3))) AS "
      "last), "
      "     h AS (SELECT (SELECT silent_since FROM onshi_terminal_health WHERE hospnum = $1) "
      "             AS since), "
      "     s AS (SELECT w.n, CASE "
      "             WHEN h.since IS NOT NULL AND (a.last IS NULL OR a.last < h.since) THEN h.since "
      "             WHEN w.oldest <= now() - make_interval(secs => $2) "
      "                  AND (a.last IS NULL OR a.last < w.oldest) THEN w.oldest END AS since "
      "           FROM w, a, h) "
      "SELECT n, coalesce(to_char(since, " +
          std::string(kLocal) +
          "), '') AS since, "
          "       coalesce(floor(extract(epoch FROM now() - since))::bigint, 0) AS age "
          "FROM s",
      {hospnum, answer_timeout_s, std::string(kTerminalRefusedPrefix)});
  TerminalSilence s;
  s.unanswered = static_cast<int>(r.integer(0, 0));
  s.since = r.text(0, 1);
  s.silent = !s.since.empty();
  s.age_s = r.integer(0, 2);
  return s;
}

TerminalHealth terminal_health(db::Connection& conn, int hospnum, int answer_timeout_s) {
  TerminalHealth h;
  db::Result r = conn.exec(
      "WITH last AS (SELECT max(received_at) AS t FROM onshi_received_file "
      "              WHERE hospnum = $1 AND folder = 'res'), "
      // Each answer of the hour to one of our requests, against the write of the request file
      // its job had then (the newest write not after the answer, within an hour before it:
      // the written_at index bounds the look).
      "     lat AS (SELECT extract(epoch FROM f.received_at - "
      "                    (SELECT max(n.written_at) FROM onshi_request_name n "
      "                     WHERE n.written_at <= f.received_at "
      "                       AND n.written_at > f.received_at - interval '1 hour' "
      "                       AND n.hospnum = f.hospnum AND n.job_id = f.job_id)) * 1000 AS ms "
      "             FROM onshi_received_file f "
      "             WHERE f.hospnum = $1 AND f.folder = 'res' AND f.job_id IS NOT NULL "
      "               AND f.received_at > now() - interval '1 hour') "
      "SELECT to_char(last.t, " +
          std::string(kLocal) +
          ") AS last_answer, "
          "  floor(extract(epoch FROM now() - last.t))::bigint AS last_age, "
          "  (SELECT count(ms) FROM lat) AS answers, "
          "  (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::bigint FROM lat) "
          "    AS p50, "
          "  (SELECT round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms))::bigint FROM lat) "
          "    AS p95, "
          "  (SELECT count(*) FROM onshi_request_name WHERE hospnum = $1 "
          "     AND written_at > now() - interval '1 hour') AS requests, "
          "  (SELECT count(*) FROM onshi_job WHERE hospnum = $1 AND state = 'failed' "
          "     AND updated_at > now() - interval '1 hour' "
          "     AND starts_with(coalesce(last_error, ''), $2)) AS refused, "
          "  (SELECT count(*) FROM onshi_job WHERE hospnum = $1 "
          "     AND state IN ('pending', 'sent')) AS waiting, "
          "  t.share_ok, coalesce(t.share_error, '') AS share_error, "
          "  coalesce(to_char(t.share_changed_at, " +
          kLocal +
          "), '') AS share_changed, "
          "  coalesce(to_char(t.silent_since, " +
          kLocal +
          "), '') AS silent_since "
          "FROM last LEFT JOIN onshi_terminal_health t ON t.hospnum = $1",
      {hospnum, std::string(kTerminalRefusedPrefix)});
  h.last_answer = r.text(0, r.column("last_answer"));
  h.last_answer_age_s = optional_integer(r, r.column("last_age"));
  h.answers_hour = r.integer(0, r.column("answers"));
  h.latency_p50_ms = optional_integer(r, r.column("p50"));
  h.latency_p95_ms = optional_integer(r, r.column("p95"));
  h.requests_hour = r.integer(0, r.column("requests"));
  h.refused_hour = r.integer(0, r.column("refused"));
  h.waiting = r.integer(0, r.column("waiting"));
  const int c_ok = r.column("share_ok");
  if (!r.is_null(0, c_ok)) h.share_ok = r.text(0, c_ok) == "t";
  h.share_error = r.text(0, r.column("share_error"));
  h.share_changed = r.text(0, r.column("share_changed"));
  h.silent_since = r.text(0, r.column("silent_since"));
  h.silence = terminal_silence(conn, hospnum, answer_timeout_s);
  return h;
}

bool record_share_state(db::Connection& conn, int hospnum, bool ok, const std::string& error) {
  db::Result r = conn.exec_prepared(
      "INSERT INTO onshi_terminal_health AS t (hospnum, share_ok, share_error, share_changed_at) "
      "VALUES ($1, $2, nullif($3, ''), now()) "
      "ON CONFLICT (hospnum) DO UPDATE SET share_ok = EXCLUDED.share_ok, "
      "  share_error = EXCLUDED.share_error, share_changed_at = now(), updated_at = now() "
      "WHERE t.share_ok IS DISTINCT FROM EXCLUDED.share_ok",
      {hospnum, ok, ok ? std::string() : error});
  return r.affected() > 0;
}

bool record_silence(db::Connection& conn, int hospnum, const std::string& since) {
  // A facility's first record is a change only when it is silent: an engine that starts and
  // finds the terminal answering has nothing to tell the screens.
  db::Result r = conn.exec_prepared(
      "WITH up AS (UPDATE onshi_terminal_health SET silent_since = nullif($2, '')::timestamptz, "
      "    updated_at = now() "
      "  WHERE hospnum = $1 AND (silent_since IS NULL) <> ($2 = '') RETURNING 1), "
      "ins AS (INSERT INTO onshi_terminal_health (hospnum, silent_since) "
      "  SELECT $1, nullif($2, '')::timestamptz "
      "  WHERE NOT EXISTS (SELECT 1 FROM onshi_terminal_health WHERE hospnum = $1) "
      "  ON CONFLICT (hospnum) DO NOTHING RETURNING silent_since) "
      "SELECT (SELECT count(*) FROM up) + (SELECT count(*) FROM ins WHERE silent_since IS NOT "
      "NULL)",
      {hospnum, since});
  return r.integer(0, 0) > 0;
}

}  // namespace onshi::store
