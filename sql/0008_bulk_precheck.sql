-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0008: the next-day bulk pre-check (ikkatsu shokai, OQSmuquc01req .. 02res).

-- Settings per facility. The run happens at batch_time (now 18:00 by default: the evening before;
-- existing rows keep their value). One OQSmuquc01req carries at most bulk_chunk_max persons;
-- larger days are split into several requests. The first OQSmuquc02req goes bulk_poll_s seconds
-- after the reception number arrived; every "still processing" answer doubles the wait (at most
-- 30 minutes, never less than bulk_poll_s) until bulk_max_polls answers said so.
ALTER TABLE onshi_facility ALTER COLUMN batch_time SET DEFAULT '18:00';
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS bulk_chunk_max integer NOT NULL DEFAULT 1000
  CHECK (bulk_chunk_max BETWEEN 1 AND 10000);
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS bulk_poll_s integer NOT NULL DEFAULT 300
  CHECK (bulk_poll_s BETWEEN 1 AND 86400);
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS bulk_max_polls integer NOT NULL DEFAULT 30
  CHECK (bulk_max_polls BETWEEN 1 AND 1000);

-- One pre-check of one reservation day (the confirmation date sent) for one facility.
CREATE TABLE IF NOT EXISTS onshi_bulk_batch (
  batch_id         bigserial   PRIMARY KEY,
  hospnum          integer     NOT NULL,
  day              char(8)     NOT NULL CHECK (day ~ '^[0-9]{8}$'),
  trigger          text        NOT NULL CHECK (trigger IN ('schedule', 'admin', 'screen')),
  patients         integer     NOT NULL CHECK (patients >= 0),   -- persons requested
  skipped_test     integer     NOT NULL DEFAULT 0,               -- test patients (never sent)
  skipped_no_insurance integer NOT NULL DEFAULT 0,               -- no usable insurance that day
  skipped_invalid  integer     NOT NULL DEFAULT 0,               -- no patient number, bad data
  requested_by     text,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS onshi_bulk_batch_day_idx ON onshi_bulk_batch (hospnum, day);

-- One OQSmuquc01req of a batch and what followed it: the reception number of its 01res, the
-- current OQSmuquc02req, the number of "still processing" answers, the final counts per unit.
-- state: uploading (01req queued or sent) -> waiting (reception number stored, 02req polls)
-- -> done (final result imported) | error (refused upload, SegmentOfResult 9, too many polls).
-- A failed or expired job of an uploading/waiting chunk also counts as error (status query).
CREATE TABLE IF NOT EXISTS onshi_bulk_chunk (
  batch_id         bigint      NOT NULL REFERENCES onshi_bulk_batch ON DELETE CASCADE,
  chunk_no         integer     NOT NULL CHECK (chunk_no >= 1),
  hospnum          integer     NOT NULL,
  entries          jsonb       NOT NULL,            -- the search values of each person
  patients         integer     NOT NULL CHECK (patients >= 1),
  upload_job_id    bigint      REFERENCES onshi_job ON DELETE SET NULL,
  reception_number text,
  reception_time   timestamp,
  download_job_id  bigint      REFERENCES onshi_job ON DELETE SET NULL,
  polls            integer     NOT NULL DEFAULT 0 CHECK (polls >= 0),  -- "still processing" answers
  state            text        NOT NULL DEFAULT 'uploading'
                   CHECK (state IN ('uploading', 'waiting', 'done', 'error')),
  result_file_id   bigint      REFERENCES onshi_received_file ON DELETE SET NULL,
  units            integer,
  valid            integer,
  invalid          integer,
  errors           integer,
  last_error       text,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (batch_id, chunk_no)
);
CREATE UNIQUE INDEX IF NOT EXISTS onshi_bulk_chunk_upload_job
  ON onshi_bulk_chunk (upload_job_id) WHERE upload_job_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS onshi_bulk_chunk_reception_idx
  ON onshi_bulk_chunk (hospnum, reception_number) WHERE reception_number IS NOT NULL;

-- The scheduled evening runs, one per facility and local date (the primary key is what keeps
-- several engines, restarts and clock jumps from running a day twice).
CREATE TABLE IF NOT EXISTS onshi_bulk_run (
  hospnum          integer     NOT NULL,
  run_date         char(8)     NOT NULL CHECK (run_date ~ '^[0-9]{8}$'),
  day              char(8),                         -- reservation day chosen, NULL: none
  batch_id         bigint      REFERENCES onshi_bulk_batch ON DELETE SET NULL,
  note             text,
  ran_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hospnum, run_date)
);
