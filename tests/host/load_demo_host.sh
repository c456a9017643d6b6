#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# Demo setup inside a throw-away PostgreSQL (run under tests/pg/pg-tmp, PG* set): the reference
# host schema (ORCA 5.2's shape), `onshi-admin migrate`, the seed, `onshi-admin enable` for
# facility 1, then status. The database encoding is UTF8 unless ONSHI_DEMO_ENCODING says
# otherwise (EUC_JP = ORCA's default).
# ONSHI_DEMO_POPULATION=FILE also writes the generated patients of facility 1 as the terminal
# simulator's population there (onshi-terminal-sim run --population FILE).
# usage: load_demo_host.sh BUILDDIR [PATIENTS]
set -eu
build=$1
patients=${2:-500}
src="${ONSHI_SRCDIR:?ONSHI_SRCDIR must point at the source tree}"
admin="$build/plugin/admin/onshi-admin"
# ONSHI_DEMO_SHARE: use (and keep) this share folder instead of a temporary one.
if [ -n "${ONSHI_DEMO_SHARE:-}" ]; then
  share=$ONSHI_DEMO_SHARE
else
  share=$(mktemp -d "${TMPDIR:-/tmp}/onshi-share.XXXXXX")
  trap 'rm -rf "$share"' EXIT
fi
mkdir -p "$share/req" "$share/res" "$share/face"

encoding=${ONSHI_DEMO_ENCODING:-UTF8}
createdb -E "$encoding" -T template0 --lc-collate=C --lc-ctype=C orca
PGDATABASE=orca; export PGDATABASE
echo "== reference host schema (ORCA 5.2, $encoding) into database orca"
psql -q -v ON_ERROR_STOP=1 -f "$src/tests/host/reference_host_schema.sql"
echo "== onshi-admin migrate"
"$admin" migrate
echo "== seed: $patients generated patients + the fixtures' sample people"
set -- --seed 1 --patients "$patients" --data-dir "$src/tests/host"
[ -z "${ONSHI_DEMO_POPULATION:-}" ] || set -- "$@" --population "$ONSHI_DEMO_POPULATION"
"$build/tests/host/seed_host" "$@" | psql -q -v ON_ERROR_STOP=1 >/dev/null
echo "== onshi-admin enable --hospnum 1 --institution-code 1312345678 --share $share"
"$admin" enable --hospnum 1 --institution-code 1312345678 --share "$share"
"$admin" status
