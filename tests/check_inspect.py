#!/usr/bin/env python3
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
"""Runs `onshi-admin inspect` over every fixture and compares with expected.json.

An independent reading of the inspect JSON contract: one JSON object per line, exit 0 when all
files were accepted and 65 when any was refused, one stderr line per refused file naming it.
"""
import json
import os
import re
import subprocess
import sys

SEG = re.compile(r"^([A-Za-z0-9_]+)(?:\[(\d+)\])?$")


def resolve(root, path):
    cur = root
    for seg in path.split("."):
        m = SEG.match(seg)
        if not m or not isinstance(cur, dict) or m.group(1) not in cur:
            return None
        cur = cur[m.group(1)]
        if isinstance(cur, list):
            i = int(m.group(2) or 0)
            if i >= len(cur):
                return None
            cur = cur[i]
        elif m.group(2) not in (None, "0"):
            return None
    return cur


def main():
    admin = os.environ.get("ONSHI_ADMIN", "plugin/admin/onshi-admin")
    fixtures = os.environ.get("ONSHI_FIXTURES", "../shared/fixtures/oqs")
    expected = json.load(open(os.path.join(fixtures, "expected.json"), encoding="utf-8"))
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL: " + what)

    # One run over all files: one line per file, in order; exit 65 because bad/ has refusals.
    files = [os.path.join(fixtures, e["file"]) for e in expected]
    run = subprocess.run([admin, "inspect"] + files, capture_output=True)
    lines = run.stdout.decode("utf-8").splitlines()
    check(run.returncode == 65, "exit status over the whole corpus is 65, got %d" % run.returncode)
    check(len(lines) == len(files), "one JSON line per file (%d for %d)" % (len(lines), len(files)))
    err_lines = run.stderr.decode("utf-8").splitlines()
    refused = [e for e in expected if not e["accept"]]
    check(len(err_lines) == len(refused), "one stderr line per refused file")
    for e in refused:
        name = os.path.basename(e["file"])
        check(any(name in l for l in err_lines), "stderr names " + name)

    for e, line in zip(expected, lines):
        obj = json.loads(line)
        path = os.path.join(fixtures, e["file"])
        check(obj.get("file") == path, "%s: \"file\" is the path given" % e["file"])
        base = os.path.basename(e["file"])
        kind = re.match(r"^([A-Z]{3}[a-z]{2}[a-z]{3}\d\d(?:req|res))(_face)?_", base)
        want_kind = kind.group(1) + (kind.group(2) or "")
        check(obj.get("kind") == want_kind, "%s: kind %s" % (e["file"], obj.get("kind")))
        check(obj.get("accepted") == e["accept"], "%s: accepted=%s" % (e["file"], e["accept"]))
        for field, want in e.get("fields", {}).items():
            got = resolve(obj, field)
            check(got == want, "%s: %s = %r, want %r" % (e["file"], field, got, want))

    # Single files: exit 0 for an accepted one, 65 for a refused one.
    good = next(e for e in expected if e["accept"])
    run = subprocess.run([admin, "inspect", os.path.join(fixtures, good["file"])], capture_output=True)
    check(run.returncode == 0 and run.stderr == b"", "accepted file alone exits 0 silently")
    bad = refused[0]
    run = subprocess.run([admin, "inspect", os.path.join(fixtures, bad["file"])], capture_output=True)
    check(run.returncode == 65, "refused file alone exits 65")

    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
