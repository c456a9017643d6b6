-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0024: staff apply a valid result's insurance to the host (no change, change, add,
-- the limit certificate) and may undo it the same day. Each apply and each undo is one onshi_audit row (kind
-- insurance, action apply / undo) holding JSON images of the host rows it touched (tbl_ptnum,
-- tbl_pthkninf, tbl_pthknrrk, tbl_hkncombi, tbl_ptkohinf of the patient) before and after; an undo names the
-- apply it reverses, at most one undo per apply. The result is resolved 'applied'.
ALTER TABLE onshi_audit ADD COLUMN IF NOT EXISTS apply_mode text
  CHECK (apply_mode IS NULL OR apply_mode IN ('nochange', 'change', 'add', 'limit'));
ALTER TABLE onshi_audit ADD COLUMN IF NOT EXISTS before_image jsonb;
ALTER TABLE onshi_audit ADD COLUMN IF NOT EXISTS after_image jsonb;
ALTER TABLE onshi_audit ADD COLUMN IF NOT EXISTS undoes bigint REFERENCES onshi_audit;
CREATE UNIQUE INDEX IF NOT EXISTS onshi_audit_one_undo ON onshi_audit (undoes)
  WHERE undoes IS NOT NULL;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint
                  WHERE conname = 'onshi_audit_apply_shape' AND conrelid = 'onshi_audit'::regclass)
  THEN
    ALTER TABLE onshi_audit ADD CONSTRAINT onshi_audit_apply_shape CHECK (
      (action = 'undo') = (undoes IS NOT NULL)
      AND (action NOT IN ('apply', 'undo')
           OR (info_kind = 'insurance' AND ptid IS NOT NULL AND info_id IS NOT NULL
               AND before_image IS NOT NULL AND after_image IS NOT NULL))
      AND ((action = 'apply') = (apply_mode IS NOT NULL)));
  END IF;
END $$;

-- The actions and kinds other steps allowed are kept as they are.
DO $$
DECLARE
  def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
   WHERE conname = 'onshi_audit_action_check' AND conrelid = 'onshi_audit'::regclass;
  IF def IS NOT NULL AND position('''apply''' IN def) = 0 THEN
    ALTER TABLE onshi_audit DROP CONSTRAINT onshi_audit_action_check;
    EXECUTE 'ALTER TABLE onshi_audit ADD CONSTRAINT onshi_audit_action_check '
            || replace(def, '])', ', ''apply''::text, ''undo''::text])');
  END IF;
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
   WHERE conname = 'onshi_audit_info_kind_check' AND conrelid = 'onshi_audit'::regclass;
  IF def IS NOT NULL AND position('''insurance''' IN def) = 0 THEN
    ALTER TABLE onshi_audit DROP CONSTRAINT onshi_audit_info_kind_check;
    EXECUTE 'ALTER TABLE onshi_audit ADD CONSTRAINT onshi_audit_info_kind_check '
            || replace(def, '])', ', ''insurance''::text])');
  END IF;
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
   WHERE conname = 'onshi_confirmation_resolution_known'
     AND conrelid = 'onshi_confirmation'::regclass;
  IF def IS NOT NULL AND position('''applied''' IN def) = 0 THEN
    ALTER TABLE onshi_confirmation DROP CONSTRAINT onshi_confirmation_resolution_known;
    EXECUTE 'ALTER TABLE onshi_confirmation ADD CONSTRAINT onshi_confirmation_resolution_known '
            || replace(def, '])', ', ''applied''::text])');
  END IF;
END $$;
CREATE INDEX IF NOT EXISTS onshi_audit_apply_idx ON onshi_audit (hospnum, info_id)
  WHERE info_kind = 'insurance';
