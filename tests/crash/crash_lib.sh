# onshi-link - Copyright (c) 2026 the onshi-link authors. SPDX-License-Identifier: MIT
# Helpers of the crash-injection script (sourced, not run). Needs: W (work dir), SHARE, POOL,
# PG* pointing at the database under test, and e2e_lib.sh sourced before (sql, wait_until).
#
# Bookkeeping: $W/delivered holds "NAME SHA256" for every pool file moved into the share, in
# delivery order (appended only after the rename, so a listed file was really delivered).

# plan SEED KILLS MAX_DELAY_MS > FILE: one line per kill, "BATCH DELAY_MS QUEUE", drawn once from
# the seed (same seed, same run plan). BATCH files are delivered before the engine starts, DELAY
# is the time from its start to SIGKILL, QUEUE=1 queues an insurance-number check first.
crash_plan() {
  awk -v seed="$1" -v n="$2" -v maxd="$3" 'BEGIN {
    srand(seed)
    for (i = 0; i < n; i++) {
      r = rand()
      # Mostly short lives (the kill lands in the startup rescan or the first imports), some long
      # ones (the kill lands in a steady stream); batches of 0-6 keep a backlog flowing.
      d = (r < 0.6) ? int(rand() * maxd / 4) : int(rand() * maxd)
      printf "%d %d %d\n", int(rand() * 7), d, (rand() < 0.08)
    }
  }'
}

# pool_manifest DIR > FILE: "NAME SHA256" of every file in DIR, sorted by name.
pool_manifest() {
  (cd "$1" && find . -maxdepth 1 -type f ! -name '.*' -printf '%f\n' | sort | while read -r n; do
    printf '%s %s\n' "$n" "$(sha256sum <"$n" | cut -c1-64)"
  done)
}

# deliver N: moves the next N pool files into face/ or res/ (copy to a staging name on the share's
# filesystem, then rename: the file appears complete, as the link software's final rename does).
deliver() {
  _n=$1
  while [ "$_n" -gt 0 ] && IFS=' ' read -r _name _sha <&3; do
    case $_name in
      OQSsiquc01res_face_*) _dir=face ;;
      *) _dir=res ;;
    esac
    cp "$POOL/$_name" "$W/stage/$_name"
    mv "$W/stage/$_name" "$SHARE/$_dir/$_name"
    printf '%s %s\n' "$_name" "$_sha" >>"$W/delivered"
    _n=$(( _n - 1 ))
  done
}

# share_files: sorted names of the visible files in res/ and face/.
share_files() {
  find "$SHARE/res" "$SHARE/face" -maxdepth 1 -type f ! -name '.*' -printf '%f\n' | sort
}

# committed_rows: sorted "NAME SHA256" of every committed onshi_received_file row.
committed_rows() {
  sql "SELECT file_name || ' ' || encode(content_sha256, 'hex') FROM onshi_received_file" | sort
}

# check_no_early_removal: with the engine dead, every delivered file that is no longer on the
# share must have a committed row with its name and content hash. Prints offending lines.
check_no_early_removal() {
  sort "$W/delivered" >"$W/delivered.snap"  # snapshot first: later deliveries are not counted
  share_files >"$W/present"
  committed_rows >"$W/rows"
  # delivered and no longer present
  awk 'NR == FNR { present[$1] = 1; next } !($1 in present)' "$W/present" "$W/delivered.snap" \
    >"$W/gone"
  comm -23 "$W/gone" "$W/rows"
}
