-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0026: the certificates a result returns applied to the host as ORCA 5.2 writes them
-- (issue 14; exchange/insurance_apply.h): new apply modes disease (specific-disease
-- certificate, tokutei shippei), elderly (elderly recipient certificate) and certs (every
-- certificate of the result at once); the limit mode also writes the low-income rows
-- (tbl_tsyrrk / tbl_tnkrrk) and the consent date (tbl_ptconf ONSGENDOnn), which the audit
-- images now hold too.

-- Per facility: apply a linked valid result's certificates automatically when the result is
-- stored and its link is certain (off until an administrator turns it on:
-- onshi-admin enable --auto-certificates yes). Audited as an apply by the engine, undoable.
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS auto_certificates boolean NOT NULL
  DEFAULT false;

-- The apply modes other steps allowed are kept as they are; these are added.
DO $$
DECLARE
  def text;
  m text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
   WHERE conname = 'onshi_audit_apply_mode_check' AND conrelid = 'onshi_audit'::regclass;
  IF def IS NULL THEN
    RETURN;
  END IF;
  FOREACH m IN ARRAY ARRAY['disease', 'elderly', 'certs'] LOOP
    IF position('''' || m || '''' IN def) = 0 THEN
      def := replace(def, '''limit''::text', '''limit''::text, ''' || m || '''::text');
    END IF;
  END LOOP;
  ALTER TABLE onshi_audit DROP CONSTRAINT onshi_audit_apply_mode_check;
  EXECUTE 'ALTER TABLE onshi_audit ADD CONSTRAINT onshi_audit_apply_mode_check ' || def;
END $$;
