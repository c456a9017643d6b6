-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0022: automatic checks of received patients (issue 15, README "Automatic checks";
-- store/auto_check.h, exchange/auto_check.h).

-- Per facility, each source of an automatic check on or off (all off until an administrator
-- turns them on: onshi-admin enable --auto-face/--auto-bulk/--auto-request yes), and how recent a
-- card check-in must be to count for a reception.
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS auto_face boolean NOT NULL DEFAULT false;
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS auto_bulk boolean NOT NULL DEFAULT false;
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS auto_request boolean NOT NULL DEFAULT false;
ALTER TABLE onshi_facility ADD COLUMN IF NOT EXISTS auto_face_minutes integer NOT NULL DEFAULT 10
  CHECK (auto_face_minutes BETWEEN 1 AND 240);

-- Receptions waiting for the engine: written by the trigger on ORCA's tbl_uketuke (below) or,
-- while that trigger is missing, by the engine's own look at the day's receptions. handled_at:
-- taken by an engine (kept a day for `onshi-admin status`, then purged).
CREATE TABLE IF NOT EXISTS onshi_reception_event (
  event_id    bigserial   PRIMARY KEY,
  hospnum     integer     NOT NULL,
  ptid        bigint      NOT NULL,
  ukeymd      char(8)     NOT NULL,
  ukeid       integer     NOT NULL,
  via         text        NOT NULL DEFAULT 'trigger' CHECK (via IN ('trigger', 'scan')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  handled_at  timestamptz
);
CREATE INDEX IF NOT EXISTS onshi_reception_event_open_idx
  ON onshi_reception_event (hospnum, event_id) WHERE handled_at IS NULL;
CREATE INDEX IF NOT EXISTS onshi_reception_event_age_idx ON onshi_reception_event (created_at);

-- One automatic check per facility, patient and day: nothing is asked twice. source: how the
-- patient's insurance was settled (face: a card check-in of the last minutes; confirmed: already
-- confirmed that day; bulk: the previous evening's pre-check result; request: an
-- insurance-number request queued; refused: no request could be built, note says why).
CREATE TABLE IF NOT EXISTS onshi_auto_check (
  hospnum          integer     NOT NULL,
  ptid             bigint      NOT NULL,
  day              char(8)     NOT NULL CHECK (day ~ '^[0-9]{8}$'),
  ukeid            integer,
  source           text        NOT NULL
                   CHECK (source IN ('face', 'confirmed', 'bulk', 'request', 'refused')),
  confirmation_id  bigint      REFERENCES onshi_confirmation ON DELETE SET NULL,
  job_id           bigint      REFERENCES onshi_job ON DELETE SET NULL,
  note             text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT onshi_auto_check_once UNIQUE (hospnum, ptid, day)
);
CREATE INDEX IF NOT EXISTS onshi_auto_check_age_idx ON onshi_auto_check (hospnum, created_at);

-- The trigger function on ORCA's reception table. It runs inside ORCA's own transaction, so it
-- must never fail it: every error is swallowed (the engine's look at the day's receptions is the
-- safety net). Only a patient's reception row (not the day's header row ukeid 0, not a reception
-- without a patient) of a facility with an automatic check turned on is queued, on INSERT or when
-- an UPDATE changes the patient; a patient already checked that day is not queued again. The day
-- is compared with the server's date with a day's tolerance either way (the engine, on its own
-- clock, acts on its today only). SECURITY DEFINER: ORCA's role needs no right on our tables.
CREATE OR REPLACE FUNCTION onshi_reception_queued() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  BEGIN
    IF NEW.ukeid IS NULL OR NEW.ukeid = 0 OR NEW.ptid IS NULL OR NEW.ptid = 0 THEN
      RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.ptid IS NOT DISTINCT FROM NEW.ptid THEN
      RETURN NULL;
    END IF;
    IF NEW.ukeymd NOT IN (to_char(current_date - 1, 'YYYYMMDD'), to_char(current_date, 'YYYYMMDD'),
                          to_char(current_date + 1, 'YYYYMMDD')) THEN
      RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM onshi_facility f WHERE f.hospnum = NEW.hospnum AND f.enabled
                     AND (f.auto_face OR f.auto_bulk OR f.auto_request)) THEN
      RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM onshi_auto_check a WHERE a.hospnum = NEW.hospnum
                 AND a.ptid = NEW.ptid AND a.day = NEW.ukeymd) THEN
      RETURN NULL;
    END IF;
    INSERT INTO onshi_reception_event (hospnum, ptid, ukeymd, ukeid)
      VALUES (NEW.hospnum, NEW.ptid, NEW.ukeymd, NEW.ukeid);
    PERFORM pg_notify('onshi_reception', NEW.hospnum::text);
  EXCEPTION WHEN OTHERS THEN
    -- Never ORCA's problem: the reception is saved, the engine finds it by its own look.
    NULL;
  END;
  RETURN NULL;
END
$$;

-- Installs the trigger (again: ORCA's update scripts drop and re-create tbl_uketuke, which drops
-- it; onshi-admin autocheck trigger install). @return true when it was missing
CREATE OR REPLACE FUNCTION onshi_auto_check_install() RETURNS boolean
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  IF to_regclass('tbl_uketuke') IS NULL OR EXISTS (SELECT 1 FROM pg_trigger
      WHERE tgrelid = 'tbl_uketuke'::regclass AND tgname = 'onshi_reception_queued') THEN
    RETURN false;
  END IF;
  CREATE TRIGGER onshi_reception_queued AFTER INSERT OR UPDATE ON tbl_uketuke
    FOR EACH ROW EXECUTE FUNCTION onshi_reception_queued();
  RETURN true;
END
$$;

-- Removes the trigger (ORCA's tables as they were). @return true when it was there
CREATE OR REPLACE FUNCTION onshi_auto_check_remove() RETURNS boolean
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  IF to_regclass('tbl_uketuke') IS NULL OR NOT EXISTS (SELECT 1 FROM pg_trigger
      WHERE tgrelid = 'tbl_uketuke'::regclass AND tgname = 'onshi_reception_queued') THEN
    RETURN false;
  END IF;
  DROP TRIGGER onshi_reception_queued ON tbl_uketuke;
  RETURN true;
END
$$;

SELECT onshi_auto_check_install();
