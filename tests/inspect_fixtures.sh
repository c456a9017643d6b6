#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# `onshi-admin inspect` over ../shared/fixtures/oqs, compared with expected.json.
set -eu
exec python3 "${ONSHI_SRCDIR:-.}/tests/check_inspect.py"
