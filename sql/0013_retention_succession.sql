-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0013: the engine's daily retention purge, EMR copies recorded for it, and succession
-- (shoukei, succession: the facility's predecessor institution code).

-- The daily purge the engine runs itself, one per facility and local date (the primary key keeps
-- several engines, restarts and clock jumps from purging a day twice). What it removed, for the
-- administrator.
CREATE TABLE IF NOT EXISTS onshi_purge_run (
  hospnum          integer     NOT NULL,
  run_date         char(8)     NOT NULL CHECK (run_date ~ '^[0-9]{8}$'),
  cutoff           timestamptz,
  confirmations    bigint      NOT NULL DEFAULT 0,
  files            bigint      NOT NULL DEFAULT 0,
  jobs             bigint      NOT NULL DEFAULT 0,
  disk_files       bigint      NOT NULL DEFAULT 0,    -- archive, quarantine and EMR paths
  ran_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hospnum, run_date)
);

-- The EMR copy written for a drug/checkup result (onshi_facility.emr_dir): removed from disk
-- with the file's row by the retention purge.
ALTER TABLE onshi_received_file ADD COLUMN IF NOT EXISTS emr_path text;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'onshi_received_file_emr_path') THEN
    ALTER TABLE onshi_received_file ADD CONSTRAINT onshi_received_file_emr_path
      CHECK (emr_path LIKE '/%');
  END IF;
END $$;
-- PDF copies written before this migration were recorded with the result only.
UPDATE onshi_received_file f SET emr_path = i.pdf_path
  FROM (SELECT file_id, pdf_path FROM onshi_drug_info WHERE pdf_path IS NOT NULL
        UNION ALL SELECT file_id, pdf_path FROM onshi_checkup_info WHERE pdf_path IS NOT NULL) i
  WHERE f.file_id = i.file_id AND f.emr_path IS NULL;

-- Succession: the predecessor's 10-digit institution code. Results naming it are accepted for
-- this facility, and the received file records the code it named.
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS predecessor_code text;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'onshi_facility_predecessor_code') THEN
    ALTER TABLE onshi_facility ADD CONSTRAINT onshi_facility_predecessor_code
      CHECK (predecessor_code ~ '^[0-9]{10}$' AND predecessor_code <> institution_code);
  END IF;
END $$;
-- The predecessor's code a result named (NULL: it named the facility's own code).
ALTER TABLE onshi_received_file ADD COLUMN IF NOT EXISTS predecessor_code text;
