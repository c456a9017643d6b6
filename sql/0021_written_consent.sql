-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0021: consents to view given in writing (001 4.3.3: a general-purpose card reader,
-- the identity checked by eye; 004: the consent form), recorded by staff. One row per consent,
-- never updated; the medical-information gate takes the newest consent of a type, from the card
-- reader (onshi_consent) or from here. Recording one is also audited (onshi_audit, kind consent).
CREATE TABLE IF NOT EXISTS onshi_written_consent (
  written_id       bigserial   PRIMARY KEY,
  hospnum          integer     NOT NULL,
  ptid             bigint      NOT NULL,
  consent_type     text        NOT NULL
                   CHECK (consent_type IN ('pharmacists', 'specific_health_checkups',
                                           'diagnosis', 'operation')),
  flag             char(1)     NOT NULL DEFAULT '1' CHECK (flag = '1'),
  consent_time     timestamp   NOT NULL,                -- local time the patient signed
  available_until  timestamp   NOT NULL,                -- one visit: 24 hours later
  recorded_by      text        NOT NULL CHECK (recorded_by <> ''),
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (available_until > consent_time)
);
CREATE INDEX IF NOT EXISTS onshi_written_consent_patient_idx
  ON onshi_written_consent (hospnum, ptid, consent_type, consent_time);

