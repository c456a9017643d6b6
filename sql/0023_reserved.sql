-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0023: reserved for a step being built on another branch (replaced at its merge).
SELECT 1;
