-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0028: the pre-fill way of applying a result (issue 14, ORCA's own way, fact sheet
-- section 6). Per facility, apply_mode 'direct' (default: onshi-link writes every row ORCA's
-- registration would write) or 'prefill': an apply other than "no change" writes no host row;
-- it stores what the host's registration screen must show (onshi_prefill.proposal: the rows as
-- the direct apply would write them) and stays pending until the host tells us registration saved
-- (the hook insurance_saved; a new patient: patient_saved), or staff cancel it. On save the host's
-- rows are read back and compared with the proposal; the differences are kept (never hidden).
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS apply_mode text NOT NULL DEFAULT 'direct'
  CHECK (apply_mode IN ('direct', 'prefill'));

CREATE TABLE IF NOT EXISTS onshi_prefill (
  prefill_id       bigserial   PRIMARY KEY,
  hospnum          integer     NOT NULL,
  confirmation_id  bigint      NOT NULL REFERENCES onshi_confirmation ON DELETE CASCADE,
  ptid             bigint,                               -- NULL: a new patient
  mode             text        NOT NULL CHECK (mode <> ''),  -- the apply mode (change, add, ...)
  state            text        NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'saved', 'cancelled')),
  proposal         jsonb       NOT NULL,                 -- rows the registration should write
  before_image     jsonb       NOT NULL,                 -- host rows when the pre-fill was made
  differences      jsonb       NOT NULL DEFAULT '[]',    -- saved: what the host wrote otherwise
  saved_hknid      bigint,
  saved_kohids     bigint[],
  audit_id         bigint      REFERENCES onshi_audit,  -- the apply recorded on save
  created_by       text        NOT NULL CHECK (created_by <> ''),
  created_at       timestamptz NOT NULL DEFAULT now(),
  closed_by        text,
  closed_at        timestamptz,
  CONSTRAINT onshi_prefill_closed CHECK ((state = 'pending') = (closed_at IS NULL))
);
-- At most one pending pre-fill per result.
CREATE UNIQUE INDEX IF NOT EXISTS onshi_prefill_one_pending
  ON onshi_prefill (confirmation_id) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS onshi_prefill_patient_idx
  ON onshi_prefill (hospnum, ptid) WHERE state = 'pending';
