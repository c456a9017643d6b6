-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0002: per-facility settings, the job queue, received files.

-- Per-facility settings. A facility without a row, or with enabled = false, is not served.
CREATE TABLE IF NOT EXISTS onshi_facility (
  hospnum            integer     PRIMARY KEY,
  enabled            boolean     NOT NULL DEFAULT false,
  institution_code   char(10)    NOT NULL CHECK (institution_code ~ '^[0-9]{10}$'),
  share_dir          text        NOT NULL CHECK (share_dir LIKE '/%'),
  req_dir            text        CHECK (req_dir LIKE '/%'),   -- NULL: share_dir/req
  res_dir            text        CHECK (res_dir LIKE '/%'),   -- NULL: share_dir/res
  face_dir           text        CHECK (face_dir LIKE '/%'),  -- NULL: share_dir/face
  emr_dir            text        CHECK (emr_dir LIKE '/%'),   -- drug/checkup files go here
  request_encoding   text        NOT NULL DEFAULT 'UTF-8'
                                 CHECK (request_encoding IN ('UTF-8', 'Shift_JIS')),
  batch_time         time        NOT NULL DEFAULT '15:00',    -- next-day bulk pre-check
  retention_months   integer     NOT NULL DEFAULT 12 CHECK (retention_months BETWEEN 6 AND 12),
  after_import       text        NOT NULL DEFAULT 'delete' CHECK (after_import IN ('delete', 'move')),
  move_dir           text        CHECK (move_dir LIKE '/%'),
  medical_info_format text       NOT NULL DEFAULT 'xml' CHECK (medical_info_format IN ('xml', 'pdf')),
  poll_interval_ms   integer     NOT NULL DEFAULT 2000 CHECK (poll_interval_ms >= 100),
  answer_timeout_s   integer     NOT NULL DEFAULT 60 CHECK (answer_timeout_s > 0),
  max_attempts       integer     NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
  enabled_at         timestamptz,
  updated_by         text,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT onshi_facility_move_needs_dir CHECK (after_import <> 'move' OR move_dir IS NOT NULL)
);

-- Requests to the terminal, used as a queue: the engine takes due rows with
-- SELECT ... WHERE state = 'pending' AND next_attempt_at <= now() FOR UPDATE SKIP LOCKED.
CREATE TABLE IF NOT EXISTS onshi_job (
  job_id           bigserial   PRIMARY KEY,
  hospnum          integer     NOT NULL,
  kind             text        NOT NULL,            -- request kind, e.g. OQSsiquc01req
  ptid             bigint,                          -- host patient (tbl_ptinf.ptid), if any
  hknid            integer,                         -- host insurance (tbl_pthkninf.hknid), if any
  payload          jsonb       NOT NULL DEFAULT '{}',
  state            text        NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'sent', 'answered', 'failed', 'expired', 'cancelled')),
  due_at           timestamptz NOT NULL DEFAULT now(),
  attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  correlation_key  text,                            -- ArbitraryFileIdentifier / reception number
  request_file     text,                            -- name written into req/
  expires_at       timestamptz,
  last_error       text,
  requested_by     text,                            -- host operator id
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS onshi_job_due_idx
  ON onshi_job (next_attempt_at) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS onshi_job_patient_idx ON onshi_job (hospnum, ptid);
CREATE INDEX IF NOT EXISTS onshi_job_state_idx ON onshi_job (hospnum, state);
CREATE UNIQUE INDEX IF NOT EXISTS onshi_job_correlation_key
  ON onshi_job (hospnum, correlation_key) WHERE correlation_key IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS onshi_job_request_file
  ON onshi_job (hospnum, request_file) WHERE request_file IS NOT NULL;

-- Every file taken from res/ or face/. The key (hospnum, file_name, content_sha256) makes a
-- re-import after a crash a no-op (INSERT ... ON CONFLICT DO NOTHING).
CREATE TABLE IF NOT EXISTS onshi_received_file (
  file_id          bigserial   PRIMARY KEY,
  hospnum          integer     NOT NULL,
  folder           text        NOT NULL CHECK (folder IN ('res', 'face')),
  file_name        text        NOT NULL CHECK (file_name !~ '[/\\]' AND length(file_name) <= 255),
  content_sha256   bytea       NOT NULL CHECK (octet_length(content_sha256) = 32),
  size_bytes       bigint      NOT NULL CHECK (size_bytes >= 0),
  kind             text,                            -- message kind, e.g. OQSsiquc01res
  state            text        NOT NULL DEFAULT 'received'
                   CHECK (state IN ('received', 'imported', 'refused', 'retry')),
  refusal          text,                            -- refusal kind (too_large, encoding, ...)
  error            text,
  raw              bytea,                           -- archived bytes (archive in the database)
  archive_path     text        CHECK (archive_path LIKE '/%'),  -- or archived file on disk
  job_id           bigint      REFERENCES onshi_job ON DELETE SET NULL,
  received_at      timestamptz NOT NULL DEFAULT now(),
  imported_at      timestamptz,
  removed_from_share_at timestamptz,
  CONSTRAINT onshi_received_file_once UNIQUE (hospnum, file_name, content_sha256)
);
CREATE INDEX IF NOT EXISTS onshi_received_file_recent_idx
  ON onshi_received_file (hospnum, received_at);

-- Nothing is queued or imported for a facility that is not enabled.
CREATE OR REPLACE FUNCTION onshi_require_enabled() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM onshi_facility WHERE hospnum = NEW.hospnum AND enabled) THEN
    RAISE EXCEPTION 'onshi-link is not enabled for facility hospnum %', NEW.hospnum
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'onshi-admin enable --hospnum N ...';
  END IF;
  RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS onshi_job_require_enabled ON onshi_job;
CREATE TRIGGER onshi_job_require_enabled BEFORE INSERT ON onshi_job
  FOR EACH ROW EXECUTE FUNCTION onshi_require_enabled();
DROP TRIGGER IF EXISTS onshi_received_file_require_enabled ON onshi_received_file;
CREATE TRIGGER onshi_received_file_require_enabled BEFORE INSERT ON onshi_received_file
  FOR EACH ROW EXECUTE FUNCTION onshi_require_enabled();
