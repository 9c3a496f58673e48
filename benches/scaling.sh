#!/usr/bin/env bash
# benches/scaling.sh: whole commands at 1k, 10k, 100k and 1M follow-ups.
#
# Usage:
#   bash benches/scaling.sh [SIZES...]            # default: 1000 10000 100000 1000000
#   SALESCOACH_BIN=path/to/salescoach bash benches/scaling.sh 1000 100000
#
# For each size: `demo --scale N` into a throwaway file (wall time, CPU time and peak RSS
# with /usr/bin/time), the file's size, one revenue goal for the year added, then with
# hyperfine (-N, --warmup 2; RUNS runs, default 10, 3 at a million) the checklist
# (`today --json`), a goal's progress (`goal show 1 --json`), `stats --json` and
# `insights --json`, and the peak RSS of `today --json`. Prints one Markdown table.
# The first frame of the TUI is measured in-process by `cargo bench --bench scale`
# (`cold_start_first_frame`). A manual benchmark: never part of `cargo test`.
set -euo pipefail

sizes=("$@")
((${#sizes[@]})) || sizes=(1000 10000 100000 1000000)
export TZ=UTC LC_ALL=C.UTF-8 SALESCOACH_TODAY=2026-11-27
# shellcheck source=benches/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing hyperfine:hyperfine time:/usr/bin/time python3:python3
salescoach_bin
work_folder scaling

ms() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"]; print("%.1f ms" % (r*1e3) if r < 1 else "%.2f s" % r)' "$1" "$2"; }
rss() { /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1; awk '{printf "%.1f MB", $1/1024}' "$work/rss"; }

declare -A cell
for n in "${sizes[@]}"; do
    db=$work/s$n.db
    log "demo --scale $n"
    /usr/bin/time -f "%e %U %S %M" -o "$work/load" "$sc" --db "$db" demo --scale "$n" >/dev/null
    read -r wall user sys peak <"$work/load"
    cell[load,$n]=$(python3 -c 'import sys; w,u,s=map(float,sys.argv[1:4]); print("%.1f s (%.1f s CPU)" % (w, u+s))' "$wall" "$user" "$sys")
    cell[loadrss,$n]=$(awk -v k="$peak" 'BEGIN {printf "%.0f MB", k/1024}')
    cell[size,$n]=$(du -m "$db" | awk '{print $1 " MB"}')
    "$sc" --db "$db" goal add --title "This year" --metric revenue --target 5000000 --start 2026-01-01 \
        --deadline 2026-12-31 >/dev/null
    runs=${RUNS:-10}
    ((n < 1000000)) || runs=${RUNS:-3}
    hyperfine -N --runs "$runs" --warmup 2 --style none --export-json "$work/h$n.json" \
        -n checklist "$sc --db $db today --json" \
        -n goal "$sc --db $db goal show 1 --json" \
        -n stats "$sc --db $db stats --json" \
        -n insights "$sc --db $db insights --json" >&2
    cell[today,$n]=$(ms "$work/h$n.json" 0)
    cell[goal,$n]=$(ms "$work/h$n.json" 1)
    cell[stats,$n]=$(ms "$work/h$n.json" 2)
    cell[insights,$n]=$(ms "$work/h$n.json" 3)
    cell[rss,$n]=$(rss "$sc" --db "$db" today --json)
    rm -f "$db" "$db"-*
done

echo "Date: $(date -u '+%F %H:%M') UTC; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); hyperfine medians"
echo
header="| | $(printf '%s | ' "${sizes[@]}")"
echo "${header% }"
echo "|---|$(printf -- '---:|%.0s' "${sizes[@]}")"
row() { # row LABEL KEY
    local line="| $1 |" n
    for n in "${sizes[@]}"; do line+=" ${cell[$2,$n]} |"; done
    echo "$line"
}
row "\`demo --scale N\` load" load
row "peak RSS of the load" loadrss
row "database size" size
row "checklist (\`today --json\`)" today
row "a goal's progress (\`goal show 1 --json\`)" goal
row "\`stats --json\`" stats
row "\`insights --json\`" insights
row "peak RSS of \`today --json\`" rss
