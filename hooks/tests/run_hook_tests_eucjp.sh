#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# Every hook again against an EUC-JP host database (ORCA's default encoding).
set -eu
ONSHI_TEST_DB_ENCODING=EUC_JP
export ONSHI_TEST_DB_ENCODING
exec sh "$(cd "$(dirname "$0")" && pwd)/run_hook_tests.sh" "$@"
