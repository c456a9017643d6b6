-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0009: reference-number registration (single and bulk) and drug/checkup information
-- flows: the reference-number source setting, resumable bulk registration runs, audit actions.

-- What a patient's reference number is made of: the host's patient number (default, as ORCA
-- does) or its internal patient id.
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS reference_number_source text NOT NULL
  DEFAULT 'ptnum' CHECK (reference_number_source IN ('ptnum', 'ptid'));

-- One bulk registration of every patient with insurance (onshi-admin refnum register-all).
-- The whole state lives here, so an interrupted run is resumed by running the command again.
CREATE TABLE IF NOT EXISTS onshi_refnum_run (
  run_id           bigserial   PRIMARY KEY,
  hospnum          integer     NOT NULL,
  state            text        NOT NULL DEFAULT 'running'
                   CHECK (state IN ('running', 'done', 'cancelled')),
  chunk_size       integer     NOT NULL CHECK (chunk_size BETWEEN 1 AND 10000),
  total            integer     NOT NULL DEFAULT 0 CHECK (total >= 0),
  started_by       text        NOT NULL,
  started_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS onshi_refnum_run_running_idx
  ON onshi_refnum_run (hospnum) WHERE state = 'running';

-- One OQSmuimm01req upload and its download polls.
CREATE TABLE IF NOT EXISTS onshi_refnum_chunk (
  run_id           bigint      NOT NULL REFERENCES onshi_refnum_run ON DELETE CASCADE,
  chunk_no         integer     NOT NULL CHECK (chunk_no >= 1),
  hospnum          integer     NOT NULL,
  state            text        NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'uploading', 'processing', 'done', 'failed')),
  entries          integer     NOT NULL CHECK (entries >= 0),
  upload_job_id    bigint      REFERENCES onshi_job ON DELETE SET NULL,
  download_job_id  bigint      REFERENCES onshi_job ON DELETE SET NULL,
  reception_number text,
  polls            integer     NOT NULL DEFAULT 0 CHECK (polls >= 0),
  registered       integer     NOT NULL DEFAULT 0 CHECK (registered >= 0),
  refused          integer     NOT NULL DEFAULT 0 CHECK (refused >= 0),
  error            text,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, chunk_no)
);
CREATE INDEX IF NOT EXISTS onshi_refnum_chunk_state_idx ON onshi_refnum_chunk (hospnum, state);

-- One patient's insurance card in a run, as sent.
CREATE TABLE IF NOT EXISTS onshi_refnum_entry (
  run_id           bigint      NOT NULL,
  chunk_no         integer     NOT NULL,
  seq              integer     NOT NULL CHECK (seq >= 1),
  hospnum          integer     NOT NULL,
  ptid             bigint      NOT NULL,
  hknid            integer,
  reference_number varchar(50) NOT NULL CHECK (reference_number <> ''),
  insurer_number   text        NOT NULL,
  card_symbol      text,
  card_number      text        NOT NULL,
  branch_number    text,
  state            text        NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'registered', 'failed')),
  error            text,
  PRIMARY KEY (run_id, ptid),
  UNIQUE (run_id, chunk_no, seq),
  FOREIGN KEY (run_id, chunk_no) REFERENCES onshi_refnum_chunk ON DELETE CASCADE
);

-- The engine records receiving (or refusing at send time) drug/checkup information too.
ALTER TABLE onshi_audit DROP CONSTRAINT IF EXISTS onshi_audit_action_check;
ALTER TABLE onshi_audit ADD CONSTRAINT onshi_audit_action_check
  CHECK (action IN ('request', 'view', 'receive'));
