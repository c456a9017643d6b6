-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0023: notices for the front desk (store/notices.h, README "Notices"). A notice is
-- written where a result that needs staff is decided (the importer: no patient, candidates,
-- differences, invalid, a refused file) and where the engine finds the terminal silent or
-- answering again; each insert notifies the channel onshi_notice with the facility number in the
-- same transaction, so the screens waiting in the hook `notices` wake at the commit. Each
-- workstation acknowledges a notice once (onshi_notice_ack); another workstation still sees it.
CREATE TABLE IF NOT EXISTS onshi_notice (
  notice_id        bigserial   PRIMARY KEY,
  hospnum          integer     NOT NULL,
  kind             text        NOT NULL
                   CHECK (kind IN ('no_patient', 'candidates', 'differences', 'invalid',
                                   'refused_file', 'terminal_silent', 'terminal_answers')),
  -- What the notice is about: a result, a received file (refused), a job; removed with them by
  -- the retention purge.
  confirmation_id  bigint      REFERENCES onshi_confirmation ON DELETE CASCADE,
  file_id          bigint      REFERENCES onshi_received_file ON DELETE CASCADE,
  job_id           bigint,
  ptid             bigint,
  -- The text fields the screen shows: the person as returned (or the file name), and a detail
  -- (validity, refusal reason, since when the terminal is silent).
  subject          text        NOT NULL DEFAULT '',
  detail           text        NOT NULL DEFAULT '',
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS onshi_notice_facility_idx ON onshi_notice (hospnum, notice_id);
-- One notice per result and per refused file, whatever retries the import makes.
CREATE UNIQUE INDEX IF NOT EXISTS onshi_notice_confirmation_idx
  ON onshi_notice (confirmation_id) WHERE confirmation_id IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS onshi_notice_file_idx
  ON onshi_notice (file_id) WHERE file_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS onshi_notice_ack (
  notice_id        bigint      NOT NULL REFERENCES onshi_notice ON DELETE CASCADE,
  hospnum          integer     NOT NULL,                -- the notice's facility
  workstation      text        NOT NULL CHECK (workstation <> ''),
  staff            text        NOT NULL CHECK (staff <> ''),
  acked_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (notice_id, workstation)
);

-- An acknowledgement is audited (onshi_audit, action view, kind notice).
DO $$
DECLARE
  def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
   WHERE conname = 'onshi_audit_info_kind_check' AND conrelid = 'onshi_audit'::regclass;
  IF def IS NOT NULL AND position('''notice''' IN def) = 0 THEN
    ALTER TABLE onshi_audit DROP CONSTRAINT onshi_audit_info_kind_check;
    EXECUTE 'ALTER TABLE onshi_audit ADD CONSTRAINT onshi_audit_info_kind_check '
            || replace(def, '])', ', ''notice''::text])');
  END IF;
END $$;
