#!/bin/sh
# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
#
# Runs the libFuzzer targets of a fuzzing build, one after the other.
#
#   tests/fuzz/run-fuzzers.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 60); TARGET defaults to all (fuzz_xml_reader fuzz_cp932
# fuzz_file_name).
# Builds nothing: expects a build configured with `CXX=clang++ --enable-fuzzing` in the current
# directory or in $FUZZ_BUILD. Corpora grow in ${FUZZ_WORK:-$FUZZ_BUILD/fuzz-work}/TARGET/corpus;
# seeds come from ${ONSHI_FIXTURES:-<srcdir>/../shared/fixtures/oqs}, from the benchmark's
# generator (when bench_codec is built) and from tests/fuzz/regressions/. Crash, timeout and
# out-of-memory inputs land in .../TARGET/artifacts/. Exit status: 0 when no target found
# anything, 1 otherwise, 2 on a usage or setup error.
set -u

seconds=${1:-60}
[ $# -gt 0 ] && shift
case $seconds in
  '' | *[!0-9]*) echo "usage: $0 [SECONDS] [TARGET...]" >&2; exit 2 ;;
esac
targets=${*:-fuzz_xml_reader fuzz_cp932 fuzz_file_name}

srcdir=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${FUZZ_BUILD:-.}" && pwd)
fixtures=${ONSHI_FIXTURES:-$srcdir/../shared/fixtures/oqs}
work=${FUZZ_WORK:-$build/fuzz-work}
dict=$srcdir/tests/fuzz/oqs.dict
max_len=65536  # seeds larger than this (the 3 MB bomb in bad/, big bulk files) are left out

for t in $targets; do
  if [ ! -x "$build/tests/fuzz/$t" ]; then
    echo "run-fuzzers: no $build/tests/fuzz/$t: run this in (or set FUZZ_BUILD to) a build made" \
         "with ./configure CXX=clang++ --enable-fuzzing && make" >&2
    exit 2
  fi
done
if [ ! -d "$fixtures" ]; then
  echo "run-fuzzers: fixtures not found: $fixtures (set ONSHI_FIXTURES)" >&2
  exit 2
fi

# Index of a file's message kind in fuzz_xml_reader's kind table (its first input byte).
kind_index() {
  case $1 in
    OQSsiquc01req_*) echo 0 ;; OQSsiquc01res_face_*) echo 2 ;; OQSsiquc01res_*) echo 1 ;;
    OQSsiimm01req_*) echo 3 ;; OQSsiimm01res_*) echo 4 ;; OQSmuquc01req_*) echo 5 ;;
    OQSmuquc01res_*) echo 6 ;; OQSmuquc02req_*) echo 7 ;; OQSmuquc02res_*) echo 8 ;;
    OQSmuimm01req_*) echo 9 ;; OQSmuimm01res_*) echo 10 ;; OQSmuimm02req_*) echo 11 ;;
    OQSmuimm02res_*) echo 12 ;; YZKsiquc01req_*) echo 13 ;; YZKsiquc01res_*) echo 14 ;;
    TKKsiquc01req_*) echo 15 ;; TKKsiquc01res_*) echo 16 ;; *) echo 2 ;;
  esac
}

# Seed files of the example corpus: fixtures plus generated files (both encodings, all kinds).
# Per invocation, so that runs of different targets may go in parallel.
mkdir -p "$work"
examples=$(mktemp -d "$work/examples.XXXXXX") || exit 2
trap 'rm -rf "$examples"' EXIT
for f in "$fixtures"/face/* "$fixtures"/req/* "$fixtures"/res/* "$fixtures"/bad/*; do
  [ -f "$f" ] && cp "$f" "$examples/"
done
if [ -x "$build/tests/bench/bench_codec" ]; then
  "$build/tests/bench/bench_codec" --files 300 --seed 7 --write "$examples" >/dev/null ||
    echo "run-fuzzers: bench_codec could not write generated seeds; fixtures only" >&2
fi

# UBSan reports are recoverable in this build: make each one stop the run (a finding).
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
status=0
for t in $targets; do
  dir=$work/$t
  mkdir -p "$dir/corpus" "$dir/artifacts"
  rm -rf "$dir/seeds"
  mkdir -p "$dir/seeds"
  for f in "$examples"/*; do
    [ "$(wc -c <"$f")" -le $max_len ] || continue
    name=$(basename "$f")
    case $t in
      fuzz_xml_reader)
        # shellcheck disable=SC2059  # the format is an octal escape made here
        printf "\\$(printf '%03o' "$(kind_index "$name")")" >"$dir/seeds/$name"
        cat "$f" >>"$dir/seeds/$name" ;;
      fuzz_cp932)
        # Shift_JIS files, plus the hostile ones of bad/ (e.g. CP932 bytes declared UTF-8).
        case $name in *bad0000*) cp "$f" "$dir/seeds/$name"; continue ;; esac
        grep -q 'encoding="Shift_JIS"' "$f" && cp "$f" "$dir/seeds/$name" ;;
      fuzz_file_name)
        # The names themselves (plus a request-kind byte for request_file_name).
        printf '%s' "$name" >"$dir/seeds/$name" ;;
    esac
  done
  for f in "$srcdir"/tests/fuzz/regressions/"$t"-*; do
    [ -f "$f" ] && cp "$f" "$dir/seeds/"
  done
  for f in "$srcdir"/tests/fuzz/corpus/"$t"/*; do
    [ -f "$f" ] && cp "$f" "$dir/seeds/"
  done
  opts="-max_total_time=$seconds -rss_limit_mb=2048 -timeout=10 -max_len=$max_len"
  opts="$opts -print_final_stats=1 -artifact_prefix=$dir/artifacts/"
  [ "$t" = fuzz_xml_reader ] && opts="$opts -dict=$dict"
  echo "== $t: ${seconds}s, $(find "$dir/seeds" -type f | wc -l) seeds, corpus $dir/corpus"
  # shellcheck disable=SC2086  # opts is a word list
  "$build/tests/fuzz/$t" $opts "$dir/corpus" "$dir/seeds" >"$dir/log" 2>&1
  rc=$?
  last=$(grep -E '^#[0-9]+' "$dir/log" | tail -n 1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log")
  echo "   exit $rc; ${execs:-?} executions; last status: ${last:-none}"
  if [ $rc -ne 0 ]; then
    status=1
    echo "   FINDING in $t (log: $dir/log):"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*FINDING|.*runtime error|ALARM|artifact_prefix)' "$dir/log" |
      head -n 20 | sed 's/^/     /'
    find "$dir/artifacts" -type f | sed 's|^|     artifact: |'
  fi
done
exit $status
