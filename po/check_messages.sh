#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# make check: the one message catalogue (domain onshi-link, plugin/common/i18n.h) of the programs
# and the host screens. Fails naming each offending message, file, line or ID.
# 1. Catalogue: every message marked for translation in the sources (po/POTFILES.in, keywords
#    N_ and tr: the programs' texts and the screen messages of plugin/common/message_ids.h) has a
#    translation, neither missing nor fuzzy, in po/ja.po and po/en.po; placeholders {1}, {2}, ...
#    are kept; a Japanese text is not the English one copied; msgfmt -c accepts both files; every
#    source file that marks messages is listed in po/POTFILES.in (else its messages would
#    silently stay English); the engine's log lines (log::info/warning/error,
#    Complaint::complain/recover in plugin/daemon/ and plugin/watch/; debug lines are for
#    developers) mark their text with tr().
# 2. Message IDs: plugin/common/message_ids.h is the one list. Each ID there is well formed (log
#    lines ONSHI-<E|W|I|D>-<AREA>-<NNN>, screens ONSHI-<I|W|E|S|D>-6NNN) and declared once, each
#    screen message has a text marked N_; every ID named in plugin/ or hooks/ (tests aside) is
#    declared there; every log line's ID is listed in README.md (section Engine).
# 3. Languages at run time (the built catalogs, po/locale): onshi-admin and onshi-exchanged speak
#    Japanese with LANGUAGE=ja and English in the C locale; a log line keeps its stable message
#    ID untranslated at the start of its text either way. (The screens' language per call is
#    checked by the unit suite MessagesTest and the hook tests.) No database is needed.
set -eu
src="${ONSHI_SRCDIR:?ONSHI_SRCDIR not set}"
build="${ONSHI_BUILDDIR:?ONSHI_BUILDDIR not set}"
XGETTEXT="${XGETTEXT:-xgettext}"
MSGCMP="${MSGCMP:-msgcmp}"
MSGFMT="${MSGFMT:-msgfmt}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed=0 failed=0
# result NAME STATUS: counts one assertion (STATUS 0 = passed); the failure lines came before.
result() {
  if [ "$2" = 0 ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $1"
  fi
}

# --- 1. catalogue ----------------------------------------------------------------------------
# The template as `make update-pot` builds it, from the sources as they are now.
sed -e '/^#/d' -e '/^[[:space:]]*$/d' "$src/po/POTFILES.in" > "$tmp/files"
"$XGETTEXT" --keyword=N_ --keyword=tr --from-code=UTF-8 -C -D "$src" -f "$tmp/files" \
  --package-name=onshi-link -o "$tmp/onshi-link.pot"
n=$(grep -c '^msgid ' "$tmp/onshi-link.pot")

# Sources that mark messages (tr("...") or N_("...") outside comments) but are not listed.
ok=0
for f in $(cd "$src" && find plugin hooks -name '*.cc' -o -name '*.h' | LC_ALL=C sort); do
  case $f in plugin/common/i18n.*) continue ;; esac
  grep -E '(^|[^A-Za-z0-9_])(tr|N_)\("' "$src/$f" | grep -qvE '^[[:space:]]*(//|\*)' || continue
  if ! grep -qx "$f" "$tmp/files"; then
    echo "FAIL: $f marks messages for translation but is not listed in po/POTFILES.in"
    ok=1
  fi
done
result "sources marking messages are listed in po/POTFILES.in" "$ok"

# Engine log lines whose text is not marked (the stable ID stays outside tr()).
ok=0
python3 - "$src" "$src"/plugin/daemon/*.cc "$src"/plugin/watch/*.cc <<'PY' || ok=1
import re, sys
bad = 0
for path in sys.argv[2:]:
    src = open(path, encoding="utf-8").read()
    for m in re.finditer(r'(log::(?:info|warning|error)|\.complain|\.recover)\(', src):
        i, depth, in_str = m.end(), 1, False
        while i < len(src) and depth:
            c = src[i]
            if in_str:
                if c == '\\': i += 1
                elif c == '"': in_str = False
            elif c == '"': in_str = True
            elif c == '(': depth += 1
            elif c == ')': depth -= 1
            i += 1
        args = src[m.end():i - 1]
        if not re.search(r'(^|[^A-Za-z0-9_])tr\(', args):
            line = src.count("\n", 0, m.start()) + 1
            print("FAIL: %s:%d: log text not marked for translation (tr): %s" % (
                path[len(sys.argv[1]) + 1:], line, " ".join(args.split())[:70]))
            bad = 1
sys.exit(bad)
PY
result "the engine's log texts are marked with tr()" "$ok"

for lang in $(sed -e '/^#/d' "$src/po/LINGUAS"); do
  po="$src/po/$lang.po"
  # msgcmp counts untranslated and fuzzy entries as missing (no --use-fuzzy/--use-untranslated).
  ok=0
  if ! "$MSGCMP" "$po" "$tmp/onshi-link.pot" 2> "$tmp/msgcmp.err"; then
    echo "FAIL: po/$lang.po lacks translations of marked messages (or has them fuzzy):"
    grep -v 'this message is not used' "$tmp/msgcmp.err" | sed 's/^/  /'
    ok=1
  fi
  result "po/$lang.po translates every marked message" "$ok"
  ok=0
  if ! "$MSGFMT" -c --statistics -o /dev/null "$po" 2> "$tmp/stats"; then
    echo "FAIL: msgfmt -c refuses po/$lang.po:"; sed 's/^/  /' "$tmp/stats"; ok=1
  elif grep -q 'fuzzy\|untranslated' "$tmp/stats"; then
    echo "FAIL: po/$lang.po: $(cat "$tmp/stats")"; ok=1
  fi
  result "msgfmt -c accepts po/$lang.po, nothing fuzzy or untranslated" "$ok"
  # Placeholders: the translation uses exactly the {N} of the source. A translation other than
  # English that is the English text itself counts as missing.
  ok=0
  python3 - "$po" "$lang" <<'PY' || ok=1
import re, sys
def entries(path):
    cur, key, out = {}, None, []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        m = re.match(r'^(msgid|msgstr) "(.*)"$', line)
        if m:
            if m.group(1) == "msgid" and cur:
                out.append(cur); cur = {}
            key = m.group(1); cur[key] = m.group(2)
        elif line.startswith('"') and key:
            cur[key] += line[1:-1]
        elif not line.strip():
            key = None
    if cur: out.append(cur)
    return out
bad = 0
for e in entries(sys.argv[1]):
    mid, mstr = e.get("msgid", ""), e.get("msgstr", "")
    if not mid or not mstr: continue
    a, b = sorted(re.findall(r"\{\d+\}", mid)), sorted(re.findall(r"\{\d+\}", mstr))
    if a != b:
        print("FAIL: %s: placeholders %s in msgid, %s in msgstr: %s" % (sys.argv[1], a, b, mid[:60]))
        bad = 1
    if sys.argv[2] != "en" and mstr == mid:
        print("FAIL: %s: the English text copied, not translated: %s" % (sys.argv[1], mid[:60]))
        bad = 1
sys.exit(bad)
PY
  result "po/$lang.po keeps the placeholders and translates" "$ok"
done

# --- 2. message IDs --------------------------------------------------------------------------
ok=0
python3 - "$src" > "$tmp/ids" <<'PY' || ok=1
import os, re, sys
src = sys.argv[1]
list_path = "plugin/common/message_ids.h"
text = open(os.path.join(src, list_path), encoding="utf-8").read()
bad = 0
def fail(msg):
    global bad
    print("FAIL: " + msg, file=sys.stderr)
    bad = 1
log_ids = re.findall(r'\bk[A-Za-z0-9]+\[\]\s*=\s*"([^"]*)"', text)
screen_entries = re.findall(r'\{"([^"]*)",\s*N_\(', text)
if len(screen_entries) != len(re.findall(r'\{"ONSHI-', text)):
    fail("%s: a screen message without a text marked N_(\"...\")" % list_path)
if not log_ids or not screen_entries:
    fail("%s: no log IDs or no screen messages found" % list_path)
seen = set()
for i in log_ids + screen_entries:
    if i in seen:
        fail("%s: %s declared twice" % (list_path, i))
    seen.add(i)
for i in log_ids:
    if not re.fullmatch(r"ONSHI-[EWID]-[A-Z]+-\d{3}", i):
        fail("%s: log ID %s is not ONSHI-<E|W|I|D>-<AREA>-<NNN>" % (list_path, i))
for i in screen_entries:
    if not re.fullmatch(r"ONSHI-[IWESD]-6\d{3}", i):
        fail("%s: screen ID %s is not ONSHI-<I|W|E|S|D>-6NNN" % (list_path, i))
# Every ID the code names is one of the list.
pattern = re.compile(r"ONSHI-[A-Z]-(?:[A-Z]+-)?\d+")
for top in ("plugin", "hooks"):
    for root, dirs, files in os.walk(os.path.join(src, top)):
        rel_root = os.path.relpath(root, src)
        # Tests name unknown IDs on purpose; the copybooks and the ABI header are generated from
        # hooks/abi.def (an in-tree build writes them beside it).
        if rel_root in ("hooks/tests", "hooks/cobol") or rel_root.startswith("hooks/tests/"):
            dirs[:] = []
            continue
        for name in sorted(files):
            if not name.endswith((".cc", ".h", ".c", ".cob", ".def", ".py", ".sh", ".map")):
                continue
            rel = os.path.join(rel_root, name)
            if rel in (list_path, "hooks/onshi_link_abi.h"):
                continue
            for n, line in enumerate(open(os.path.join(src, rel), encoding="utf-8",
                                          errors="replace"), 1):
                for i in pattern.findall(line):
                    if i not in seen:
                        fail("%s:%d: %s is not declared in %s" % (rel, n, i, list_path))
# The manual's list of log IDs (README, section Engine: "E-DB-001 database unreachable, ...").
readme = open(os.path.join(src, "README.md"), encoding="utf-8").read()
for i in log_ids:
    short = i.split("-", 2)[2]
    if not re.search(r"(?<![A-Z])%s(?!\d)" % re.escape(short), readme):
        fail("README.md does not list the log ID %s" % i)
print("%d log IDs, %d screen IDs" % (len(log_ids), len(screen_entries)))
sys.exit(bad)
PY
result "plugin/common/message_ids.h declares every message ID once" "$ok"
ids=$(cat "$tmp/ids")

# --- 3. languages at run time ----------------------------------------------------------------
admin="$build/plugin/admin/onshi-admin"
engine="$build/plugin/daemon/onshi-exchanged"
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
  echo "$passed passed, $failed failed (messages: $n msgids, $ids; languages not run)"
  [ "$failed" = 0 ] || exit 1
  exit 77
fi

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

echo "$passed passed, $failed failed (messages: $n msgids, $ids; Japanese and English)"
[ "$failed" = 0 ]
