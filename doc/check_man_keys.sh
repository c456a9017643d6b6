#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# make check: every key of the engine's config table (as `onshi-exchanged --print-example`
# prints it) is documented exactly once in doc/onshi-exchanged.conf.5 (a `.B key` item under
# KEYS), and the man page documents no key the table does not have.
set -eu
src="${ONSHI_SRCDIR:?ONSHI_SRCDIR not set}"
build="${ONSHI_BUILDDIR:?ONSHI_BUILDDIR not set}"
man="$src/doc/onshi-exchanged.conf.5"
keys=$("$build/plugin/daemon/onshi-exchanged" --print-example | sed -n 's/^#\([a-z_]*\) = .*/\1/p')
[ -n "$keys" ] || { echo "FAIL: onshi-exchanged --print-example printed no keys"; exit 1; }
# The items of the KEYS section: `.TP` followed by `.B key`.
documented=$(awk '/^\.SH /{ in_keys = ($2 == "KEYS") } in_keys && prev == ".TP" && /^\.B / { print $2 }
  { prev = $0 }' "$man")
fail=0
for k in $keys; do
  c=$(printf '%s\n' "$documented" | grep -cx "$k" || true)
  [ "$c" = 1 ] || { echo "FAIL: key $k documented $c times in doc/onshi-exchanged.conf.5"; fail=1; }
done
for d in $documented; do
  printf '%s\n' "$keys" | grep -qx "$d" || { echo "FAIL: man page documents unknown key $d"; fail=1; }
done
if [ "$fail" = 0 ]; then
  echo "1 passed, 0 failed (man page documents all $(printf '%s\n' "$keys" | wc -l) config keys)"
else
  echo "0 passed, 1 failed (man page keys)"
fi
exit "$fail"
