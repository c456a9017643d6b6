-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0019: claim transfer and split results (reseputo furikae / bunkatsu kekka;
-- technical guide 001 2.2.3 and table 4.1.3-1). The review body (the Fund or the NHI
-- federation) re-routes a claim billed under an old qualification to the new one, or splits it
-- between the two, and sends the clinic the results and the claims whose new qualification it
-- could not confirm through the online billing system (downloaded there, like the notices of
-- points changed). Staff import the file (onshi-admin claims import); each result is linked to a
-- host patient and told what to change. The file layout and the facts behind it:
-- tests/fixtures/claims/README.md. Our own tables only.

-- One imported file. The same bytes twice (sha256) are recognised and never imported again.
CREATE TABLE IF NOT EXISTS onshi_claim_transfer_file (
  file_id          bigserial   PRIMARY KEY,
  hospnum          integer     NOT NULL,
  sha256           text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  file_name        text        NOT NULL,
  file_size        bigint      NOT NULL,
  encoding         text        NOT NULL CHECK (encoding IN ('UTF-8', 'Shift_JIS')),
  institution_code text        NOT NULL,
  billing_month    char(6)     NOT NULL CHECK (billing_month ~ '^[0-9]{6}$'),
  review_body      text        NOT NULL CHECK (review_body IN ('1', '2')),
  results          integer     NOT NULL CHECK (results >= 0),
  imported_by      text        NOT NULL,
  imported_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (hospnum, sha256)
);

-- One result (one claim): the claim as billed, what the review body did with it, the patient it
-- was linked to (link_state linked | candidates | no_patient; linked_by insurance |
-- name_birthdate | staff) and what staff must change (action): none (the new insurance is
-- registered), change (register the new insurance), undecided (the new qualification could not be
-- confirmed), link (link the patient first).
CREATE TABLE IF NOT EXISTS onshi_claim_transfer (
  transfer_id      bigserial   PRIMARY KEY,
  file_id          bigint      NOT NULL REFERENCES onshi_claim_transfer_file ON DELETE CASCADE,
  hospnum          integer     NOT NULL,
  line             integer     NOT NULL,
  billing_month    char(6)     NOT NULL CHECK (billing_month ~ '^[0-9]{6}$'),
  claim_month      char(6)     NOT NULL CHECK (claim_month ~ '^[0-9]{6}$'),
  receipt_number   text        NOT NULL,
  receipt_kind     text,
  chart_number     text,
  name             text        NOT NULL,
  kana             text,
  birthdate        char(8)     NOT NULL CHECK (birthdate ~ '^[0-9]{8}$'),
  sex              char(1)     NOT NULL CHECK (sex IN ('1', '2')),
  old_insurer      text        NOT NULL,
  old_symbol       text,
  old_number       text        NOT NULL,
  old_branch       text,
  points           integer,
  result_class     text        NOT NULL CHECK (result_class IN ('transferred', 'split', 'unconfirmed')),
  new_insurer      text,
  new_symbol       text,
  new_number       text,
  new_branch       text,
  new_acquired     char(8),
  old_lost         char(8),
  split_date       char(8),
  new_points       integer,
  link_state       text        NOT NULL CHECK (link_state IN ('linked', 'candidates', 'no_patient')),
  linked_by        text        CHECK (linked_by IN ('insurance', 'name_birthdate', 'staff')),
  ptid             bigint,
  candidates       bigint[]    NOT NULL DEFAULT '{}',
  billed_hknid     integer,
  new_hknid        integer,
  action           text        NOT NULL CHECK (action IN ('none', 'change', 'undecided', 'link')),
  resolved_by      text,
  resolved_at      timestamptz,
  UNIQUE (file_id, line),
  CHECK ((link_state = 'linked') = (ptid IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS onshi_claim_transfer_month_idx
  ON onshi_claim_transfer (hospnum, claim_month, transfer_id);
CREATE INDEX IF NOT EXISTS onshi_claim_transfer_file_idx ON onshi_claim_transfer (file_id);

-- Staff links of a result are audited (kind 'claim'). The kinds other steps allowed are kept.
DO $$
DECLARE
  def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
   WHERE conname = 'onshi_audit_info_kind_check' AND conrelid = 'onshi_audit'::regclass;
  IF def IS NOT NULL AND position('''claim''' IN def) = 0 THEN
    ALTER TABLE onshi_audit DROP CONSTRAINT onshi_audit_info_kind_check;
    EXECUTE 'ALTER TABLE onshi_audit ADD CONSTRAINT onshi_audit_info_kind_check '
            || replace(def, '])', ', ''claim''::text])');
  END IF;
END $$;
