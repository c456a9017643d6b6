-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0017: public assistance (iryo fujo; verification system manual chapter 6): the
-- facility setting that copies a medical ticket's issue number (kofu bango) into the host, the
-- results of the bulk retrieval of entrusted qualification information (itakusaki shikaku joho no
-- ikkatsu shutoku, OQSmutic) and its runs.

-- ORCA's own setting of the same meaning is system management 1051 position 218 KOFUTNK
-- (kofu bango no tenki: 0 no, 1 yes); ours is off until an administrator turns it on.
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS copy_issue_number boolean NOT NULL
  DEFAULT false;

-- A unit of an OQSmutic final result is a confirmation of its own source.
ALTER TABLE onshi_confirmation DROP CONSTRAINT IF EXISTS onshi_confirmation_source_check;
ALTER TABLE onshi_confirmation ADD CONSTRAINT onshi_confirmation_source_check
  CHECK (source IN ('face', 'single', 'bulk', 'entrusted'));

-- One retrieval of the tickets naming this facility for one treatment month: OQSmutic01req
-- (MedicalTreatmentMonth) -> 01res (reception number) -> OQSmutic02req, polled while the
-- terminal answers "still processing" -> 02res (one BulkConfirmUnit per ticket holder).
CREATE TABLE IF NOT EXISTS onshi_ticket_fetch (
  fetch_id         bigserial   PRIMARY KEY,
  hospnum          integer     NOT NULL,
  treatment_month  char(6)     NOT NULL CHECK (treatment_month ~ '^[0-9]{4}(0[1-9]|1[0-2])$'),
  state            text        NOT NULL DEFAULT 'uploading'
                   CHECK (state IN ('uploading', 'waiting', 'done', 'error')),
  upload_job_id    bigint      REFERENCES onshi_job ON DELETE SET NULL,
  download_job_id  bigint      REFERENCES onshi_job ON DELETE SET NULL,
  reception_number text,
  reception_time   text,
  polls            integer     NOT NULL DEFAULT 0 CHECK (polls >= 0),
  units            integer     NOT NULL DEFAULT 0 CHECK (units >= 0),
  linked           integer     NOT NULL DEFAULT 0 CHECK (linked >= 0),
  tickets          integer     NOT NULL DEFAULT 0 CHECK (tickets >= 0),
  file_id          bigint      REFERENCES onshi_received_file ON DELETE SET NULL,
  last_error       text,
  requested_by     text        NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS onshi_ticket_fetch_facility_idx
  ON onshi_ticket_fetch (hospnum, created_at);
CREATE INDEX IF NOT EXISTS onshi_ticket_fetch_upload_idx ON onshi_ticket_fetch (upload_job_id);
