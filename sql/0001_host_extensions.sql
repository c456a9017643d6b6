-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0001: the schema-version table, and the one column ORCA 5.2 has that older hosts lack.
-- Applied by `onshi-admin migrate` inside one transaction; every statement is idempotent.
--
-- We add nothing else to the host's tables and no rows to its code tables (tbl_syskanri
-- included): ORCA's update scripts COPY into its tables without column lists and its tools delete
-- and re-insert rows (spec/orca52-host.md section 5). Our own data lives in onshi_* tables.
-- (Databases migrated by an earlier 0001 that added staff flags to tbl_passwd and a password
-- column to tbl_syskanri are cleaned up by migration 0011.)

-- Refuse to run against anything but the receipt program's database.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tbl_ptinf', 'tbl_ptnum', 'tbl_pthkninf', 'tbl_ptkohinf',
                           'tbl_syskanri', 'tbl_sysuser'] LOOP
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

-- Branch number of the insured card. ORCA 5.2.0-1 adds it as varchar(2) without a default and
-- sets every existing row to '' (no branch number); ORCA writes '' for a card without one. On an
-- older host we create it exactly so. Caution for such hosts: ORCA's own 5.2.0-1 update adds
-- the column without IF NOT EXISTS, so that update then stops on "column already exists".
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                  WHERE table_schema = current_schema() AND table_name = 'tbl_pthkninf'
                    AND column_name = 'edaban') THEN
    ALTER TABLE tbl_pthkninf ADD COLUMN edaban varchar(2);
    UPDATE tbl_pthkninf SET edaban = '';
  END IF;
END
$$;

-- bcrypt hashes of the plugin password (our own table, migration 0011) are made by pgcrypto.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
