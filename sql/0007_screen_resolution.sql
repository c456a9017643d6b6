-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0007: how staff resolved a result on a screen.

-- accepted: chosen "returned vs registered" updates were applied (registration screen);
-- linked: staff linked the result to a patient; new_patient: a patient was created from the
-- proposal; dismissed: staff set it aside (resolution_note says why).
ALTER TABLE onshi_confirmation ADD COLUMN IF NOT EXISTS resolution text;
ALTER TABLE onshi_confirmation ADD COLUMN IF NOT EXISTS resolution_note text;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint
                  WHERE conname = 'onshi_confirmation_resolution_known'
                    AND conrelid = 'onshi_confirmation'::regclass) THEN
    ALTER TABLE onshi_confirmation ADD CONSTRAINT onshi_confirmation_resolution_known
      CHECK (resolution IS NULL OR resolution IN ('accepted', 'linked', 'new_patient', 'dismissed'));
  END IF;
END
$$;
