#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# make check: onshi-admin and onshi-exchanged speak the locale's language through the built
# catalogs (po/locale): Japanese with LANGUAGE=ja, English in the C locale; a log line keeps its
# stable message ID untranslated at the start of its text either way. No database is needed.
set -eu
build="${ONSHI_BUILDDIR:?ONSHI_BUILDDIR not set}"
admin="$build/plugin/admin/onshi-admin"
engine="$build/plugin/daemon/onshi-exchanged"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ONSHI_LOCALE_DIR="$build/po/locale"
export ONSHI_LOCALE_DIR
unset LC_MESSAGES LANG LANGUAGE

# gettext ignores LANGUAGE in the C locale: Japanese needs a UTF-8 locale (Debian always has
# C.UTF-8).
utf8=""
for l in ja_JP.UTF-8 ja_JP.utf8 C.UTF-8 C.utf8; do
  if locale -a 2>/dev/null | grep -qix "$l"; then utf8=$l; break; fi
done
if [ -z "$utf8" ]; then
  echo "SKIP: no UTF-8 locale installed (locale -a); cannot show Japanese"
  exit 77
fi

passed=0 failed=0
# expect NAME FILE FIXED-STRING
expect() {
  if grep -qF -- "$3" "$2"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $1: no \"$3\" in:"; sed 's/^/  | /' "$2"
  fi
}
ja() { LC_ALL=$utf8 LANGUAGE=ja "$@"; }
en() { LC_ALL=C "$@"; }

# onshi-admin: usage error of a command, usage text.
en "$admin" bulk >"$tmp/out" 2>&1 || true
expect "admin usage error (C)" "$tmp/out" "onshi-admin bulk: missing subcommand (run or status)"
expect "admin usage text (C)" "$tmp/out" "usage: onshi-admin bulk run"
ja "$admin" bulk >"$tmp/out" 2>&1 || true
expect "admin usage error (ja)" "$tmp/out" "onshi-admin bulk: サブコマンドを指定してください (run or status)"
expect "admin usage text (ja)" "$tmp/out" "使い方: onshi-admin bulk run"
ja "$admin" check --hospnum 1 --patient 1 --date x --bogus >"$tmp/out" 2>&1 || true
expect "admin argument error (ja)" "$tmp/out" "引数 \"--bogus\" は使用できません"

# onshi-exchanged: a refused configuration is logged with its ID first, the text translated.
printf 'log_level = loud\n' >"$tmp/bad.conf"
printf '# nothing set\n' >"$tmp/good.conf"
en "$engine" --once --config "$tmp/bad.conf" >"$tmp/out" 2>&1 || true
expect "engine log line (C)" "$tmp/out" "ONSHI-E-CONFIG-001 configuration refused, not starting: "
ja "$engine" --once --config "$tmp/bad.conf" >"$tmp/out" 2>&1 || true
expect "engine log line (ja)" "$tmp/out" "ONSHI-E-CONFIG-001 設定に誤りがあるため起動しません: "
ja "$engine" --check-config --config "$tmp/good.conf" >"$tmp/out" 2>&1 || true
expect "engine --check-config (ja)" "$tmp/out" "# $tmp/good.conf: 問題ありません"
en "$engine" --check-config --config "$tmp/good.conf" >"$tmp/out" 2>&1 || true
expect "engine --check-config (C)" "$tmp/out" "# $tmp/good.conf: ok"

echo "$passed passed, $failed failed (program messages in Japanese and English)"
[ "$failed" = 0 ]
