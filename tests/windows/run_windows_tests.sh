#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# The Windows watcher, share and event loop tests (tests/windows/watcher_win_tests.exe,
# share_win_tests.exe, event_loop_win_tests.exe, cross-built with mingw-w64 by `make check`
# after ./configure --enable-windows-tests) under wine, in a wine prefix of the build tree.
# Usage: sh tests/windows/run_windows_tests.sh [CASE]
# Exit 77 (automake: SKIP) with the reason when the cross compiler or wine is missing.
set -u
builddir=${ONSHI_BUILDDIR:-.}
exe="$builddir/tests/windows/watcher_win_tests.exe"
if [ ! -f "$exe" ]; then
  echo "SKIP: Windows watcher tests not built: they need ./configure --enable-windows-tests" \
    "(or =auto), the mingw-w64 cross compiler x86_64-w64-mingw32-g++-posix (Debian package" \
    "g++-mingw-w64-x86-64-posix) and wine (Debian package wine64)"
  exit 77
fi
wine=""
for w in wine64 wine /usr/lib/wine/wine64; do
  if command -v "$w" >/dev/null 2>&1; then
    wine=$(command -v "$w")
    break
  fi
done
if [ -z "$wine" ]; then
  echo "SKIP: Windows watcher tests: no wine64 or wine to run $exe (Debian package wine64)"
  exit 77
fi
# A prefix of our own (made on the first run, about 20 s), no debug output, no Mono/Gecko
# installer prompts.
WINEPREFIX=$(cd "$builddir" && pwd)/tests/windows/wineprefix
WINEDEBUG=-all
WINEDLLOVERRIDES="mscoree,mshtml="
export WINEPREFIX WINEDEBUG WINEDLLOVERRIDES
# wine's own start-up lines (prefix made or updated) go to a log, the runner's lines to stdout.
# Then the share's file operations and the event loop (share_win_tests.exe,
# event_loop_win_tests.exe); a CASE runs in the program that has it.
"$wine" "$exe" "$@" 2>"$builddir/tests/windows/wine.log"
rc=$?
for more in share_win_tests.exe event_loop_win_tests.exe; do
  [ -f "$builddir/tests/windows/$more" ] || continue
  "$wine" "$builddir/tests/windows/$more" "$@" 2>>"$builddir/tests/windows/wine.log"
  more_rc=$?
  if [ $# -gt 0 ]; then
    [ $rc -eq 0 ] || [ $more_rc -eq 0 ] && rc=0
  elif [ $rc -eq 0 ]; then
    rc=$more_rc
  fi
done
# Our prefix's wineserver only (it would linger a few seconds).
server="$(dirname "$wine")/wineserver"
[ -x "$server" ] || server=$(command -v wineserver 2>/dev/null || true)
[ -n "$server" ] && "$server" -k >/dev/null 2>&1
if [ $rc -ne 0 ]; then
  echo "Windows watcher tests failed (exit $rc); wine's messages: tests/windows/wine.log"
fi
exit $rc
