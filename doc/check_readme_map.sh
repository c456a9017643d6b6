#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# make check: the README "Layout" table is the map of the tree. Every folder under plugin/ has a
# row `| `plugin/X/` | what it owns | may use |`, no row names a folder that does not exist, and no
# file of plugin/X includes ("Y/...") a folder Y other than X that the row's "may use" column does
# not list. The README's list of libraries (`- `libonshi_X`: folder, folder (programs)`) names the
# library each folder is built into: every .cc/.h under plugin/ is in Makefile.am, and every one of
# a folder's library sources is listed in that library's _SOURCES.
set -eu
src="${ONSHI_SRCDIR:?ONSHI_SRCDIR not set}"
readme="$src/README.md"
rows=$(sed -n 's/^| `plugin\/\([a-z_0-9]*\)\/` |.*| \([^|]*\) |$/\1|\2/p' "$readme")
folders=$(cd "$src/plugin" && for d in */; do [ -d "$d" ] && printf '%s\n' "${d%/}"; done)
fail=0
checked=0
for f in $folders; do
  printf '%s\n' "$rows" | grep -q "^$f|" ||
    { echo "FAIL: plugin/$f/ has no row in the README Layout table"; fail=1; }
done
for r in $(printf '%s\n' "$rows" | cut -d'|' -f1); do
  [ -d "$src/plugin/$r" ] || { echo "FAIL: README Layout row plugin/$r/ names no folder"; fail=1; }
done
for f in $folders; do
  row=$(printf '%s\n' "$rows" | grep "^$f|" | head -n 1) || continue
  # "common, model (only encoding.h, ...)": the folder names, parenthesised notes dropped.
  uses=" $(printf '%s\n' "${row#*|}" | sed 's/([^)]*)//g; s/,/ /g') "
  for file in "$src/plugin/$f"/*.cc "$src/plugin/$f"/*.h; do
    [ -f "$file" ] || continue
    for y in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z_0-9]*\)\/.*/\1/p' "$file" | sort -u); do
      [ "$y" = "$f" ] && continue
      checked=$((checked + 1))
      case "$uses" in
        *" $y "*) ;;
        *) echo "FAIL: plugin/$f/$(basename "$file") includes $y/, which the README row of plugin/$f/ does not list"
           fail=1 ;;
      esac
    done
  done
done
# Which library each file is built into, from Makefile.am's plugin_libonshi_<lib>_la_SOURCES
# (continuation lines joined): "<lib> <file>" per line.
built=$(awk '
  { line = line $0 }
  /\\$/ { sub(/\\$/, "", line); next }
  { if (match(line, /^(nodist_)?plugin_libonshi_[a-z]+_la_SOURCES[ \t]*\+?=/)) {
      lib = line; sub(/^(nodist_)?plugin_libonshi_/, "", lib); sub(/_la_SOURCES.*/, "", lib)
      rest = line; sub(/^[^=]*=/, "", rest)
      n = split(rest, w, /[ \t]+/)
      for (i = 1; i <= n; i++) if (w[i] != "") print lib, w[i]
    }
    line = "" }' "$src/Makefile.am")
libs=$(sed -n 's/^- `libonshi_\([a-z]*\)`: \([^(]*\).*/\1|\2/p' "$readme")
for f in $folders; do
  lib=$(printf '%s\n' "$libs" | awk -F'|' -v f="$f" '{ n = split($2, w, /[ ,]+/); for (i = 1; i <= n; i++) if (w[i] == f) print $1 }')
  [ -n "$lib" ] || { echo "FAIL: plugin/$f/ is in none of the README's libraries"; fail=1; continue; }
  for file in "$src/plugin/$f"/*.cc "$src/plugin/$f"/*.h; do
    [ -f "$file" ] || continue
    rel="plugin/$f/$(basename "$file")"
    checked=$((checked + 1))
    if printf '%s\n' "$built" | grep -qx "$lib $rel"; then continue; fi
    case "$rel" in
      *_main.cc) grep -q "_SOURCES = $rel\$" "$src/Makefile.am" && continue ;;
    esac
    echo "FAIL: $rel is not built into libonshi_$lib (README Layout) by Makefile.am"; fail=1
  done
done
if [ "$fail" = 0 ]; then
  echo "1 passed, 0 failed (README map: $(printf '%s\n' "$folders" | wc -l) folders, $checked cross-folder includes and library sources as listed)"
else
  echo "0 passed, 1 failed (README map)"
fi
exit "$fail"
