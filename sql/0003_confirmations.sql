-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0003: confirmation results and history, consents, certificate details,
-- reference-number registrations.

-- One row per confirmation (per returned result), like ORCA's per-confirmation table: what was
-- asked, what came back, the validity, and which patient it was linked to (or the candidates).
CREATE TABLE IF NOT EXISTS onshi_confirmation (
  confirmation_id     bigserial   PRIMARY KEY,
  hospnum             integer     NOT NULL,
  file_id             bigint      REFERENCES onshi_received_file ON DELETE SET NULL,
  job_id              bigint      REFERENCES onshi_job ON DELETE SET NULL,
  result_index        integer     NOT NULL DEFAULT 0,   -- position in the file (bulk, several)
  source              text        NOT NULL CHECK (source IN ('face', 'single', 'bulk')),
  kind                text        NOT NULL,             -- message kind of the result file
  confirmation_date   char(8)     NOT NULL CHECK (confirmation_date ~ '^[0-9]{8}$'),
  request_echo        jsonb,                            -- QualificationConfirmSearchInfo echo
  processing_status   text,
  processing_code     text,
  processing_message  text,
  validity            text,                             -- QualificationValidity
  insurer_number      text,
  card_symbol         text,
  card_number         text,
  branch_number       text,
  personal_family     text,
  card_classification text,
  name                text,
  name_kana           text,
  birthdate           char(8),
  sex                 char(1),
  insured_name        text,
  insurer_name        text,
  qualification_date  char(8),
  disqualification_date char(8),
  reason_of_loss      text,
  contribution_ratio  text,
  reference_number    text,
  returned            jsonb       NOT NULL DEFAULT '{}', -- every returned field, verbatim
  name_unrepresentable boolean    NOT NULL DEFAULT false, -- name carries the U+25CF mark
  link_state          text        NOT NULL DEFAULT 'unlinked'
                      CHECK (link_state IN ('unlinked', 'linked', 'candidates', 'no_patient',
                                            'test_patient', 'conflict', 'not_applicable')),
  ptid                bigint,                           -- linked host patient
  candidates          bigint[]    NOT NULL DEFAULT '{}',
  host_status         text,                             -- the host's own extended state
  resolved_by         text,
  resolved_at         timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT onshi_confirmation_linked_has_patient CHECK (link_state <> 'linked' OR ptid IS NOT NULL)
);
CREATE UNIQUE INDEX IF NOT EXISTS onshi_confirmation_per_result
  ON onshi_confirmation (file_id, result_index) WHERE file_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS onshi_confirmation_patient_idx
  ON onshi_confirmation (hospnum, ptid, created_at);
CREATE INDEX IF NOT EXISTS onshi_confirmation_age_idx ON onshi_confirmation (hospnum, created_at);
CREATE INDEX IF NOT EXISTS onshi_confirmation_open_idx
  ON onshi_confirmation (hospnum, created_at) WHERE link_state IN ('candidates', 'no_patient', 'conflict');

-- Consents given at the card reader, per type (limit, specific_disease, checkup, drug, diagnosis,
-- operation, ... newer types keep their own name). Viewing is allowed only until available_until.
CREATE TABLE IF NOT EXISTS onshi_consent (
  confirmation_id  bigint      NOT NULL REFERENCES onshi_confirmation ON DELETE CASCADE,
  hospnum          integer     NOT NULL,
  ptid             bigint,
  consent_type     text        NOT NULL CHECK (consent_type ~ '^[a-z_]+$'),
  flag             char(1)     NOT NULL,
  consent_time     timestamp,                         -- local time as sent by the terminal
  available_until  timestamp,
  PRIMARY KEY (confirmation_id, consent_type)
);
CREATE INDEX IF NOT EXISTS onshi_consent_patient_idx
  ON onshi_consent (hospnum, ptid, consent_type, consent_time);

-- Additional certificates returned with a result: limit (gendogaku), specific disease (tokutei shippei),
-- elderly recipient (koreisha jukyusha), public assistance medical tickets (iryo fujo).
CREATE TABLE IF NOT EXISTS onshi_certificate_detail (
  confirmation_id  bigint      NOT NULL REFERENCES onshi_confirmation ON DELETE CASCADE,
  kind             text        NOT NULL
                   CHECK (kind IN ('limit', 'specific_disease', 'elderly', 'public_assistance')),
  seq              integer     NOT NULL DEFAULT 0,
  hospnum          integer     NOT NULL,
  ptid             bigint,
  classification   text,        -- limit class / disease category / ticket type
  classification_flag text,     -- limit application class (A01...)
  contribution_ratio text,      -- elderly ratio
  self_pay         text,        -- specific disease self pay
  valid_start      char(8),
  valid_end        char(8),
  detail           jsonb       NOT NULL DEFAULT '{}',
  PRIMARY KEY (confirmation_id, kind, seq)
);
CREATE INDEX IF NOT EXISTS onshi_certificate_patient_idx
  ON onshi_certificate_detail (hospnum, ptid, kind);

-- Reference numbers (shokai bango) registered with the national system, one per patient.
CREATE TABLE IF NOT EXISTS onshi_reference_number (
  hospnum          integer     NOT NULL,
  ptid             bigint      NOT NULL,
  reference_number varchar(50) NOT NULL CHECK (reference_number <> ''),
  state            text        NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'registered', 'failed')),
  job_id           bigint      REFERENCES onshi_job ON DELETE SET NULL,
  error            text,
  registered_at    timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hospnum, ptid),
  CONSTRAINT onshi_reference_number_unique UNIQUE (hospnum, reference_number)
);
