-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0011: nothing of ours in ORCA's tables. Staff permissions and the plugin password
-- move into our own tables (keyed by the host's keys); the columns and the tbl_syskanri row an
-- earlier migration 0001 added to ORCA's tables are removed, their values kept. Card numbers are
-- compared after width normalisation (ORCA stores them full-width when staff enter them).

-- Per staff member of a facility (tbl_sysuser says which facility a login user belongs to):
-- may view drug information / specific health checkup information.
CREATE TABLE IF NOT EXISTS onshi_staff_permission (
  hospnum       integer     NOT NULL,
  userid        varchar(16) NOT NULL,
  drug_view     boolean     NOT NULL DEFAULT false,
  checkup_view  boolean     NOT NULL DEFAULT false,
  updated_by    text,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hospnum, userid)
);

-- The plugin's password per facility: only a bcrypt hash from pgcrypto's crypt().
CREATE TABLE IF NOT EXISTS onshi_plugin_password (
  hospnum       integer     PRIMARY KEY,
  password_hash text        NOT NULL CHECK (password_hash ~ '^\$2[abxy]\$[0-9]{2}\$.{53}$'),
  updated_by    text,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE
  passwd_has_hospnum boolean;
BEGIN
  -- Staff flags of the earlier 0001 (tbl_passwd.onshi_drug_view / onshi_checkup_view, '1' =
  -- allowed). The facility of a user is tbl_sysuser's (on the invented reference host of earlier
  -- versions tbl_passwd carried hospnum itself).
  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
              AND table_name = 'tbl_passwd' AND column_name = 'onshi_drug_view') THEN
    passwd_has_hospnum := EXISTS (SELECT 1 FROM information_schema.columns
                                   WHERE table_schema = current_schema()
                                     AND table_name = 'tbl_passwd' AND column_name = 'hospnum');
    IF passwd_has_hospnum THEN
      EXECUTE 'INSERT INTO onshi_staff_permission (hospnum, userid, drug_view, checkup_view, '
              '  updated_by) '
              'SELECT p.hospnum::integer, rtrim(p.userid), p.onshi_drug_view = ''1'', '
              '  p.onshi_checkup_view = ''1'', ''migration 0011'' FROM tbl_passwd p '
              'WHERE p.onshi_drug_view = ''1'' OR p.onshi_checkup_view = ''1'' '
              'ON CONFLICT DO NOTHING';
    ELSE
      EXECUTE 'INSERT INTO onshi_staff_permission (hospnum, userid, drug_view, checkup_view, '
              '  updated_by) '
              'SELECT u.hospnum::integer, rtrim(p.userid), p.onshi_drug_view = ''1'', '
              '  p.onshi_checkup_view = ''1'', ''migration 0011'' '
              'FROM tbl_passwd p JOIN tbl_sysuser u ON u.userid = p.userid '
              'WHERE p.onshi_drug_view = ''1'' OR p.onshi_checkup_view = ''1'' '
              'ON CONFLICT DO NOTHING';
    END IF;
    ALTER TABLE tbl_passwd DROP COLUMN IF EXISTS onshi_drug_view;
    ALTER TABLE tbl_passwd DROP COLUMN IF EXISTS onshi_checkup_view;
  END IF;

  -- The plugin password the earlier 0001 kept in tbl_syskanri (kanricd 1051, kbncd ONSHILNK, a
  -- column onshi_password_hash): moved, then the row, the constraint and the column go.
  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
              AND table_name = 'tbl_syskanri' AND column_name = 'onshi_password_hash') THEN
    EXECUTE 'INSERT INTO onshi_plugin_password (hospnum, password_hash, updated_by) '
            'SELECT DISTINCT ON (hospnum) hospnum::integer, onshi_password_hash, '
            '  ''migration 0011'' FROM tbl_syskanri '
            'WHERE kanricd = ''1051'' AND kbncd = ''ONSHILNK'' AND onshi_password_hash IS NOT NULL '
            'ORDER BY hospnum, upymd DESC NULLS LAST '
            'ON CONFLICT DO NOTHING';
    DELETE FROM tbl_syskanri WHERE kanricd = '1051' AND kbncd = 'ONSHILNK';
    ALTER TABLE tbl_syskanri DROP CONSTRAINT IF EXISTS tbl_syskanri_onshi_password_hashed;
    ALTER TABLE tbl_syskanri DROP COLUMN IF EXISTS onshi_password_hash;
  END IF;
END
$$;

-- Branch numbers the earlier versions left NULL: ORCA's "no branch number" is ''.
UPDATE tbl_pthkninf SET edaban = '' WHERE edaban IS NULL;

-- Card symbol/number as compared: full-width digits, Latin letters and hyphen made half-width,
-- spaces (half- and full-width) removed. The same mapping as text::card_key() in the code.
CREATE OR REPLACE FUNCTION onshi_card_key(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT translate($1, U&'\FF10\FF11\FF12\FF13\FF14\FF15\FF16\FF17\FF18\FF19\FF21\FF22\FF23\FF24\FF25\FF26\FF27\FF28\FF29\FF2A\FF2B\FF2C\FF2D\FF2E\FF2F\FF30\FF31\FF32\FF33\FF34\FF35\FF36\FF37\FF38\FF39\FF3A\FF41\FF42\FF43\FF44\FF45\FF46\FF47\FF48\FF49\FF4A\FF4B\FF4C\FF4D\FF4E\FF4F\FF50\FF51\FF52\FF53\FF54\FF55\FF56\FF57\FF58\FF59\FF5A\FF0D\3000 ', '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-')
$$;

-- The linker's lookups by card number and recipient number use that key; the patient number is
-- found through ORCA's own index (hospnum, ptnum) by comparing as char(20).
DROP INDEX IF EXISTS onshi_pthkninf_card_idx;
CREATE INDEX IF NOT EXISTS onshi_pthkninf_cardkey_idx ON tbl_pthkninf (hospnum, onshi_card_key(num));
DROP INDEX IF EXISTS onshi_ptkohinf_recipient_idx;
CREATE INDEX IF NOT EXISTS onshi_ptkohinf_recipientkey_idx
  ON tbl_ptkohinf (hospnum, onshi_card_key(jkysnum));
DROP INDEX IF EXISTS onshi_ptnum_trimmed_idx;

-- A returned value the host database's encoding cannot hold (a JIS X 0213 kanji in an EUC-JP
-- database, ORCA's default) is stored with U+3013 in its place (db/connection.h); the exact
-- returned block is kept here as UTF-8 bytes, and the row is flagged for staff.
ALTER TABLE onshi_confirmation ADD COLUMN IF NOT EXISTS encoding_substituted boolean NOT NULL
  DEFAULT false;
ALTER TABLE onshi_confirmation ADD COLUMN IF NOT EXISTS returned_utf8 bytea;

-- Administration is audited like medical information: every permission, setting and password
-- change through the screens and every refused attempt (no patient: ptid NULL).
ALTER TABLE onshi_audit ALTER COLUMN ptid DROP NOT NULL;
ALTER TABLE onshi_audit DROP CONSTRAINT IF EXISTS onshi_audit_action_check;
ALTER TABLE onshi_audit ADD CONSTRAINT onshi_audit_action_check
  CHECK (action IN ('request', 'view', 'receive', 'change', 'refused'));
ALTER TABLE onshi_audit DROP CONSTRAINT IF EXISTS onshi_audit_info_kind_check;
ALTER TABLE onshi_audit ADD CONSTRAINT onshi_audit_info_kind_check
  CHECK (info_kind IN ('drug', 'checkup', 'staff', 'facility', 'password'));
