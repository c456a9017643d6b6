#!/usr/bin/env python3
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
"""Generates the host ABI from its single definition (hooks/abi.def).

  gen_abi.py header     ABI_DEF OUT.h      C header: records, sizes, entry points
  gen_abi.py cobol      ABI_DEF OUTDIR     COBOL copybooks onshi-*.cpy (fixed format)
  gen_abi.py layout-c   ABI_DEF OUT.c      C program printing every record's layout (offsetof)
  gen_abi.py layout-cob ABI_DEF OUT.cob    COBOL program printing the same from the copybooks

The two layout programs print "record field offset length" lines; the layout test compares
them, so C and COBOL provably agree on every record.
"""
import os
import re
import shlex
import sys


class Field:
    def __init__(self, name, width, doc):
        self.name, self.width, self.doc = name, width, doc


class Occurs:
    def __init__(self, name, count, doc):
        self.name, self.count, self.doc, self.fields = name, count, doc, []

    @property
    def width(self):
        return sum(f.width for f in self.fields)


class Record:
    def __init__(self, name, prefix, doc):
        self.name, self.prefix, self.doc, self.items = name, prefix, doc, []

    @property
    def size(self):
        return sum(i.width * (i.count if isinstance(i, Occurs) else 1) for i in self.items)


def parse(path):
    abi, records, calls = None, [], []
    rec = occ = None
    with open(path, encoding="ascii") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            words = shlex.split(line)
            where = "%s:%d" % (path, lineno)
            kw = words[0]
            if kw == "abi":
                abi = int(words[1])
            elif kw == "record":
                assert rec is None, where
                rec = Record(words[1], words[2], words[3])
            elif kw == "occurs":
                assert rec is not None and occ is None, where
                occ = Occurs(words[1], int(words[2]), words[3])
            elif kw == "field":
                assert rec is not None, where
                fld = Field(words[1], int(words[2]), words[3])
                assert 0 < fld.width <= 4096, where
                (occ.fields if occ else rec.items).append(fld)
            elif kw == "end":
                if occ is not None:
                    rec.items.append(occ)
                    occ = None
                else:
                    records.append(rec)
                    rec = None
            elif kw == "call":
                calls.append((words[1], None if words[2] == "-" else words[2], words[3]))
            else:
                raise SystemExit("%s: unknown keyword %s" % (where, kw))
    assert abi is not None and rec is None
    names = {r.name for r in records}
    for c in calls:
        assert c[1] is None or c[1] in names, c
    return abi, records, calls


def cob(name):
    return name.upper().replace("_", "-")


def header(abi, records, calls, out):
    w = out.write
    w("/* onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT */\n")
    w("/* GENERATED from hooks/abi.def by hooks/gen_abi.py: do not edit. */\n")
    w("#ifndef ONSHI_LINK_ABI_H\n#define ONSHI_LINK_ABI_H\n\n")
    w("/** @file\n * The onshi-link host ABI: fixed-layout records of fixed-width character fields\n"
      " * (no padding, no binary numbers: COBOL declares every field PIC X(n)) and the\n"
      " * onshi_link_* entry points. Every entry point returns the status also written to\n"
      " * ctl->status (0 ok, 4 warning, 8 refused, 12 error, 16 ABI/init) and never throws.\n"
      " * Text is UTF-8 padded with spaces; numbers are zero-padded decimal text. */\n\n")
    w("#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n")
    w("/** ABI version: the host passes it to onshi_link_init, which refuses any other. */\n")
    w("#define ONSHI_LINK_ABI_VERSION %d\n" % abi)
    w("/** The same, as the 4-character text init.abi_version expects. */\n")
    w("#define ONSHI_LINK_ABI_VERSION_TEXT \"%04d\"\n" % abi)
    w("/** Number of records (init.sizes entries). */\n")
    w("#define ONSHI_LINK_RECORD_COUNT %d\n\n" % len(records))
    w("/** Status codes (also in ctl->status as two digits). */\n")
    for n, v in (("OK", 0), ("WARNING", 4), ("REFUSED", 8), ("ERROR", 12), ("ABI", 16)):
        w("#define ONSHI_LINK_STATUS_%s %d\n" % (n, v))
    w("\n#if defined(ONSHI_LINK_BUILDING) && defined(__GNUC__)\n"
      "#define ONSHI_LINK_API __attribute__((visibility(\"default\")))\n"
      "#else\n#define ONSHI_LINK_API\n#endif\n\n")
    for i, r in enumerate(records):
        w("/** Record index of %s in init.sizes. */\n" % r.name)
        w("#define ONSHI_LINK_REC_%s %d\n" % (r.name.upper(), i))
        w("/** Size of struct onshi_link_%s_rec in bytes. */\n" % r.name)
        w("#define ONSHI_LINK_SIZE_%s %d\n" % (r.name.upper(), r.size))
    w("\n")
    for r in records:
        for it in r.items:
            if isinstance(it, Occurs):
                w("/** One entry of onshi_link_%s.%s: %s */\n" % (r.name, it.name, it.doc))
                w("struct onshi_link_%s_%s {\n" % (r.name, it.name))
                for f in it.fields:
                    w("  char %s[%d]; /**< %s */\n" % (f.name, f.width, f.doc))
                w("};\n")
                w("/** Capacity of onshi_link_%s.%s. */\n" % (r.name, it.name))
                w("#define ONSHI_LINK_MAX_%s_%s %d\n\n" % (r.name.upper(), it.name.upper(), it.count))
        w("/** %s (%d bytes; COBOL: copybook onshi-%s.cpy, 01 ONSHI-%s). */\n"
          % (r.doc, r.size, r.name.replace("_", "-"), cob(r.name)))
        w("struct onshi_link_%s_rec {\n" % r.name)
        for it in r.items:
            if isinstance(it, Occurs):
                w("  struct onshi_link_%s_%s %s[%d]; /**< %s */\n" % (r.name, it.name, it.name, it.count, it.doc))
            else:
                w("  char %s[%d]; /**< %s */\n" % (it.name, it.width, it.doc))
        w("};\n\n")
    w("/** The plugin's ABI version (callable before init). */\n")
    w("ONSHI_LINK_API int onshi_link_abi_version(void);\n\n")
    for name, rec, doc in calls:
        w("/** %s */\n" % doc)
        if rec is None:
            w("ONSHI_LINK_API int onshi_link_%s(struct onshi_link_ctl_rec *ctl);\n\n" % name)
        else:
            w("ONSHI_LINK_API int onshi_link_%s(struct onshi_link_ctl_rec *ctl, struct onshi_link_%s_rec *rec);\n\n"
              % (name, rec))
    w("/** Fills init->abi_version, record_count and sizes with what this header says. */\n")
    w("static inline void onshi_link_fill_init(struct onshi_link_init_rec *init) {\n")
    w("  static const int sizes[ONSHI_LINK_RECORD_COUNT] = {%s};\n"
      % ", ".join("ONSHI_LINK_SIZE_%s" % r.name.upper() for r in records))
    w("  int i, v, d;\n")
    w("  for (i = 0; i < 4; i++) init->abi_version[i] = ONSHI_LINK_ABI_VERSION_TEXT[i];\n")
    w("  init->record_count[0] = (char)('0' + ONSHI_LINK_RECORD_COUNT / 10);\n")
    w("  init->record_count[1] = (char)('0' + ONSHI_LINK_RECORD_COUNT % 10);\n")
    w("  for (i = 0; i < ONSHI_LINK_RECORD_COUNT; i++)\n")
    w("    for (v = sizes[i], d = 5; d >= 0; d--, v /= 10) init->sizes[i].size[d] = (char)('0' + v % 10);\n")
    w("}\n\n")
    w("#ifdef __cplusplus\n}\n#endif\n\n#endif /* ONSHI_LINK_ABI_H */\n")


def cobol_line(text, out):
    # Fixed format: sequence area (cols 1-6) blank, indicator col 7, code in cols 8-72.
    assert len(text) <= 72, text
    out.write(text + "\n")


def wrap_comment(text, out):
    words, line = text.split(), ""
    for word in words:
        if len("      *  " + line + " " + word) > 72:
            cobol_line("      *  " + line, out)
            line = word
        else:
            line = (line + " " + word).strip()
    if line:
        cobol_line("      *  " + line, out)


def copybook(abi, r, out):
    cobol_line("      * onshi-link ABI %04d - GENERATED from hooks/abi.def: do not edit." % abi, out)
    wrap_comment("%s. %d bytes; C: struct onshi_link_%s_rec." % (r.doc, r.size, r.name), out)
    cobol_line("       01  ONSHI-%s." % cob(r.name), out)
    for it in r.items:
        if isinstance(it, Occurs):
            wrap_comment(it.doc, out)
            cobol_line("           05  %s-%s OCCURS %d TIMES." % (r.prefix, cob(it.name), it.count), out)
            for f in it.fields:
                n = "%s-%s-%s" % (r.prefix, cob(it.name), cob(f.name))
                cobol_line("               10  %-30s PIC X(%d)." % (n, f.width), out)
        else:
            n = "%s-%s" % (r.prefix, cob(it.name))
            cobol_line("           05  %-34s PIC X(%d)." % (n, it.width), out)


def cobol(abi, records, calls, outdir):
    os.makedirs(outdir, exist_ok=True)
    for r in records:
        with open(os.path.join(outdir, "onshi-%s.cpy" % r.name.replace("_", "-")), "w") as out:
            copybook(abi, r, out)
    with open(os.path.join(outdir, "onshi-abi.cpy"), "w") as out:
        cobol_line("      * onshi-link ABI %04d - GENERATED from hooks/abi.def: do not edit." % abi, out)
        cobol_line("      * Constants and a work field for onshi-sizes.cpy.", out)
        cobol_line("       01  ONSHI-ABI-VERSION        PIC X(4) VALUE \"%04d\"." % abi, out)
        cobol_line("       01  ONSHI-RECORD-COUNT       PIC X(2) VALUE \"%02d\"." % len(records), out)
        cobol_line("       01  ONSHI-SIZE-WORK          PIC 9(6).", out)
    with open(os.path.join(outdir, "onshi-all.cpy"), "w") as out:
        cobol_line("      * onshi-link ABI %04d - GENERATED from hooks/abi.def: do not edit." % abi, out)
        cobol_line("      * Every record; onshi-sizes.cpy measures them all.", out)
        for r in records:
            cobol_line("       COPY \"onshi-%s.cpy\"." % r.name.replace("_", "-"), out)
    with open(os.path.join(outdir, "onshi-sizes.cpy"), "w") as out:
        cobol_line("      * onshi-link ABI %04d - GENERATED from hooks/abi.def: do not edit." % abi, out)
        cobol_line("      * PROCEDURE DIVISION copybook: fills ONSHI-INIT with the version", out)
        cobol_line("      * and this program's size of every record (needs onshi-all.cpy", out)
        cobol_line("      * and onshi-abi.cpy in WORKING-STORAGE).", out)
        cobol_line("           MOVE ONSHI-ABI-VERSION TO INIT-ABI-VERSION", out)
        cobol_line("           MOVE ONSHI-RECORD-COUNT TO INIT-RECORD-COUNT", out)
        for i, r in enumerate(records):
            cobol_line("           MOVE LENGTH OF ONSHI-%s TO ONSHI-SIZE-WORK" % cob(r.name), out)
            cobol_line("           MOVE ONSHI-SIZE-WORK TO INIT-SIZES-SIZE(%d)" % (i + 1), out)


def layout_c(abi, records, calls, out):
    w = out.write
    w("/* GENERATED from hooks/abi.def by hooks/gen_abi.py: do not edit. */\n")
    w("/* Prints every record's layout as the C compiler sees it. */\n")
    w("#include <stddef.h>\n#include <stdio.h>\n#include \"onshi_link_abi.h\"\n\n")
    w("#define SIZE(r) printf(\"%s size %06u\\n\", #r, (unsigned)sizeof(struct onshi_link_##r##_rec))\n")
    w("#define FIELD(r, f) printf(\"%s %s %06u %06u\\n\", #r, #f, (unsigned)offsetof(struct onshi_link_##r##_rec, f), \\\n"
      "    (unsigned)sizeof(((struct onshi_link_##r##_rec *)0)->f))\n")
    w("#define ELEM(r, o, i, f) printf(\"%s %s(%d).%s %06u %06u\\n\", #r, #o, i + 1, #f, \\\n"
      "    (unsigned)offsetof(struct onshi_link_##r##_rec, o[i].f), (unsigned)sizeof(((struct onshi_link_##r##_rec *)0)->o[i].f))\n\n")
    w("int main(void) {\n")
    for r in records:
        w("  SIZE(%s);\n" % r.name)
        for it in r.items:
            if isinstance(it, Occurs):
                for idx in sorted({0, 1, it.count - 1}):
                    for f in it.fields:
                        w("  ELEM(%s, %s, %d, %s);\n" % (r.name, it.name, idx, f.name))
            else:
                w("  FIELD(%s, %s);\n" % (r.name, it.name))
    w("  return 0;\n}\n")


def layout_cob(abi, records, calls, out):
    lines = []
    lines.append("      * GENERATED from hooks/abi.def by hooks/gen_abi.py: do not edit.")
    lines.append("      * Prints every record's layout as the COBOL compiler sees it.")
    lines.append("       IDENTIFICATION DIVISION.")
    lines.append("       PROGRAM-ID. LAYOUTCOB.")
    lines.append("       DATA DIVISION.")
    lines.append("       WORKING-STORAGE SECTION.")
    lines.append("       01  P-BASE USAGE POINTER.")
    lines.append("       01  P-BASE-N REDEFINES P-BASE USAGE BINARY-DOUBLE UNSIGNED.")
    lines.append("       01  P-FLD USAGE POINTER.")
    lines.append("       01  P-FLD-N REDEFINES P-FLD USAGE BINARY-DOUBLE UNSIGNED.")
    lines.append("       01  W-OFF PIC 9(6).")
    lines.append("       01  W-LEN PIC 9(6).")
    for r in records:
        lines.append("       COPY \"onshi-%s.cpy\"." % r.name.replace("_", "-"))
    lines.append("       PROCEDURE DIVISION.")

    def show(label, ref, recname):
        lines.append("           SET P-FLD TO ADDRESS OF %s" % ref)
        lines.append("           COMPUTE W-OFF = P-FLD-N - P-BASE-N")
        lines.append("           MOVE LENGTH OF %s TO W-LEN" % ref)
        lines.append("           DISPLAY \"%s \"" % label)
        lines.append("                   W-OFF \" \" W-LEN")

    for r in records:
        lines.append("           SET P-BASE TO ADDRESS OF ONSHI-%s" % cob(r.name))
        lines.append("           MOVE LENGTH OF ONSHI-%s TO W-LEN" % cob(r.name))
        lines.append("           DISPLAY \"%s size \" W-LEN" % r.name)
        for it in r.items:
            if isinstance(it, Occurs):
                for idx in sorted({0, 1, it.count - 1}):
                    for f in it.fields:
                        ref = "%s-%s-%s(%d)" % (r.prefix, cob(it.name), cob(f.name), idx + 1)
                        show("%s %s(%d).%s" % (r.name, it.name, idx + 1, f.name), ref, r.name)
            else:
                show("%s %s" % (r.name, it.name), "%s-%s" % (r.prefix, cob(it.name)), r.name)
    lines.append("           STOP RUN.")
    for line in lines:
        cobol_line(line, out)


def main(argv):
    if len(argv) != 4:
        raise SystemExit(__doc__)
    mode, src, dst = argv[1:]
    abi, records, calls = parse(src)
    if mode == "cobol":
        cobol(abi, records, calls, dst)
        return
    tmp = dst + ".tmp"
    with open(tmp, "w") as out:
        {"header": header, "layout-c": layout_c, "layout-cob": layout_cob}[mode](abi, records, calls, out)
    os.replace(tmp, dst)


if __name__ == "__main__":
    main(sys.argv)
