-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0012: a share read by other programs too (drug-information viewers, other receipt or
-- chart programs). Only answers to requests we wrote are ours in res/; face/ check-ins are taken
-- off the share (as before) or left for the other program, per facility.

-- Every request name we ever wrote into req/ (every attempt of every job: a retry gets a new
-- name and a late answer to an earlier one is still ours). An answer in res/ is read only when
-- its request name is here; the rest belongs to another program and is never read, moved,
-- removed or quarantined. Kept as long as the facility's retention.
CREATE TABLE IF NOT EXISTS onshi_request_name (
  hospnum          smallint    NOT NULL,
  name             text        NOT NULL,              -- e.g. OQSsiquc01req_202506120001.xml
  job_id           bigint,
  correlation_key  text,                              -- our ArbitraryFileIdentifier in it
  written_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hospnum, name)
);
CREATE INDEX IF NOT EXISTS onshi_request_name_written_idx ON onshi_request_name (written_at);

-- Names written before this migration: the newest attempt of each job is all that was kept.
INSERT INTO onshi_request_name (hospnum, name, job_id, correlation_key, written_at)
  SELECT hospnum, request_file, job_id, correlation_key, updated_at FROM onshi_job
  WHERE request_file IS NOT NULL
ON CONFLICT DO NOTHING;

-- face/: 'take' (remove or move the check-in after import, as before) or 'leave' (another
-- program reads face/ too: the file stays; what was imported is remembered by name and content
-- in onshi_received_file, so that nothing is imported twice, also after a restart).
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS face_files text NOT NULL DEFAULT 'take';
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'onshi_facility_face_files') THEN
    ALTER TABLE onshi_facility ADD CONSTRAINT onshi_facility_face_files
      CHECK (face_files IN ('take', 'leave'));
  END IF;
END $$;
