#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# Runs the hook tests (hooks/tests/run_hook_tests, in the build dir) against a throw-away
# PostgreSQL started by tests/pg/pg-tmp. No server is a failure (exit 1), never a skip.
set -eu
ONSHI_SRCDIR="${ONSHI_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
export ONSHI_SRCDIR
exec sh "$ONSHI_SRCDIR/tests/pg/pg-tmp" run ./hooks/tests/run_hook_tests "$@"
