# shellcheck shell=bash
# ClickHouse server (Debian's clickhouse-server) for dev/stack. Sourced, not executed.

CH_DIR=$DEV_DIR/clickhouse
CH_ETC=$CH_DIR/etc
CH_LOG=$CH_DIR/log
CH_PID=$CH_DIR/clickhouse.pid
CH_CONFIG=$CH_ETC/config.xml
CH_URL=http://127.0.0.1:$CLICKHOUSE_HTTP_PORT
# The server runs as this user when we are root (set CLICKHOUSE_RUN_AS=root to skip that).
CLICKHOUSE_RUN_AS=${CLICKHOUSE_RUN_AS:-clickhouse}

clickhouse_endpoint() { echo "clickhouse  $CH_URL (native 127.0.0.1:$CLICKHOUSE_TCP_PORT${CH_CLUSTER_URL:+, cluster $CH_CLUSTER_URL})"; }

clickhouse_pid() { running_pid "$CH_PID" "$CH_CONFIG"; }

clickhouse_install() {
    command -v clickhouse-server >/dev/null 2>&1 && command -v clickhouse-client >/dev/null 2>&1 && return 0
    apt_install clickhouse-server clickhouse-client
}

# The command prefix that drops root privileges, if any (prints nothing otherwise).
clickhouse_runner() {
    if [[ $(id -u) == 0 && $CLICKHOUSE_RUN_AS != root ]] && id "$CLICKHOUSE_RUN_AS" >/dev/null 2>&1; then
        echo "setpriv --reuid=$CLICKHOUSE_RUN_AS --regid=$CLICKHOUSE_RUN_AS --init-groups"
    fi
}

# True when the running server's config has the ports asked for now.
clickhouse_ports_match() {
    grep -qF "<http_port>$CLICKHOUSE_HTTP_PORT</http_port>" "$CH_CONFIG" &&
        grep -qF "<tcp_port>$CLICKHOUSE_TCP_PORT</tcp_port>" "$CH_CONFIG" &&
        grep -qF "$(clickhouse_cluster_listen_host)" "$CH_CONFIG"
}

# The extra listen_host for dev/cluster's pods (empty without STACK_CLUSTER_ADDRESS).
clickhouse_cluster_listen_host() {
    [[ -z $STACK_CLUSTER_ADDRESS ]] || echo "<listen_host>$STACK_CLUSTER_ADDRESS</listen_host>"
}

# Where pods of dev/cluster reach the server, when STACK_CLUSTER_ADDRESS is set.
CH_CLUSTER_URL=${STACK_CLUSTER_ADDRESS:+http://$STACK_CLUSTER_ADDRESS:$CLICKHOUSE_HTTP_PORT}

clickhouse_start() {
    local pid runner
    if pid=$(clickhouse_pid); then
        clickhouse_ports_match || die "clickhouse (pid $pid) already runs from $DEV_DIR with other ports ($(grep -oE '<(http|tcp)_port>[0-9]+' "$CH_CONFIG" | tr -d '<' | tr '>' '=' | paste -sd ' ')); use 'dev/stack restart clickhouse' to apply the new ones"
        CH_WAS_RUNNING=1 # clickhouse_wait reports on it
        return 0
    fi
    clickhouse_install
    require_free_ports clickhouse "$CLICKHOUSE_HTTP_PORT" "$CLICKHOUSE_TCP_PORT"
    [[ -z $STACK_CLUSTER_ADDRESS ]] || require_local_address "$STACK_CLUSTER_ADDRESS"
    mkdir -p "$CH_ETC" "$CH_LOG" "$CH_DIR"/{data,tmp,user_files,format_schemas}
    render "$STACK_SRC/clickhouse/config.xml.in" "$CH_CONFIG" CH_DIR="$CH_DIR" \
        CLICKHOUSE_HTTP_PORT="$CLICKHOUSE_HTTP_PORT" CLICKHOUSE_TCP_PORT="$CLICKHOUSE_TCP_PORT" \
        CLUSTER_LISTEN_HOST="$(clickhouse_cluster_listen_host)"
    local network=
    [[ -z $STACK_CLUSTER_ADDRESS ]] || network="<ip>${STACK_CLUSTER_ADDRESS%.*}.0/24</ip>"
    render "$STACK_SRC/clickhouse/users.xml" "$CH_ETC/users.xml" CLUSTER_NETWORK="$network"
    runner=$(clickhouse_runner)
    if [[ -n $runner ]]; then
        chown -R "$CLICKHOUSE_RUN_AS:" "$CH_DIR"
        # The server must be able to reach its dir through every parent.
        # shellcheck disable=SC2086
        $runner test -w "$CH_DIR/data" ||
            die "user $CLICKHOUSE_RUN_AS cannot write $CH_DIR/data (a parent dir is not searchable?); set CLICKHOUSE_RUN_AS=root to run as root"
    fi
    log "starting clickhouse on $CH_URL, native port $CLICKHOUSE_TCP_PORT (log: $CH_LOG/clickhouse-server.log)"
    # shellcheck disable=SC2086 # $runner is a word list on purpose
    launch "$CH_PID" "$CH_LOG/stdout.log" $runner clickhouse-server --config-file="$CH_CONFIG"
}

clickhouse_failed() {
    warn "$1"
    show_log "$CH_LOG/clickhouse-server.log" "$CH_LOG/clickhouse-server.err.log" "$CH_LOG/stdout.log"
    exit 1
}

clickhouse_ping() { [[ $(curl -fsS --max-time 1 "$CH_URL/ping" 2>/dev/null) == Ok.* ]]; }

clickhouse_wait() {
    local start=$SECONDS pid
    pid=$(starting_pid "$CH_PID" "$CH_CONFIG") || clickhouse_failed "clickhouse is not running (it exited during startup)"
    if [[ -n ${CH_WAS_RUNNING:-} ]] && clickhouse_ping; then
        log "clickhouse is already up on $CH_URL (pid $pid)"
        return 0
    fi
    log "waiting for clickhouse on $CH_URL/ping (up to ${STACK_START_TIMEOUT}s)"
    # The native port is checked with ss: a bare connect makes the server log a warning.
    until clickhouse_ping && ss -Hltn "( sport = :$CLICKHOUSE_TCP_PORT )" | grep -q .; do
        kill -0 "$pid" 2>/dev/null || clickhouse_failed "clickhouse exited during startup"
        ((SECONDS - start < STACK_START_TIMEOUT)) ||
            clickhouse_failed "clickhouse (pid $pid) does not answer on $CH_URL/ping after ${STACK_START_TIMEOUT}s; left running"
        sleep 0.3
    done
    log "clickhouse is up on $CH_URL (pid $pid, ready in $((SECONDS - start))s)"
}

clickhouse_stop() { stop_pid clickhouse "$CH_PID" "$CH_CONFIG"; }

clickhouse_status() {
    local pid state
    if clickhouse_ping; then
        if pid=$(clickhouse_pid); then state="up (pid $pid)"; else state="up (not started by this dev dir: $DEV_DIR)"; fi
        echo "$(clickhouse_endpoint)  $state"
        return 0
    fi
    state=DOWN
    if pid=$(clickhouse_pid); then
        if clickhouse_ports_match; then
            state="DOWN (pid $pid running but /ping fails: starting, or stuck)"
        else
            state="DOWN (this dev dir's server, pid $pid, runs on other ports: see $CH_CONFIG)"
        fi
    fi
    echo "$(clickhouse_endpoint)  $state"
    return 1
}

# dev/stack sql 'QUERY' [clickhouse-client options...]; with no QUERY, reads SQL from stdin.
clickhouse_sql() {
    command -v clickhouse-client >/dev/null 2>&1 || die "clickhouse-client is not installed; run 'dev/stack up clickhouse' first"
    if (($# == 0)) || [[ $1 == - ]]; then
        (($#)) && shift
        clickhouse-client --host 127.0.0.1 --port "$CLICKHOUSE_TCP_PORT" --multiquery "$@"
    else
        local query=$1
        shift
        clickhouse-client --host 127.0.0.1 --port "$CLICKHOUSE_TCP_PORT" --multiquery --query "$query" "$@"
    fi
}
