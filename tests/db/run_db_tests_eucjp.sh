#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# The PostgreSQL integration tests again, every database in EUC-JP: ORCA's default database
# encoding (values the host cannot hold are converted on our side, db/connection.h).
set -eu
ONSHI_TEST_DB_ENCODING=EUC_JP
export ONSHI_TEST_DB_ENCODING
exec sh "$(cd "$(dirname "$0")" && pwd)/run_db_tests.sh" "$@"
