#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# End-to-end tests of the exchange engine with the terminal simulator, against a throw-away
# PostgreSQL started by tests/pg/pg-tmp (run from the build dir; no server is a failure).
set -eu
# This script reads what the programs print: their messages in English (gettext's C locale
# ignores LANGUAGE), whatever the caller's locale.
LC_ALL=C; export LC_ALL; unset LANGUAGE
ONSHI_SRCDIR="${ONSHI_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
export ONSHI_SRCDIR
exec sh "$ONSHI_SRCDIR/tests/pg/pg-tmp" run sh "$ONSHI_SRCDIR/tests/e2e/e2e_cases.sh" "$@"
