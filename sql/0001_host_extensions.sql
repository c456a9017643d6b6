-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0001: schema-version table and the extensions of the host's own tables.
-- Applied by `onshi-admin migrate` inside one transaction; every statement is idempotent.

-- Refuse to run against anything but the receipt program's database.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tbl_ptinf', 'tbl_ptnum', 'tbl_pthkninf', 'tbl_ptkohinf',
                           'tbl_syskanri', 'tbl_passwd'] LOOP
    IF to_regclass(t) IS NULL THEN
      RAISE EXCEPTION 'host table % not found: this is not the receipt program''s database', t
        USING ERRCODE = 'undefined_table',
              HINT = 'point onshi-admin at the receipt program database (PGDATABASE or --dbname)';
    END IF;
  END LOOP;
END
$$;

-- One row per applied migration; the schema version is max(version).
CREATE TABLE IF NOT EXISTS onshi_schema_version (
  version    integer     PRIMARY KEY,
  name       text        NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- Branch number of the insured card (ORCA 5.2 added it; older hosts lack it). Never invented:
-- NULL = unknown. Late-elderly insurance (hknnum 039) has none.
ALTER TABLE tbl_pthkninf ADD COLUMN IF NOT EXISTS edaban varchar(2);

-- Per-staff viewing permission for drug information and for checkup information ('1' = allowed).
ALTER TABLE tbl_passwd ADD COLUMN IF NOT EXISTS onshi_drug_view char(1) NOT NULL DEFAULT '0';
ALTER TABLE tbl_passwd ADD COLUMN IF NOT EXISTS onshi_checkup_view char(1) NOT NULL DEFAULT '0';

-- The plugin's password in system management (used on the facility's kanricd 1051 row, where ORCA
-- keeps its online-qualification settings). Only a bcrypt hash from pgcrypto's crypt() is stored;
-- the CHECK keeps clear text out even for a careless writer.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
ALTER TABLE tbl_syskanri ADD COLUMN IF NOT EXISTS onshi_password_hash text;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint
                  WHERE conname = 'tbl_syskanri_onshi_password_hashed'
                    AND conrelid = 'tbl_syskanri'::regclass) THEN
    ALTER TABLE tbl_syskanri ADD CONSTRAINT tbl_syskanri_onshi_password_hashed
      CHECK (onshi_password_hash IS NULL OR onshi_password_hash ~ '^\$2[abxy]\$[0-9]{2}\$.{53}$');
  END IF;
END
$$;
