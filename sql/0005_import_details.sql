-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0005: what the importer records beside each confirmation for the screens.

-- Card check-in of a person the clinic does not know: a ready "new patient" proposal (name, kana
-- in the host's full-width form, sex, birthdate, address, insurance) that reception can accept.
ALTER TABLE onshi_confirmation ADD COLUMN IF NOT EXISTS new_patient_proposal jsonb;

-- Returned values that differ from the host's record (names are never changed silently), and
-- the host updates the importer made (last confirmation date, a filled branch number).
ALTER TABLE onshi_confirmation ADD COLUMN IF NOT EXISTS differences jsonb NOT NULL DEFAULT '{}';
ALTER TABLE onshi_confirmation ADD COLUMN IF NOT EXISTS host_updates jsonb NOT NULL DEFAULT '{}';

-- Which insurance (hknid) or public expense (kohid) row the result matched.
ALTER TABLE onshi_confirmation ADD COLUMN IF NOT EXISTS coverage_id integer;
ALTER TABLE onshi_confirmation ADD COLUMN IF NOT EXISTS linked_by text;

-- Results waiting for staff, per facility (reception list of unresolved check-ins).
CREATE INDEX IF NOT EXISTS onshi_confirmation_waiting_idx
  ON onshi_confirmation (hospnum, created_at)
  WHERE link_state IN ('candidates', 'no_patient', 'conflict') AND resolved_at IS NULL;
