-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0015: diagnosis and surgery information (shinryo / shujutsu jouhou): the treatment
-- records (MeTrInfs/MeTrInf) a drug-information request with FileCategory 3 (PDF) or 4 (XML)
-- returns besides the drugs, gated by the DiagnosisInfoConsFlg consent (and OperationInfoConsFlg
-- for surgery records) and a staff permission of its own. The drugs of such an answer are stored
-- as drug information (onshi_drug_info); the answer itself and its treatment records here.

-- The staff permission (our table, never ORCA's).
ALTER TABLE onshi_staff_permission ADD COLUMN IF NOT EXISTS diagnosis_view boolean NOT NULL
  DEFAULT false;

CREATE TABLE IF NOT EXISTS onshi_diagnosis_info (
  info_id          bigserial   PRIMARY KEY,
  hospnum          integer     NOT NULL,
  ptid             bigint      NOT NULL,
  job_id           bigint      REFERENCES onshi_job ON DELETE SET NULL,
  file_id          bigint      REFERENCES onshi_received_file ON DELETE SET NULL,
  format           text        NOT NULL CHECK (format IN ('xml', 'pdf')),
  month_from       char(6),
  month_to         char(6),
  result_code      text,
  message          text,
  pdf              bytea,
  pdf_path         text        CHECK (pdf_path LIKE '/%'),
  -- Surgery records of the answer not stored because the patient's operation consent was not
  -- current when it was imported.
  surgery_withheld integer     NOT NULL DEFAULT 0 CHECK (surgery_withheld >= 0),
  received_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS onshi_diagnosis_info_patient_idx
  ON onshi_diagnosis_info (hospnum, ptid, received_at);

-- One MeTrInf (a treatment act of a day) as sent.
CREATE TABLE IF NOT EXISTS onshi_diagnosis_info_row (
  info_id          bigint      NOT NULL REFERENCES onshi_diagnosis_info ON DELETE CASCADE,
  seq              integer     NOT NULL,
  treatment_month  char(6),
  treatment_date   char(8),
  institution_code text,
  institution_name text,
  treatment_class  text,        -- MeTrIdCl, the claim's shinryo shikibetsu (50 = surgery)
  treatment_code   text,        -- SinInfCd
  treatment_name   text,        -- SinInfN
  quantity         text,
  times            text,
  unit             text,
  surgery          boolean     NOT NULL DEFAULT false,
  detail           jsonb       NOT NULL DEFAULT '{}',
  PRIMARY KEY (info_id, seq)
);

ALTER TABLE onshi_audit DROP CONSTRAINT IF EXISTS onshi_audit_info_kind_check;
ALTER TABLE onshi_audit ADD CONSTRAINT onshi_audit_info_kind_check
  CHECK (info_kind IN ('drug', 'checkup', 'diagnosis', 'staff', 'facility', 'password'));
