# benches/common.sh: what the benchmark scripts share. Sourced, not run:
#   . "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# Sets `here` and `repo`, and defines log, install_missing, salescoach_bin and work_folder.

here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
repo=$(dirname "$here")

log() { printf '%s\n' "$*" >&2; }

# install_missing PACKAGE:COMMAND...: apt-get installs each package whose command is
# missing (sudo only when not root); a COMMAND starting with / is a path checked instead.
install_missing() {
    local pair package command need=() sudo=()
    for pair in "$@"; do
        package=${pair%%:*} command=${pair#*:}
        if [[ $command == /* ]]; then [[ -x $command ]] || need+=("$package")
        else command -v "$command" >/dev/null 2>&1 || need+=("$package"); fi
    done
    ((${#need[@]})) || return 0
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    log "installing ${need[*]}"
    "${sudo[@]}" apt-get install -y "${need[@]}" >&2 \
        || { "${sudo[@]}" apt-get update >&2 && "${sudo[@]}" apt-get install -y "${need[@]}" >&2; }
}

# salescoach_bin: sets `sc` to $SALESCOACH_BIN, or to a fresh `cargo build --release`.
salescoach_bin() {
    if [[ -z ${SALESCOACH_BIN:-} ]]; then
        log "cargo build --release"
        (cd "$repo" && cargo build --release --quiet >&2)
        SALESCOACH_BIN=${CARGO_TARGET_DIR:-$repo/target}/release/salescoach
    fi
    sc=$(realpath "$SALESCOACH_BIN")
    [[ -x $sc ]] || { log "no salescoach binary at $sc"; exit 1; }
}

# work_folder NAME: sets `work` to a new temp folder (removed on exit unless KEEP is set),
# with empty XDG config and data folders so no user config or data is read.
work_folder() {
    work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
    if [[ -z ${KEEP:-} ]]; then trap 'rm -rf "$work"' EXIT; fi
    mkdir -p "$work/xdg-config" "$work/xdg-data"
    export XDG_CONFIG_HOME=$work/xdg-config XDG_DATA_HOME=$work/xdg-data
    unset SALESCOACH_DB SALESCOACH_CONFIG
}
