-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0015: number reserved for the branch that adds it (issue 16, another flow). The chain
-- must be contiguous (plugin/db/embed_sql.sh), so this branch carries an empty step; the merge
-- replaces this file with that branch's 0015.
SELECT 1;
