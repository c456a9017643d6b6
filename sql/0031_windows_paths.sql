-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0031: the folders and files onshi-link records may be Windows paths (issue 17, README
-- "Windows side"). The engine and onshi-admin on the verification terminal PC name the share as
-- that PC sees it (C:\OQS\share, \\terminal\oqs); the CHECKs of migrations 0002, 0004, 0013 and
-- 0015 (and the domain of 0030) took only paths starting with '/', so `onshi-admin.exe enable
-- --share C:\OQS\share` was refused by the database after the program had accepted it. Absolute
-- is now what common/path.h says on either system: '/' or '\' first (Linux; on Windows rooted on
-- the current drive, or UNC), or a drive letter, ':' and a separator. A relative path is still
-- refused (the programs also refuse '..'). Only our onshi_* tables are changed.

DO $$
DECLARE
  c record;
  con record;
BEGIN
  FOR c IN SELECT * FROM (VALUES
      ('onshi_facility', 'share_dir'), ('onshi_facility', 'req_dir'),
      ('onshi_facility', 'res_dir'), ('onshi_facility', 'face_dir'),
      ('onshi_facility', 'emr_dir'), ('onshi_facility', 'move_dir'),
      ('onshi_drug_info', 'pdf_path'), ('onshi_checkup_info', 'pdf_path'),
      ('onshi_diagnosis_info', 'pdf_path')) AS v(tab, col)
  LOOP
    CONTINUE WHEN to_regclass(c.tab) IS NULL;
    -- the column's own '/%' CHECK, whatever it was named
    FOR con IN SELECT conname FROM pg_constraint
               WHERE conrelid = to_regclass(c.tab) AND contype = 'c'
                 AND pg_get_constraintdef(oid) LIKE '%' || c.col || '%~~%''/\%''%'
    LOOP
      EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', c.tab, con.conname);
    END LOOP;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass(c.tab)
                   AND conname = c.tab || '_' || c.col || '_absolute') THEN
      EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (%I ~ ''^([/\\]|[A-Za-z]:[/\\])'')',
                     c.tab, c.tab || '_' || c.col || '_absolute', c.col);
    END IF;
  END LOOP;
END
$$;

-- onshi_received_file.archive_path and emr_path: the domain of migration 0030.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_constraint WHERE contypid = to_regtype('onshi_absolute_path')
             AND conname = 'onshi_absolute_path_check') THEN
    ALTER DOMAIN onshi_absolute_path DROP CONSTRAINT onshi_absolute_path_check;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE contypid = to_regtype('onshi_absolute_path')
                 AND conname = 'onshi_absolute_path_absolute') THEN
    ALTER DOMAIN onshi_absolute_path ADD CONSTRAINT onshi_absolute_path_absolute
      CHECK (VALUE ~ '^([/\\]|[A-Za-z]:[/\\])');
  END IF;
END
$$;
