-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0010: one import per content, and indexes for the linker's lookups.

-- The same content delivered under two names (the terminal sent a file again under a new name)
-- is imported once, where identical bytes cannot be two events: card check-ins (face/: a
-- system-generated identifier and time stamp) and answers carrying our own per-request
-- ArbitraryFileIdentifier. (A bulk "still processing" answer carries no identifier; two polls
-- answered within the same second may be byte-identical, so such files stay keyed by name.)
-- A second imported row with such content is refused by the unique index and the importer
-- treats the file as a duplicate (disposed of, nothing stored twice).
ALTER TABLE onshi_received_file ADD COLUMN IF NOT EXISTS once_per_content boolean NOT NULL
  DEFAULT false;
CREATE UNIQUE INDEX IF NOT EXISTS onshi_received_file_content_idx
  ON onshi_received_file (hospnum, content_sha256) WHERE state = 'imported' AND once_per_content;

-- The linker looks patients up by the card's number (trimmed: hosts store padded values), the
-- public-assistance recipient number, the patient number and birthdate. Without these indexes
-- every card check-in reads the host's whole insurance table (milliseconds per file at tens of
-- thousands of patients). Expression indexes on the host's tables, created only when missing;
-- they change nothing the host reads or writes.
CREATE INDEX IF NOT EXISTS onshi_pthkninf_card_idx ON tbl_pthkninf (hospnum, btrim(num));
CREATE INDEX IF NOT EXISTS onshi_ptkohinf_recipient_idx ON tbl_ptkohinf (hospnum, btrim(jkysnum));
CREATE INDEX IF NOT EXISTS onshi_ptnum_trimmed_idx ON tbl_ptnum (hospnum, rtrim(ptnum));
CREATE INDEX IF NOT EXISTS onshi_ptinf_birthday_idx ON tbl_ptinf (hospnum, birthday);

-- A result finds the job it answers by our correlation key or the request's file name.
CREATE INDEX IF NOT EXISTS onshi_job_correlation_idx ON onshi_job (hospnum, correlation_key);
CREATE INDEX IF NOT EXISTS onshi_job_request_file_idx ON onshi_job (hospnum, request_file);
