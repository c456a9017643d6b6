-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0019: a placeholder in branch screens only, so that the chain stays numbered 1, 2,
-- 3 ... (plugin/db/embed_sql.sh): number 19 belongs to another branch's migration, which replaces
-- this file when the branches are merged. It changes nothing.
SELECT 1;
