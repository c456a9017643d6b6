#!/usr/bin/env python3
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
"""Prints, one per line, every personal value of the sample people: names, kana, birthdates
(also as YYYY-MM-DD), addresses, postal codes, insurer numbers, card symbols and numbers, from
the simulator's demo scenario (people[].card) and the host seed (tbl_ptinf, tbl_pthkninf).
Values shorter than 3 characters (ASCII: 4) are left out. Usage: personal_values.py SCENARIO.json SAMPLE_PEOPLE.sql"""
import json
import re
import sys

CARD_KEYS = ("Name", "NameKana", "NameOfOther", "NameOfOtherKana", "Birthdate", "Address",
             "PostNumber", "InsurerNumber", "InsuredCardSymbol", "InsuredIdentificationNumber")


def rows(sql, table):
    """Tuples of the VALUES list of `INSERT INTO table (...) VALUES ...;`."""
    m = re.search(r"INSERT INTO " + table + r" \(([^)]*)\)\s*VALUES(.*?);\s*$", sql, re.S | re.M)
    if not m:
        return []
    cols = [c.strip() for c in m.group(1).split(",")]
    out = []
    for tup in re.findall(r"\(([^()]*)\)", m.group(2)):
        vals = [v.strip() for v in re.findall(r"'[^']*'|NULL|[^,\s]+", tup)]
        out.append(dict(zip(cols, [v.strip("'") for v in vals])))
    return out


def main():
    values = set()
    scenario = json.load(open(sys.argv[1], encoding="utf-8"))
    for person in scenario.get("people", []):
        card = person.get("card", {})
        for k in CARD_KEYS:
            if card.get(k):
                values.add(card[k].strip())
    sql = open(sys.argv[2], encoding="utf-8").read()
    for r in rows(sql, "tbl_ptinf"):
        for k in ("kananame", "name", "birthday", "home_post", "home_adrs"):
            if r.get(k) and r[k] != "NULL":
                values.add(r[k])
    for r in rows(sql, "tbl_pthkninf"):
        for k in ("hknjanum", "kigo", "num", "hihknjaname"):
            if r.get(k) and r[k] != "NULL":
                values.add(r[k].strip())
    for v in list(values):
        if re.fullmatch(r"(19|20)\d{6}", v):
            values.add("%s-%s-%s" % (v[:4], v[4:6], v[6:]))
        if "\u3000" in v:  # full-width space between family and given name
            values.add(v.replace("\u3000", " "))
            values.update(p for p in v.split("\u3000") if len(p) >= 2)
    for v in sorted(values):
        if len(v) < 3 or (v.isascii() and len(v) < 4):
            continue  # short fragments and 3-digit numbers would match line numbers, sizes
        print(v)


if __name__ == "__main__":
    main()
