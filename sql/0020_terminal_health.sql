-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0020: what the engine knows of the verification terminal and the share, kept for
-- the screens and `onshi-admin status` (store/terminal_health.h). One row per facility, written
-- only when a state changes (never per file). Everything else shown about the terminal (last
-- answer, latency, .err rate, requests waiting) is computed from the files and jobs themselves.
CREATE TABLE IF NOT EXISTS onshi_terminal_health (
  hospnum          integer     PRIMARY KEY,
  -- req/ could (true) or could not (false) be written at the last pass that tried; NULL: not
  -- tried yet. share_error: the OS reason of the last failure (folder and file name only).
  share_ok         boolean,
  share_error      text,
  share_changed_at timestamptz,
  -- The terminal is silent: requests are unanswered past the facility's answer timeout and no
  -- answer of any kind came after the oldest of them was written. silent_since: that write.
  silent_since     timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- The writes of one job's request files (every attempt): the first of them tells since when a
-- job waits for the terminal.
CREATE INDEX IF NOT EXISTS onshi_request_name_job_idx ON onshi_request_name (job_id);
