-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0018: home-visit and online care (houmon shinryo tou / online shinryo tou;
-- verification system manual, chapter 3; facts and sources in tests/fixtures/homevisit/README.md): whether a facility
-- uses these flows, the consented-information bulks (OQSmuhvq / OQSmuonq) as batches of the bulk
-- tables, and the withdrawal of a patient's consent to view (etsuran doui torikeshi, OQSsihvd01req).

-- Whether the facility uses the flows, as ORCA's own settings say for its screens (system
-- management 1051, HOUMON at position 215 and ONLINE at 216: 0 do not ask, 1 ask). Off by default:
-- a facility that does not do home visits or online care never sends these requests.
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS home_visit boolean NOT NULL DEFAULT false;
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS online_care boolean NOT NULL DEFAULT false;

-- A batch of the bulk tables is the evening pre-check of a reservation day (flow 'precheck',
-- OQSmuquc, one entry per person) or a consented-information bulk (flow 'homevisit' OQSmuhvq,
-- 'online' OQSmuonq): one chunk asking by criteria (the dates in `criteria`, no persons; `day`
-- is the day it was asked). The chunk's state machine, polls and counts are the same.
ALTER TABLE onshi_bulk_batch ADD COLUMN IF NOT EXISTS flow text NOT NULL DEFAULT 'precheck';
ALTER TABLE onshi_bulk_batch ADD COLUMN IF NOT EXISTS criteria jsonb;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'onshi_bulk_batch_flow_check'
                  AND conrelid = 'onshi_bulk_batch'::regclass) THEN
    ALTER TABLE onshi_bulk_batch ADD CONSTRAINT onshi_bulk_batch_flow_check
      CHECK (flow IN ('precheck', 'homevisit', 'online'));
  END IF;
END $$;
-- A criteria chunk names nobody in advance (patients 0; the units say who consented).
ALTER TABLE onshi_bulk_chunk DROP CONSTRAINT IF EXISTS onshi_bulk_chunk_patients_check;
ALTER TABLE onshi_bulk_chunk ADD CONSTRAINT onshi_bulk_chunk_patients_check
  CHECK (patients >= 0);

-- One withdrawal of a patient's consent to view (home visits only: the patient died or the care
-- contract ended), for one insurance card as sent. state: pending (queued or sent) -> done (the
-- terminal accepted) | failed (refused, with its code and message; or the request gave up).
CREATE TABLE IF NOT EXISTS onshi_consent_withdrawal (
  withdrawal_id    bigserial   PRIMARY KEY,
  hospnum          integer     NOT NULL,
  ptid             bigint      NOT NULL,
  hknid            integer,
  insurer_number   text        NOT NULL,
  card_symbol      text,
  card_number      text        NOT NULL,
  branch_number    text,
  birthdate        char(8)     NOT NULL CHECK (birthdate ~ '^[0-9]{8}$'),
  state            text        NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'done', 'failed')),
  job_id           bigint      REFERENCES onshi_job ON DELETE SET NULL,
  file_id          bigint      REFERENCES onshi_received_file ON DELETE SET NULL,
  error            text,
  requested_by     text        NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- One open withdrawal per patient.
CREATE UNIQUE INDEX IF NOT EXISTS onshi_consent_withdrawal_open_idx
  ON onshi_consent_withdrawal (hospnum, ptid) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS onshi_consent_withdrawal_job_idx ON onshi_consent_withdrawal (job_id);

-- Withdrawals are audited (kind 'consent'). The kinds other steps allowed are kept as they are.
DO $$
DECLARE
  def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
   WHERE conname = 'onshi_audit_info_kind_check' AND conrelid = 'onshi_audit'::regclass;
  IF def IS NOT NULL AND position('''consent''' IN def) = 0 THEN
    ALTER TABLE onshi_audit DROP CONSTRAINT onshi_audit_info_kind_check;
    EXECUTE 'ALTER TABLE onshi_audit ADD CONSTRAINT onshi_audit_info_kind_check '
            || replace(def, '])', ', ''consent''::text])');
  END IF;
END $$;
