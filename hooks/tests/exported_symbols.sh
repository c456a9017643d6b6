#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# onshi_link.so exports only onshi_link_* (the host loads it RTLD_GLOBAL), and all of them.
set -eu
b="${ONSHI_BUILDDIR:-$(pwd)}"
so="$b/hooks/.libs/onshi_link.so"
[ -f "$so" ] || { echo "FAIL: $so not built"; exit 1; }
all=$(nm -D --defined-only "$so" | awk '{ print $3 }')
bad=$(printf '%s\n' "$all" | grep -v '^onshi_link_' || true)
if [ -n "$bad" ]; then
  echo "FAIL: onshi_link.so exports symbols outside onshi_link_*:"
  printf '%s\n' "$bad" | head -20
  exit 1
fi
missing=""
for f in abi_version init fini reg_ask reg_poll reg_accept patient_saved rsv_summary rsv_run \
         rcp_list rcp_detail rcp_resolve rcp_check med_request med_list med_rows med_pdf \
         day_list pt_history consent_state \
         adm_facility adm_staff \
         adm_password claim_list hv_withdraw hv_bulk pa_tickets refnum_change \
         ins_apply notices notice_ack term_health prefill insurance_saved outage \
         rcp_received returned; do
  printf '%s\n' "$all" | grep -qx "onshi_link_$f" || missing="$missing onshi_link_$f"
done
[ -z "$missing" ] || { echo "FAIL: missing entry points:$missing"; exit 1; }
echo "onshi_link.so exports exactly $(printf '%s\n' "$all" | wc -l) onshi_link_* entry points"
echo "1 passed, 0 failed"
