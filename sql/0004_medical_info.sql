-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0004: drug information, specific health checkup information, the audit log.

CREATE TABLE IF NOT EXISTS onshi_drug_info (
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
  received_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS onshi_drug_info_patient_idx ON onshi_drug_info (hospnum, ptid, received_at);

CREATE TABLE IF NOT EXISTS onshi_drug_info_row (
  info_id          bigint      NOT NULL REFERENCES onshi_drug_info ON DELETE CASCADE,
  seq              integer     NOT NULL,
  treatment_month  char(6),
  dispensing_date  char(8),
  institution_kind text,
  prescribing_kind text,
  institution_name text,
  drug_code        text,
  drug_name        text,
  quantity         text,
  unit             text,
  usage            text,
  special_instruction text,
  detail           jsonb       NOT NULL DEFAULT '{}',
  PRIMARY KEY (info_id, seq)
);

CREATE TABLE IF NOT EXISTS onshi_checkup_info (
  info_id          bigserial   PRIMARY KEY,
  hospnum          integer     NOT NULL,
  ptid             bigint      NOT NULL,
  job_id           bigint      REFERENCES onshi_job ON DELETE SET NULL,
  file_id          bigint      REFERENCES onshi_received_file ON DELETE SET NULL,
  format           text        NOT NULL CHECK (format IN ('xml', 'pdf')),
  result_code      text,
  message          text,
  pdf              bytea,
  pdf_path         text        CHECK (pdf_path LIKE '/%'),
  received_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS onshi_checkup_info_patient_idx
  ON onshi_checkup_info (hospnum, ptid, received_at);

CREATE TABLE IF NOT EXISTS onshi_checkup_info_row (
  info_id          bigint      NOT NULL REFERENCES onshi_checkup_info ON DELETE CASCADE,
  seq              integer     NOT NULL,
  checkup_date     char(8),
  item_code        text,
  item_name        text,
  data_value       text,
  unit             text,
  value_name       text,
  detail           jsonb       NOT NULL DEFAULT '{}',
  PRIMARY KEY (info_id, seq)
);

-- Who requested or viewed medical information, for whom. Append-only: no retention purge.
CREATE TABLE IF NOT EXISTS onshi_audit (
  audit_id         bigserial   PRIMARY KEY,
  hospnum          integer     NOT NULL,
  at               timestamptz NOT NULL DEFAULT now(),
  userid           text        NOT NULL,
  action           text        NOT NULL CHECK (action IN ('request', 'view')),
  info_kind        text        NOT NULL CHECK (info_kind IN ('drug', 'checkup')),
  ptid             bigint      NOT NULL,
  info_id          bigint,
  detail           text
);
CREATE INDEX IF NOT EXISTS onshi_audit_idx ON onshi_audit (hospnum, at);

CREATE OR REPLACE FUNCTION onshi_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'onshi_audit is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
DROP TRIGGER IF EXISTS onshi_audit_append_only ON onshi_audit;
CREATE TRIGGER onshi_audit_append_only BEFORE UPDATE OR DELETE ON onshi_audit
  FOR EACH ROW EXECUTE FUNCTION onshi_audit_append_only();
