-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0016: reference-number upkeep (verification system manual, chapter 7: register,
-- update and delete the number of one qualification; registration of every insurance of a
-- patient with several in a bulk run).

-- A patient's number deleted from the national system on staff request: the row is kept as
-- 'deleted' so that the next card result does not register it again by itself. A deleted number
-- may be given to another patient, so the uniqueness holds only for the other states.
ALTER TABLE onshi_reference_number DROP CONSTRAINT IF EXISTS onshi_reference_number_state_check;
ALTER TABLE onshi_reference_number ADD CONSTRAINT onshi_reference_number_state_check
  CHECK (state IN ('pending', 'registered', 'failed', 'deleted'));
ALTER TABLE onshi_reference_number DROP CONSTRAINT IF EXISTS onshi_reference_number_unique;
CREATE UNIQUE INDEX IF NOT EXISTS onshi_reference_number_live_idx
  ON onshi_reference_number (hospnum, reference_number) WHERE state <> 'deleted';

-- One change of the number registered on exactly one insurance card (OQSsiimm01req): register
-- again (the patient's own number, e.g. after a wrong one was found), update (a new number) or
-- delete (an empty number). The card is stored as sent, so the answer is tied to it exactly; an
-- answer that cannot be tied to one change is recorded here as 'unmatched' (ptid NULL) and waits
-- for staff.
CREATE TABLE IF NOT EXISTS onshi_refnum_change (
  change_id        bigserial   PRIMARY KEY,
  hospnum          integer     NOT NULL,
  ptid             bigint,
  hknid            integer,
  action           text        NOT NULL CHECK (action IN ('register', 'update', 'delete')),
  old_number       varchar(50),
  new_number       varchar(50) CHECK (new_number <> ''),
  insurer_number   text        NOT NULL,
  card_symbol      text,
  card_number      text        NOT NULL,
  branch_number    text,
  state            text        NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'done', 'failed', 'unmatched', 'dismissed')),
  job_id           bigint      REFERENCES onshi_job ON DELETE SET NULL,
  file_id          bigint      REFERENCES onshi_received_file ON DELETE SET NULL,
  error            text,
  requested_by     text        NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((action = 'delete') = (new_number IS NULL)),
  CHECK (ptid IS NOT NULL OR state IN ('unmatched', 'dismissed'))
);
-- One open change per patient: a second one would race the first at the terminal.
CREATE UNIQUE INDEX IF NOT EXISTS onshi_refnum_change_open_idx
  ON onshi_refnum_change (hospnum, ptid) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS onshi_refnum_change_job_idx ON onshi_refnum_change (job_id);
CREATE INDEX IF NOT EXISTS onshi_refnum_change_state_idx ON onshi_refnum_change (hospnum, state);

-- A bulk run sends every current insurance of a patient (one entry per card, not per patient).
-- An entry is re-checked when its chunk is sent (the number or the card may have changed, the
-- number may have been deleted or given to another patient since the run started): only the
-- entries still right are sent, at sent_seq (their position in the upload; NULL = not sent).
-- Entries of chunks already sent were all sent, in seq order.
ALTER TABLE onshi_refnum_entry ADD COLUMN IF NOT EXISTS sent_seq integer CHECK (sent_seq >= 1);
UPDATE onshi_refnum_entry e SET sent_seq = e.seq FROM onshi_refnum_chunk c
 WHERE c.run_id = e.run_id AND c.chunk_no = e.chunk_no AND c.state <> 'pending'
   AND e.sent_seq IS NULL;
ALTER TABLE onshi_refnum_entry DROP CONSTRAINT IF EXISTS onshi_refnum_entry_pkey;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'onshi_refnum_entry_card') THEN
    ALTER TABLE onshi_refnum_entry ADD CONSTRAINT onshi_refnum_entry_card
      UNIQUE (run_id, ptid, insurer_number, card_number, card_symbol, branch_number);
  END IF;
END $$;

-- Changes are audited (kind 'refnum'). The kinds other steps allowed are kept as they are.
DO $$
DECLARE
  def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
   WHERE conname = 'onshi_audit_info_kind_check' AND conrelid = 'onshi_audit'::regclass;
  IF def IS NOT NULL AND position('''refnum''' IN def) = 0 THEN
    ALTER TABLE onshi_audit DROP CONSTRAINT onshi_audit_info_kind_check;
    EXECUTE 'ALTER TABLE onshi_audit ADD CONSTRAINT onshi_audit_info_kind_check '
            || replace(def, '])', ', ''refnum''::text])');
  END IF;
END $$;
