-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0006: the per-facility daily sequence behind request file names.

-- Request files are named <prefix>req_<yyyyMMdd><4-digit sequence>.xml (doc/decisions.md 4).
-- The engine takes the next number with one INSERT ... ON CONFLICT DO UPDATE ... RETURNING in
-- the transaction that records the name on the job, so numbers never repeat across engines;
-- the row lock serialises concurrent engines of one facility only for that short transaction.
-- Rows of past days are pruned by the engine (the date is part of every name).
CREATE TABLE IF NOT EXISTS onshi_request_seq (
  hospnum    integer     NOT NULL,
  day        char(8)     NOT NULL CHECK (day ~ '^[0-9]{8}$'),
  last_seq   integer     NOT NULL CHECK (last_seq >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hospnum, day)
);
