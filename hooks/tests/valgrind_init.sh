#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# Repeated init/fini of onshi_link.so in one process is valgrind clean (no invalid accesses,
# no definite or indirect leaks), against a throw-away PostgreSQL with the migrated host.
set -eu
b="${ONSHI_BUILDDIR:-$(pwd)}"
ONSHI_SRCDIR="${ONSHI_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
export ONSHI_SRCDIR
VALGRIND="${VALGRIND:-valgrind}"
if [ "${ONSHI_SANITIZERS:-no}" = yes ]; then
  # valgrind cannot run AddressSanitizer code; the plain build (CI's first make check) runs this.
  echo "skipped: valgrind and AddressSanitizer exclude each other (the plain build runs this test)"
  exit 77
fi
if [ "${1:-}" != "--inside" ]; then
  exec sh "$ONSHI_SRCDIR/tests/pg/pg-tmp" run sh "$0" --inside
fi
createdb orca
PGDATABASE=orca
export PGDATABASE
psql -q -v ON_ERROR_STOP=1 -f "$ONSHI_SRCDIR/tests/host/reference_host_schema.sql"
# The fixtures' sample people only (written the way ORCA stores rows; seed_host generates them).
"$b/tests/host/seed_host" --patients 0 --data-dir "$ONSHI_SRCDIR/tests/host" | psql -q -v ON_ERROR_STOP=1 >/dev/null
"$b/plugin/admin/onshi-admin" migrate >/dev/null
log=$(mktemp "${TMPDIR:-/tmp}/onshi-valgrind.XXXXXX")
trap 'rm -f "$log"' EXIT
if ! "$VALGRIND" --quiet --error-exitcode=99 --leak-check=full \
     --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
     --log-file="$log" \
     "$b/hooks/tests/init_loop" "$b/hooks/.libs/onshi_link.so" "$b/po/locale" 3; then
  cat "$log"
  echo "FAIL: valgrind reported errors or leaks"
  exit 1
fi
echo "valgrind: 3 init/fini cycles clean"
echo "1 passed, 0 failed"
