-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0014: the prescription form the patient chose at the card reader
-- (PrescriptionIssueSelect, OQSCD017: 1 electronic prescription, 2 paper), kept with each
-- confirmation (in the message body or in the result; doc/decisions.md 6) and shown by the
-- registration and reception hooks. NULL: not chosen or not sent. No CHECK: the reader checks
-- the code; a value a later layout adds must not make the import of a whole file fail here.
ALTER TABLE onshi_confirmation ADD COLUMN IF NOT EXISTS prescription_issue_select text;
