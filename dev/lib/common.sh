# shellcheck shell=bash
# Shared helpers for dev/stack. Sourced, not executed.
# Expects STACK_SRC (the dev/ folder) to be set by the caller.

STACK_ROOT=$(cd "$STACK_SRC/.." && pwd)
DEV_DIR=$(realpath -m "${BATCHLINE_DEV_DIR:-$STACK_ROOT/.dev}")

KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}
KAFKA_SASL_PORT=${KAFKA_SASL_PORT:-$((KAFKA_PORT + 2))}
CLICKHOUSE_HTTP_PORT=${CLICKHOUSE_HTTP_PORT:-8123}
CLICKHOUSE_TCP_PORT=${CLICKHOUSE_TCP_PORT:-9000}
# An extra address to serve on besides 127.0.0.1: dev/cluster's pod bridge (10.244.0.1), so that
# pods reach Kafka (on KAFKA_CLUSTER_PORT) and ClickHouse (on its usual ports). Off when empty.
STACK_CLUSTER_ADDRESS=${STACK_CLUSTER_ADDRESS:-}
KAFKA_CLUSTER_PORT=${KAFKA_CLUSTER_PORT:-$((KAFKA_PORT + 3))}

# Seconds to wait for a server to become ready, and for it to exit after SIGTERM.
STACK_START_TIMEOUT=${STACK_START_TIMEOUT:-60}
STACK_STOP_TIMEOUT=${STACK_STOP_TIMEOUT:-30}

# LOG_TAG names the calling script in its messages.
LOG_TAG=${LOG_TAG:-stack}
log() { printf '[%s] %s\n' "$LOG_TAG" "$*"; }
warn() { printf '[%s] %s\n' "$LOG_TAG" "$*" >&2; }
die() {
    printf '[%s] ERROR: %s\n' "$LOG_TAG" "$*" >&2
    exit 1
}

# Serialise up/down/restart between concurrent callers on the same dev dir.
take_lock() {
    [[ -n ${STACK_LOCKED:-} ]] && return 0
    STACK_LOCKED=1
    mkdir -p "$DEV_DIR"
    exec 9>"$DEV_DIR/stack.lock"
    if ! flock -n 9; then
        log "another dev/stack command holds $DEV_DIR/stack.lock; waiting"
        flock -w 300 9 || die "timed out waiting for $DEV_DIR/stack.lock"
    fi
}

# apt-get install, running `apt-get update` only when the first attempt fails.
apt_install() {
    local sudo=() apt_log="$DEV_DIR/apt.log"
    [[ $(id -u) == 0 ]] || sudo=(sudo)
    mkdir -p "$DEV_DIR"
    export DEBIAN_FRONTEND=noninteractive
    log "installing $* with apt-get (log: $apt_log)"
    if ! "${sudo[@]}" apt-get install -y -q "$@" >"$apt_log" 2>&1; then
        log "apt-get install failed; running apt-get update and retrying"
        "${sudo[@]}" apt-get update -q >>"$apt_log" 2>&1 || true
        if ! "${sudo[@]}" apt-get install -y -q "$@" >>"$apt_log" 2>&1; then
            tail -n 30 "$apt_log" >&2
            die "could not install $* (see $apt_log)"
        fi
    fi
}

# need_cmd COMMAND DEBIAN_PACKAGE...: install the packages when COMMAND is missing.
need_cmd() {
    local cmd=$1
    shift
    command -v "$cmd" >/dev/null 2>&1 || apt_install "$@"
    command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is still missing after installing $*"
}

# True when something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
    timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# die unless ADDRESS is one of this host's addresses (dev/cluster up creates the bridge's).
require_local_address() {
    local addrs
    addrs=$(ip -4 -o addr show 2>/dev/null | awk '{sub(/\/.*/, "", $4); print $4}')
    grep -qxF "$1" <<<"$addrs" ||
        die "STACK_CLUSTER_ADDRESS=$1 is not an address of this host; run 'dev/cluster up' first (it creates it)"
}

# Who listens on PORT (best effort, for error messages).
port_owner() {
    local line
    line=$(ss -Hltnp "( sport = :$1 )" 2>/dev/null | head -n 3)
    printf '%s\n' "${line:-unknown process (ss shows no listener; maybe another network namespace)}"
}

# die unless each PORT is free; NAME says who needs it.
require_free_ports() {
    local name=$1 port
    shift
    for port in "$@"; do
        if port_open "$port"; then
            printf '[stack] ERROR: cannot start %s: port 127.0.0.1:%s is already taken by something else:\n' "$name" "$port" >&2
            port_owner "$port" | sed 's/^/    /' >&2
            printf '[stack] Stop that process, or pick other ports (KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_SASL_PORT, CLICKHOUSE_HTTP_PORT, CLICKHOUSE_TCP_PORT).\n' >&2
            exit 1
        fi
    done
}

# running_pid PIDFILE MARKER: print the pid and succeed when the process in PIDFILE is alive
# and its command line contains MARKER (so a recycled pid is not mistaken for our server).
running_pid() {
    local pidfile=$1 marker=$2 pid
    [[ -s $pidfile ]] || return 1
    pid=$(<"$pidfile")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker" || return 1
    printf '%s\n' "$pid"
}

# starting_pid PIDFILE MARKER: like running_pid, for a server launched a moment ago. Until the
# forked shell has exec'd the server, /proc/PID/cmdline is still this script's, so a busy machine
# could make a healthy start look like an early exit; wait up to 10 s for the exec.
starting_pid() {
    local pidfile=$1 marker=$2 pid tries=0
    while ! running_pid "$pidfile" "$marker"; do
        [[ -s $pidfile ]] || return 1
        pid=$(<"$pidfile")
        kill -0 "$pid" 2>/dev/null || return 1
        ((tries++ < 100)) || return 1
        sleep 0.1
    done
}

# launch PIDFILE OUTFILE CMD...: start CMD in its own session, detached from this shell,
# with stdout/stderr appended to OUTFILE, and record its pid.
launch() {
    local pidfile=$1 outfile=$2
    shift 2
    printf '\n==== %s start: %s\n' "$(date -u +%FT%TZ)" "$*" >>"$outfile"
    # No job control here, so the child is not a group leader and setsid execs in place:
    # $! is the server's own pid.
    # fd 9 is the dev-dir lock (take_lock): the server must not inherit it.
    setsid "$@" </dev/null >>"$outfile" 2>&1 9>&- &
    printf '%s\n' "$!" >"$pidfile"
}

# stop_pid NAME PIDFILE MARKER: SIGTERM, wait up to STACK_STOP_TIMEOUT s, then SIGKILL.
stop_pid() {
    local name=$1 pidfile=$2 marker=$3 pid waited=0
    if ! pid=$(running_pid "$pidfile" "$marker"); then
        log "$name is not running"
        rm -f "$pidfile"
        return 0
    fi
    log "stopping $name (pid $pid, SIGTERM)"
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do
        if ((waited >= STACK_STOP_TIMEOUT * 5)); then
            warn "$name did not exit within ${STACK_STOP_TIMEOUT}s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 0.5
            break
        fi
        sleep 0.2
        waited=$((waited + 1))
    done
    rm -f "$pidfile"
    log "$name stopped after $((waited / 5))s"
}

# show_log TITLE FILE...: print the last 30 lines of each non-empty FILE to stderr.
show_log() {
    local f
    for f in "$@"; do
        [[ -s $f ]] || continue
        printf '[stack] ---- last 30 lines of %s ----\n' "$f" >&2
        tail -n 30 "$f" >&2
        printf '[stack] ----\n' >&2
    done
}

# render TEMPLATE OUT NAME=VALUE...: replace each @NAME@ in TEMPLATE.
render() {
    local template=$1 out=$2 kv sed_args=()
    shift 2
    for kv in "$@"; do
        sed_args+=(-e "s|@${kv%%=*}@|${kv#*=}|g")
    done
    sed "${sed_args[@]}" "$template" >"$out.tmp"
    mv "$out.tmp" "$out"
}
