#!/usr/bin/env bash
# benches/history.sh: does the daily list cost grow with the due items or with history?
#
# Usage:
#   bash benches/history.sh [OPEN] [HISTORY]   # default 20000 open, 980000 done
#   SALESCOACH_BIN=path/to/salescoach bash benches/history.sh
#
# Generates one seeded set of OPEN open follow-ups (due dates over +-365 days around
# today) for OPEN/20 customers, and HISTORY done ones (due and completed over the three
# years before today) for the same customers. Loads the open ones alone into one
# database, and the open ones with the history into another (salescoach's CSV import),
# checks that `today --json` lists the same rows from both, then times `today --json`
# and `today` on each with hyperfine (-N, 30 runs, 3 warm-ups) and prints a Markdown table
# of medians with the ratio (with history / without). Peak RSS with /usr/bin/time.
# A manual benchmark: never part of `cargo test`. KEEP=1 keeps the work folder.
set -euo pipefail

OPEN=${1:-20000}
HISTORY=${2:-980000}
RUNS=${RUNS:-30}
WARMUP=${WARMUP:-3}
export TZ=UTC LC_ALL=C.UTF-8
# shellcheck source=benches/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing hyperfine:hyperfine time:/usr/bin/time python3:python3
salescoach_bin
work_folder history
today=$(date -u +%F)
export SALESCOACH_TODAY=$today

python3 - "$work" "$OPEN" "$HISTORY" "$today" <<'PY'
import csv, datetime, random, sys
work, n_open, n_done, today = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), datetime.date.fromisoformat(sys.argv[4])
rng = random.Random(20261202)
ncust = max(1, n_open // 20)
with open(f"{work}/customers.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["name", "email"])
    for c in range(1, ncust + 1):
        w.writerow([f"Customer {c:06d}", f"c{c}@example.com"])
header = ["customer_id", "kind", "reason", "due_on", "status", "completed_on", "created_on"]
entry = (today - datetime.timedelta(days=1100)).isoformat()
kinds = ["checkin", "quote", "reorder", "other"]
with open(f"{work}/open.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(header)
    for i in range(n_open):
        due = today + datetime.timedelta(days=rng.randint(-365, 365))
        w.writerow([rng.randint(1, ncust), rng.choice(kinds), f"Open {i}: call about the order", due.isoformat(), "open", "", entry])
with open(f"{work}/done.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(header)
    for i in range(n_done):
        due = today - datetime.timedelta(days=rng.randint(1, 1095))
        w.writerow([rng.randint(1, ncust), rng.choice(kinds), f"Done {i}: called about the order", due.isoformat(), "done", due.isoformat(), entry])
PY

load() { # load DB FILE...
    local db=$1
    shift
    "$sc" --db "$db" import customers "$work/customers.csv" >/dev/null
    for file in "$@"; do
        /usr/bin/time -f "%e s, %M KB" -o "$work/load-time" "$sc" --db "$db" import followups "$file" >/dev/null
        log "loaded $(basename "$file") into $(basename "$db"): $(cat "$work/load-time")"
    done
}
lean=$work/lean.db
full=$work/full.db
load "$lean" "$work/open.csv"
load "$full" "$work/open.csv" "$work/done.csv"
"$sc" --db "$lean" today --json >"$work/lean.json"
"$sc" --db "$full" today --json >"$work/full.json"
# The same rows; only the follow-up ids may differ, and they do not (open rows load first).
cmp -s "$work/lean.json" "$work/full.json" || { log "the two lists differ"; diff "$work/lean.json" "$work/full.json" | head >&2; exit 1; }
rows=$(python3 -c 'import json,sys; print(sum(len(s["items"]) for s in json.load(open(sys.argv[1]))["sections"]))' "$work/lean.json")
log "both list $rows rows"

hyperfine -N --runs "$RUNS" --warmup "$WARMUP" --style none --export-json "$work/json.json" \
    -n "without history" "$sc --db $lean today --json" -n "with history" "$sc --db $full today --json" >&2
hyperfine -N --runs "$RUNS" --warmup "$WARMUP" --style none --export-json "$work/text.json" \
    -n "without history" "$sc --db $lean today" -n "with history" "$sc --db $full today" >&2
ms() { python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"]*1000))' "$1" "$2"; }
ratio() { python3 -c 'import sys; print("%.2fx" % (float(sys.argv[1]) / float(sys.argv[2])))' "$1" "$2"; }
rss() { /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1; awk '{printf "%.1f", $1/1024}' "$work/rss"; }
size() { du -m "$1" | cut -f1; }

echo "Date: $(date -u '+%F %H:%M') UTC; $OPEN open follow-ups ($rows rows listed), $HISTORY done; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Medians of $RUNS runs (hyperfine -N, --warmup $WARMUP); ratio = with history / without"
echo
echo "| | without history | with history | ratio |"
echo "|---|---:|---:|---:|"
echo "| database size, MB | $(size "$lean") | $(size "$full") | |"
lj=$(ms "$work/json.json" 0) fj=$(ms "$work/json.json" 1)
lt=$(ms "$work/text.json" 0) ft=$(ms "$work/text.json" 1)
echo "| \`today --json\`, ms | $lj | $fj | $(ratio "$fj" "$lj") |"
echo "| \`today\` (text), ms | $lt | $ft | $(ratio "$ft" "$lt") |"
echo "| peak RSS of \`today --json\`, MB | $(rss "$sc" --db "$lean" today --json) | $(rss "$sc" --db "$full" today --json) | |"
