#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# make check: every message marked for translation in the sources (po/POTFILES.in, keywords N_
# and tr) has a translation, neither missing nor fuzzy, in po/ja.po and po/en.po; placeholders
# {1}, {2}, ... are kept; msgfmt -c accepts both files; every source file that marks messages is
# listed in po/POTFILES.in (else its messages would silently stay English); the engine's log
# lines (log::info/warning/error, Complaint::complain/recover in plugin/daemon/ and
# plugin/watch/; debug lines are for developers) mark their text with tr(). Fails naming each offending message, file or line.
set -eu
src="${ONSHI_SRCDIR:?ONSHI_SRCDIR not set}"
XGETTEXT="${XGETTEXT:-xgettext}"
MSGCMP="${MSGCMP:-msgcmp}"
MSGFMT="${MSGFMT:-msgfmt}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The template as `make update-pot` builds it, from the sources as they are now.
sed -e '/^#/d' -e '/^[[:space:]]*$/d' "$src/po/POTFILES.in" > "$tmp/files"
"$XGETTEXT" --keyword=N_ --keyword=tr --from-code=UTF-8 -C -D "$src" -f "$tmp/files" \
  --package-name=onshi-link -o "$tmp/onshi-link.pot"
n=$(grep -c '^msgid ' "$tmp/onshi-link.pot")
fail=0

# Sources that mark messages (tr("...") or N_("...") outside comments) but are not listed.
for f in $(cd "$src" && find plugin hooks -name '*.cc' -o -name '*.h' | LC_ALL=C sort); do
  case $f in plugin/common/i18n.*) continue ;; esac
  grep -E '(^|[^A-Za-z0-9_])(tr|N_)\("' "$src/$f" | grep -qvE '^[[:space:]]*(//|\*)' || continue
  if ! grep -qx "$f" "$tmp/files"; then
    echo "FAIL: $f marks messages for translation but is not listed in po/POTFILES.in"
    fail=1
  fi
done

# Engine log lines whose text is not marked (the stable ID stays outside tr()).
if ! python3 - "$src" "$src"/plugin/daemon/*.cc "$src"/plugin/watch/*.cc <<'PY'
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
then fail=1; fi

for lang in $(sed -e '/^#/d' "$src/po/LINGUAS"); do
  po="$src/po/$lang.po"
  # msgcmp counts untranslated and fuzzy entries as missing (no --use-fuzzy/--use-untranslated).
  if ! "$MSGCMP" "$po" "$tmp/onshi-link.pot" 2> "$tmp/msgcmp.err"; then
    echo "FAIL: po/$lang.po lacks translations of marked messages (or has them fuzzy):"
    grep -v 'this message is not used' "$tmp/msgcmp.err" | sed 's/^/  /'
    fail=1
  fi
  if ! "$MSGFMT" -c --statistics -o /dev/null "$po" 2> "$tmp/stats"; then
    echo "FAIL: msgfmt -c refuses po/$lang.po:"; sed 's/^/  /' "$tmp/stats"; fail=1
  elif grep -q 'fuzzy\|untranslated' "$tmp/stats"; then
    echo "FAIL: po/$lang.po: $(cat "$tmp/stats")"; fail=1
  fi
  # Placeholders: the translation uses exactly the {N} of the source. A translation other than
  # English that is the English text itself counts as missing.
  if ! python3 - "$po" "$lang" <<'PY'
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
  then fail=1; fi
done
if [ "$fail" = 0 ]; then
  echo "1 passed, 0 failed (translations: $n messages, every language complete)"
else
  echo "0 passed, 1 failed (translations)"
fi
exit "$fail"
