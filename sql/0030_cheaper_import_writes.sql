-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0030: the same rules on the rows every import writes, checked more cheaply (issue 18,
-- README "Engine benchmark", doc/decisions.md 19).
--
-- 1. The single-column CHECK constraints of onshi_received_file, onshi_confirmation,
--    onshi_consent and onshi_reference_number become domains with the same condition. PostgreSQL
--    reads a table's CHECK expressions from their stored text and plans them again for every
--    statement that writes the table (about 0.4 million instructions per card check-in here); a
--    domain's are planned once per connection. Same values allowed, same error class (23514).
--    A column takes its domain while the domain has no constraint yet (no table rewrite); the
--    constraint is added afterwards, which checks the rows in place.
-- 2. The archived bytes (onshi_received_file.raw) are compressed with lz4 where the server has it
--    (PostgreSQL 14 and later, built with lz4): several times cheaper than pglz for a check-in's
--    2.5 KB. Values stored before stay as they are; both read the same.
-- 3. onshi_received_file keeps half of each page free (fillfactor 50): the mark written after a
--    file left the share (removed_from_share_at) then fits on the row's own page, a HOT update that
--    touches none of the table's four indexes. Costs the table's heap about twice the space (the
--    retention purge bounds it); large results are stored out of line and are not affected.
-- Only our onshi_* tables are changed.

DO $$
DECLARE
  d record;
BEGIN
  FOR d IN SELECT * FROM (VALUES
      ('onshi_file_folder', 'text'),
      ('onshi_file_name', 'text'),
      ('onshi_sha256', 'bytea'),
      ('onshi_byte_count', 'bigint'),
      ('onshi_file_state', 'text'),
      ('onshi_absolute_path', 'text'),
      ('onshi_date8', 'character(8)'),
      ('onshi_confirmation_source', 'text'),
      ('onshi_link_state', 'text'),
      ('onshi_resolution', 'text'),
      ('onshi_consent_type', 'text'),
      ('onshi_reference_number_text', 'character varying(50)'),
      ('onshi_reference_number_state', 'text')) AS v(name, base)
  LOOP
    IF to_regtype(d.name) IS NULL THEN
      EXECUTE format('CREATE DOMAIN %I AS %s', d.name, d.base);
    END IF;
  END LOOP;
END
$$;

ALTER TABLE onshi_received_file
  ALTER COLUMN folder TYPE onshi_file_folder,
  ALTER COLUMN file_name TYPE onshi_file_name,
  ALTER COLUMN content_sha256 TYPE onshi_sha256,
  ALTER COLUMN size_bytes TYPE onshi_byte_count,
  ALTER COLUMN state TYPE onshi_file_state,
  ALTER COLUMN archive_path TYPE onshi_absolute_path,
  ALTER COLUMN emr_path TYPE onshi_absolute_path,
  DROP CONSTRAINT IF EXISTS onshi_received_file_folder_check,
  DROP CONSTRAINT IF EXISTS onshi_received_file_file_name_check,
  DROP CONSTRAINT IF EXISTS onshi_received_file_content_sha256_check,
  DROP CONSTRAINT IF EXISTS onshi_received_file_size_bytes_check,
  DROP CONSTRAINT IF EXISTS onshi_received_file_state_check,
  DROP CONSTRAINT IF EXISTS onshi_received_file_archive_path_check,
  DROP CONSTRAINT IF EXISTS onshi_received_file_emr_path;

ALTER TABLE onshi_confirmation
  ALTER COLUMN confirmation_date TYPE onshi_date8,
  ALTER COLUMN source TYPE onshi_confirmation_source,
  ALTER COLUMN link_state TYPE onshi_link_state,
  ALTER COLUMN resolution TYPE onshi_resolution,
  DROP CONSTRAINT IF EXISTS onshi_confirmation_confirmation_date_check,
  DROP CONSTRAINT IF EXISTS onshi_confirmation_source_check,
  DROP CONSTRAINT IF EXISTS onshi_confirmation_link_state_check,
  DROP CONSTRAINT IF EXISTS onshi_confirmation_resolution_known;
-- onshi_confirmation_linked_has_patient (two columns) stays a table constraint.

ALTER TABLE onshi_consent
  ALTER COLUMN consent_type TYPE onshi_consent_type,
  DROP CONSTRAINT IF EXISTS onshi_consent_consent_type_check;

ALTER TABLE onshi_reference_number
  ALTER COLUMN reference_number TYPE onshi_reference_number_text,
  ALTER COLUMN state TYPE onshi_reference_number_state,
  DROP CONSTRAINT IF EXISTS onshi_reference_number_reference_number_check,
  DROP CONSTRAINT IF EXISTS onshi_reference_number_state_check;

-- The conditions, word for word those of the table constraints they replace (migrations 0002,
-- 0003, 0007, 0013, 0016, 0019); adding one checks the stored rows.
DO $$
DECLARE
  c record;
BEGIN
  FOR c IN SELECT * FROM (VALUES
      ('onshi_file_folder', 'VALUE IN (''res'', ''face'')'),
      ('onshi_file_name', 'VALUE !~ ''[/\\]'' AND length(VALUE) <= 255'),
      ('onshi_sha256', 'octet_length(VALUE) = 32'),
      ('onshi_byte_count', 'VALUE >= 0'),
      ('onshi_file_state', 'VALUE IN (''received'', ''imported'', ''refused'', ''retry'')'),
      ('onshi_absolute_path', 'VALUE LIKE ''/%'''),
      ('onshi_date8', 'VALUE ~ ''^[0-9]{8}$'''),
      ('onshi_confirmation_source', 'VALUE IN (''face'', ''single'', ''bulk'', ''entrusted'')'),
      ('onshi_link_state', 'VALUE IN (''unlinked'', ''linked'', ''candidates'', ''no_patient'', '
                           '''test_patient'', ''conflict'', ''not_applicable'')'),
      ('onshi_resolution', 'VALUE IN (''accepted'', ''linked'', ''new_patient'', ''dismissed'', '
                           '''applied'')'),
      ('onshi_consent_type', 'VALUE ~ ''^[a-z_]+$'''),
      ('onshi_reference_number_text', 'VALUE <> '''''),
      ('onshi_reference_number_state', 'VALUE IN (''pending'', ''registered'', ''failed'', '
                                       '''deleted'')')) AS v(domain, condition)
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                   WHERE contypid = to_regtype(c.domain) AND conname = c.domain || '_check') THEN
      EXECUTE format('ALTER DOMAIN %I ADD CONSTRAINT %I CHECK (%s)', c.domain,
                     c.domain || '_check', c.condition);
    END IF;
  END LOOP;
END
$$;

-- A column whose type changed lost its planner statistics: gather them again where the table had
-- some (an empty, never analysed table is left to the importer, doc/decisions.md 15).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('onshi_received_file', 'folder, file_name, content_sha256, size_bytes, state, archive_path, emr_path'),
      ('onshi_confirmation', 'confirmation_date, source, link_state, resolution'),
      ('onshi_consent', 'consent_type'),
      ('onshi_reference_number', 'reference_number, state')) AS v(name, cols)
  LOOP
    IF (SELECT reltuples FROM pg_class WHERE oid = to_regclass(t.name)) > 0 THEN
      EXECUTE format('ANALYZE %I (%s)', t.name, t.cols);
    END IF;
  END LOOP;
END
$$;

DO $$
BEGIN
  IF current_setting('server_version_num')::integer >= 140000 THEN
    BEGIN
      EXECUTE 'ALTER TABLE onshi_received_file ALTER COLUMN raw SET COMPRESSION lz4';
    EXCEPTION WHEN feature_not_supported THEN
      NULL;  -- a server built without lz4 keeps pglz
    END;
  END IF;
END
$$;

ALTER TABLE onshi_received_file SET (fillfactor = 50);
