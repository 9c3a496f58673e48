#!/usr/bin/env bash
# benches/tui_keys.sh: how soon Today answers a key in a real terminal while its coach
# lines are still being worked out, as a seller would see it (tmux at 120x40).
#
# Usage:
#   bash benches/tui_keys.sh DB [RUNS]        # DB: e.g. made by `demo --scale 1000000`
#   SALESCOACH_BIN=path/to/salescoach bash benches/tui_keys.sh DB
#
# Each run starts the app in a fresh tmux session (XDG folders and the day fixed, as the
# demo file was made on 2026-11-27), polls the pane every 10 ms and prints, in ms from
# the start: the first frame ("Overdue ("), the rest of the checklist ("to call"), how
# long after it was sent a `j` (sent once the rest shows) moved the cursor, and when the
# coach lines came ("You win", a line the demo's coach always has). A manual benchmark,
# never part of `cargo test`.
set -euo pipefail
db=${1:?usage: bash benches/tui_keys.sh DB [RUNS]}
runs=${2:-3}
# shellcheck source=benches/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing tmux:tmux
salescoach_bin
work_folder tui-keys
now() { echo $(( $(date +%s%N) / 1000000 )); }
for run in $(seq 1 "$runs"); do
    tmux kill-session -t sc-keys 2>/dev/null || true
    start=$(now)
    tmux new-session -d -s sc-keys -x 120 -y 40 \
        "env TZ=UTC SALESCOACH_TODAY=2026-11-27 XDG_CONFIG_HOME=$work/xdg-config XDG_DATA_HOME=$work/xdg-data $sc --db $db; sleep 60"
    first=- rest=- key=- coach=- sent=0 before=""
    while (( $(now) - start < 20000 )); do
        screen=$(tmux capture-pane -p -t sc-keys)
        ms=$(( $(now) - start ))
        [[ $first == - ]] && grep -q "Overdue (" <<<"$screen" && first=$ms
        if [[ $first != - && $sent == 0 ]] && grep -q "to call" <<<"$screen"; then
            rest=$ms before=$(grep "▸" <<<"$screen" || true)
            tmux send-keys -t sc-keys j
            sent=$(now)
        fi
        if [[ $sent != 0 && $key == - && "$(grep "▸" <<<"$screen" || true)" != "$before" ]]; then
            key=$(( $(now) - sent ))
        fi
        if grep -q "You win" <<<"$screen"; then coach=$ms; break; fi
        sleep 0.01
    done
    tmux kill-session -t sc-keys 2>/dev/null || true
    # The app closes after the pane does (its WAL folded in, the file's fingerprint written):
    # a run started before that would find the file changed behind its back and check it.
    for _ in $(seq 1 1000); do
        pgrep -f -- "--db $db" >/dev/null || break
        sleep 0.01
    done
    echo "run $run: first frame $first ms, rest $rest ms, j drawn $key ms after it was sent, coach lines $coach ms"
done
