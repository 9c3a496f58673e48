#!/usr/bin/env bash
# benches/vs-taskwarrior.sh: salescoach side by side with taskwarrior on the same data.
#
# Usage:
#   bash benches/vs-taskwarrior.sh [N]        # N follow-ups, default 20000 (or $N)
#   SALESCOACH_BIN=path/to/salescoach bash benches/vs-taskwarrior.sh 100000
#
# What it does:
#   1. installs taskwarrior, hyperfine, time and sqlite3 with apt-get if missing
#      (sudo only when not root);
#   2. builds salescoach with `cargo build --release` (CARGO_TARGET_DIR respected),
#      unless SALESCOACH_BIN names a binary;
#   3. generates ONE seeded, deterministic set of N follow-ups (N/20 customers), due dates
#      spread over +-365 days around today's real date, in two mixes:
#        a: all open;  b: 90% of the past-due ones done (completed on their due day);
#      as a taskwarrior import file and salescoach customers/follow-ups CSV files;
#   4. loads each mix into throwaway folders (mktemp -d): taskwarrior through a temp TASKRC
#      (data.location, confirmation=off, verbose=nothing, json.array=on, hooks=off),
#      salescoach with --db there and XDG_CONFIG_HOME/XDG_DATA_HOME pointing at empty temp
#      folders so no user config or data is read;
#   5. checks that both count the same due items (open, due today or overdue):
#      follow-up rows of `salescoach today --json` against
#      `task status:pending due.before:tomorrow count`; a difference prints both, exit 1;
#   6. times with hyperfine (30 runs, --warmup 3, -N: no shell) the due list as JSON, the
#      due list as text (width 120), adding one follow-up, and the floor: the bare
#      `sqlite3 -json` query over the same rows, and the add's floor: the same INSERT by the
#      `sqlite3` CLI with synchronous=FULL (run last); peak RSS of the JSON lists with
#      /usr/bin/time -f %M (median of 5 runs);
#   7. prints one Markdown table (medians in ms, ratio = taskwarrior / salescoach) with
#      the date, the machine and the tool versions.
#
# faketime is not used: taskwarrior reads the real clock, so the data is dated around the
# real `date +%F` and salescoach is given the same day through SALESCOACH_TODAY. Everything
# runs in TZ=UTC so taskwarrior's "tomorrow" is the next UTC midnight.
#
# This script is a manual benchmark: it is never part of `cargo test` or `cargo bench`.
# hyperfine's JSON exports are kept in the work folder, printed at the end (KEEP=1 keeps
# the whole folder; otherwise it is removed on exit).
set -euo pipefail

N=${1:-${N:-20000}}
RUNS=${RUNS:-30}
WARMUP=${WARMUP:-3}
export TZ=UTC LC_ALL=C.UTF-8
# shellcheck source=benches/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# 1. Tools.
install_missing taskwarrior:task hyperfine:hyperfine time:/usr/bin/time sqlite3:sqlite3 python3:python3
have_sqlite=1
command -v sqlite3 >/dev/null 2>&1 || have_sqlite=0

# 2. salescoach.
salescoach_bin

work_folder vs-taskwarrior
today=$(date -u +%F)
tomorrow=$(date -u -d tomorrow +%F)
export SALESCOACH_TODAY=$today

# 3. Data: one seeded set, written for both tools, for each mix.
python3 - "$work" "$N" "$today" <<'PY'
import csv, datetime, json, random, sys, uuid
work, n, today = sys.argv[1], int(sys.argv[2]), datetime.date.fromisoformat(sys.argv[3])
rng = random.Random(20261127)
ncust = max(1, n // 20)
with open(f"{work}/customers.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["name", "email", "company"])
    for c in range(1, ncust + 1):
        w.writerow([f"Customer {c:06d}", f"c{c}@example.com", f"Company {c % 97}"])
kinds = ["checkin", "quote", "reorder", "other"]
entry = today - datetime.timedelta(days=400)
rows = []
for i in range(1, n + 1):
    rows.append(dict(
        cust=rng.randint(1, ncust), kind=rng.choice(kinds),
        due=today + datetime.timedelta(days=rng.randint(-365, 365)),
        uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        done_roll=rng.random(), i=i))
tw = lambda d: d.strftime("%Y%m%dT000000Z")
for mix in ("a", "b"):
    due = 0
    with open(f"{work}/followups-{mix}.csv", "w", newline="") as f, \
         open(f"{work}/tasks-{mix}.json", "w") as t:
        w = csv.writer(f)
        w.writerow(["customer_id", "kind", "reason", "due_on", "status", "completed_on", "created_on"])
        for r in rows:
            done = mix == "b" and r["due"] < today and r["done_roll"] < 0.9
            reason = f"Follow-up {r['i']}: {r['kind']} about the order"
            w.writerow([r["cust"], r["kind"], reason, r["due"].isoformat(),
                        "done" if done else "open", r["due"].isoformat() if done else "",
                        entry.isoformat()])
            task = {"uuid": r["uuid"], "description": reason, "status": "completed" if done else "pending",
                    "entry": tw(entry), "due": tw(r["due"]), "project": f"c{r['cust']}"}
            if done:
                task["end"] = tw(r["due"])
            t.write(json.dumps(task) + "\n")
            due += (not done) and r["due"] <= today
    with open(f"{work}/expected-{mix}", "w") as e:
        e.write(f"{due}\n")
PY

sc_json_due() { # follow-up rows due today or overdue in `today --json`
    python3 -c '
import json, sys
today = sys.argv[1]
doc = json.load(sys.stdin)
print(sum(1 for s in doc["sections"] for it in s["items"]
          if it.get("type") == "followup" and it["due_on"] <= today))' "$today"
}

ms() { python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"]*1000))' "$1" "$2"; }
ratio() { python3 -c 'import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print("%.1fx" % (a/b) if b else "-")' "$1" "$2"; }
peak_mb() { # median peak RSS of 5 runs, in MB
    local i out=()
    for i in 1 2 3 4 5; do
        /usr/bin/time -o "$work/rss" -f %M "$@" >/dev/null 2>&1
        out+=("$(tail -n 1 "$work/rss")")
        : "$i"
    done
    printf '%s\n' "${out[@]}" | sort -n | sed -n 3p | awk '{printf "%.1f", $1/1024}'
}
hf() { # hf EXPORT CMD... : hyperfine without a shell
    hyperfine -N --runs "$RUNS" --warmup "$WARMUP" --style none --export-json "$@" >&2
}

rows=()
for mix in a b; do
    d=$work/$mix
    mkdir -p "$d/task"
    db=$d/salescoach.db
    rc=$d/taskrc
    cat >"$rc" <<EOF
data.location=$d/task
confirmation=off
verbose=nothing
json.array=on
hooks=off
color=off
detection=off
defaultwidth=120
EOF
    export TASKRC=$rc
    # 4. Load.
    log "mix $mix: loading $N follow-ups"
    "$sc" --db "$db" import customers "$work/customers.csv" >/dev/null
    "$sc" --db "$db" import followups "$work/followups-$mix.csv" >/dev/null
    task import "$work/tasks-$mix.json" >/dev/null 2>&1
    task count >/dev/null # one garbage collection: completed tasks move to completed.data

    # 5. Same due count.
    expected=$(cat "$work/expected-$mix")
    sc_due=$("$sc" --db "$db" today --json | sc_json_due)
    tw_due=$(task status:pending due.before:tomorrow count)
    if [[ $sc_due != "$tw_due" ]]; then
        log "mix $mix: due counts differ: salescoach $sc_due, taskwarrior $tw_due (generated $expected)"
        exit 1
    fi
    log "mix $mix: $sc_due due in both (generated $expected)"

    # 6. Timings.
    q="SELECT f.id, f.customer_id, c.name AS customer, f.kind, f.reason, f.due_on, f.due_time"
    q+=" FROM followups f JOIN customers c ON c.id = f.customer_id WHERE f.status = 'open' AND f.due_on <= '$today' ORDER BY f.due_on, f.due_time, f.id"
    hf "$d/json.json" \
        -n "salescoach today --json" "$sc --db $db today --json" \
        -n "task export" "task status:pending due.before:tomorrow export"
    hf "$d/text.json" \
        -n "salescoach today" "$sc --db $db today" \
        -n "task list" "task rc.verbose=nothing rc.defaultwidth=120 status:pending due.before:tomorrow list"
    floor=-
    if ((have_sqlite)); then
        hf "$d/floor.json" -n "sqlite3 -json" "sqlite3 -readonly -json $db \"$q\""
        floor=$(ms "$d/floor.json" 0)
    fi
    sc_rss=$(peak_mb "$sc" --db "$db" today --json)
    tw_rss=$(peak_mb task status:pending due.before:tomorrow export)
    # Adds last: each run adds one item (33 more of N, no effect on the lists above).
    hf "$d/add.json" \
        -n "salescoach followup add" "$sc --db $db followup add --customer '#1' --due $tomorrow --reason Bench" \
        -n "task add" "task add Bench due:$tomorrow"
    # The same insert bare, last of all: a change salescoach did not make costs its next
    # open the integrity check.
    add_floor=-
    if ((have_sqlite)); then
        ins="PRAGMA synchronous=FULL; INSERT INTO followups (customer_id, kind, reason, due_on, status, created_on)"
        ins+=" VALUES (1, 'checkin', 'Bench', '$tomorrow', 'open', '$today')"
        hf "$d/add-floor.json" -n "sqlite3 insert" "sqlite3 $db \"$ins\""
        add_floor=$(ms "$d/add-floor.json" 0)
    fi

    sj=$(ms "$d/json.json" 0) tj=$(ms "$d/json.json" 1)
    st=$(ms "$d/text.json" 0) tt=$(ms "$d/text.json" 1)
    sa=$(ms "$d/add.json" 0) ta=$(ms "$d/add.json" 1)
    label=$([[ $mix == a ]] && echo "a: all open" || echo "b: 90% of past-due done")
    rows+=("| **mix $label**: due items (open, today or overdue) | $sc_due | $tw_due | same |")
    rows+=("| due list as JSON, ms | $sj | $tj | $(ratio "$tj" "$sj") |")
    rows+=("| due list as text (width 120), ms | $st | $tt | $(ratio "$tt" "$st") |")
    rows+=("| add one follow-up, ms | $sa | $ta | $(ratio "$ta" "$sa") |")
    rows+=("| peak RSS of the JSON list, MB | $sc_rss | $tw_rss | $(ratio "$tw_rss" "$sc_rss") |")
    if [[ $floor != - ]]; then
        rows+=("| floor: bare \`sqlite3 -json\` query of the same rows, ms (ratio: salescoach JSON / floor) | $floor | - | $(ratio "$sj" "$floor") |")
    fi
    if [[ $add_floor != - ]]; then
        rows+=("| floor: the bare INSERT by \`sqlite3\`, \`synchronous=FULL\`, ms (ratio: salescoach add / floor) | $add_floor | - | $(ratio "$sa" "$add_floor") |")
    fi
done

# 7. Report.
model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
echo "Date: $(date -u '+%F %H:%M UTC'); $N follow-ups, $((N / 20)) customers; due dates over +-365 days around $today"
echo "Machine: $(nproc) cores, ${model:-unknown CPU}, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Versions: $("$sc" --version), taskwarrior $(task --version), $(hyperfine --version)$( ((have_sqlite)) && echo ", sqlite3 $(sqlite3 --version | cut -d' ' -f1)")"
echo "Medians of $RUNS runs (hyperfine -N, --warmup $WARMUP); ratio = taskwarrior / salescoach"
echo
echo "| Operation | salescoach | taskwarrior | ratio |"
echo "|---|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
if [[ -n ${KEEP:-} ]]; then log "work folder kept: $work"; fi
