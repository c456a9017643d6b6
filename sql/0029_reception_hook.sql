-- onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
-- Migration 0029: the host's reception hook (rcp_received) as a second source of the automatic
-- checks (issue 15, README "Automatic checks"): a reception the host reports through the hook is
-- queued like the trigger's, with via 'hook'. The host may not know its reception id (ukeid 0).
ALTER TABLE onshi_reception_event DROP CONSTRAINT IF EXISTS onshi_reception_event_via_check;
ALTER TABLE onshi_reception_event ADD CONSTRAINT onshi_reception_event_via_check
  CHECK (via IN ('trigger', 'scan', 'hook'));
