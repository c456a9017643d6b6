-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0025: outage mode (issue 15; reference 004 Ch.12 section 1, 002 disaster measures).
-- While the terminal or the national system is down, reception goes on: staff record what the
-- patient states and what the My Number card shows (name, sex, birthdate, address; kana and the
-- insurer if known). After recovery the engine checks those patients again, with the visit
-- date, and the list shows what changed. Statements without a patient wait for staff (a new
-- patient is registered first, or the terminal's own screen is used with the recorded facts).
CREATE TABLE IF NOT EXISTS onshi_outage_statement (
  statement_id     bigserial   PRIMARY KEY,
  hospnum          integer     NOT NULL,
  ptid             bigint,                               -- host patient, when known
  visit_date       char(8)     NOT NULL CHECK (visit_date ~ '^[0-9]{8}$'),
  name             text        NOT NULL CHECK (name <> ''),
  name_kana        text        NOT NULL DEFAULT '',
  sex              char(1)     NOT NULL CHECK (sex IN ('1', '2')),
  birthdate        char(8)     NOT NULL CHECK (birthdate ~ '^[0-9]{8}$'),
  address          text        NOT NULL DEFAULT '',
  insurer          text        NOT NULL DEFAULT '',       -- insurer name or number, as stated
  state            text        NOT NULL DEFAULT 'waiting'
                   CHECK (state IN ('waiting', 'queued', 'answered', 'staff', 'cancelled')),
  job_id           bigint      REFERENCES onshi_job ON DELETE SET NULL,
  attempts         integer     NOT NULL DEFAULT 0,
  note             text        NOT NULL DEFAULT '',       -- why staff must act (state staff)
  recorded_by      text        NOT NULL CHECK (recorded_by <> ''),
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  queued_at        timestamptz,
  CONSTRAINT onshi_outage_statement_queued_has_job CHECK (state <> 'queued' OR job_id IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS onshi_outage_statement_open_idx
  ON onshi_outage_statement (hospnum, statement_id) WHERE state IN ('waiting', 'queued');
CREATE INDEX IF NOT EXISTS onshi_outage_statement_job_idx ON onshi_outage_statement (job_id);

-- A declared disaster (reference 002): drug information may be requested without the patient's consent
-- at the card reader while an administrator has declared it for the facility (the ministry
-- names the region and the period); every such request is audited as made under it.
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS disaster_since timestamptz;
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS disaster_until timestamptz;
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS disaster_by text;
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS disaster_reason text;

-- Statements and declarations are audited (kinds 'outage', 'disaster'); the kinds other steps
-- allowed are kept as they are.
DO $$
DECLARE
  def text;
  k text;
BEGIN
  FOREACH k IN ARRAY ARRAY['outage', 'disaster'] LOOP
    SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
     WHERE conname = 'onshi_audit_info_kind_check' AND conrelid = 'onshi_audit'::regclass;
    IF def IS NOT NULL AND position(quote_literal(k) IN def) = 0 THEN
      ALTER TABLE onshi_audit DROP CONSTRAINT onshi_audit_info_kind_check;
      EXECUTE 'ALTER TABLE onshi_audit ADD CONSTRAINT onshi_audit_info_kind_check '
              || replace(def, '])', ', ' || quote_literal(k) || '::text])');
    END IF;
  END LOOP;
END $$;
