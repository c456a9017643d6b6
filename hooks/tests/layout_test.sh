#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# C and COBOL agree on every record: hooks/tests/layout_c (offsetof/sizeof from the generated
# header, compiled as C) and a COBOL program compiled with cobc from the generated copybooks
# (addresses and LENGTH OF) print the same "record field offset length" lines.
set -eu
b="${ONSHI_BUILDDIR:-$(pwd)}"
COBC="${COBC:-cobc}"
work=$(mktemp -d "${TMPDIR:-/tmp}/onshi-layout.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$b/hooks/tests/layout_c" > "$work/c.txt"
"$COBC" -x -I "$b/hooks/cobol" -o "$work/layout_cob" "$b/hooks/tests/layout_cob.cob"
"$work/layout_cob" > "$work/cob.txt"
if ! diff -u "$work/c.txt" "$work/cob.txt"; then
  echo "FAIL: C and COBOL disagree on the record layout"
  exit 1
fi
records=$(grep -c ' size ' "$work/c.txt")
fields=$(grep -vc ' size ' "$work/c.txt")
echo "C and COBOL agree: $records records, $fields field positions"
echo "1 passed, 0 failed"
