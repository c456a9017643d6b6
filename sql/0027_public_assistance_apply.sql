-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0027: an insurance apply of a public-assistance (medical assistance) result, card class A1:
-- apply mode 'pubassist' (the kohnum 012 public-expense row and its combinations; undone the
-- same day like the other modes). The modes other steps allowed are kept as they are.
DO $$
DECLARE
  def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
   WHERE conname = 'onshi_audit_apply_mode_check' AND conrelid = 'onshi_audit'::regclass;
  IF def IS NOT NULL AND position('''pubassist''' IN def) = 0 THEN
    ALTER TABLE onshi_audit DROP CONSTRAINT onshi_audit_apply_mode_check;
    EXECUTE 'ALTER TABLE onshi_audit ADD CONSTRAINT onshi_audit_apply_mode_check '
            || replace(def, '])', ', ''pubassist''::text])');
  END IF;
END $$;
