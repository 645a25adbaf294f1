# shellcheck shell=bash
# Kafka (KRaft, single node broker+controller) for dev/stack. Sourced, not executed.

KAFKA_VERSION=4.4.0
KAFKA_DIR=$DEV_DIR/kafka
KAFKA_LIBS=$KAFKA_DIR/libs
KAFKA_DATA=$KAFKA_DIR/data
KAFKA_LOGS=$KAFKA_DIR/logs
KAFKA_PID=$KAFKA_DIR/kafka.pid
KAFKA_CONFIG=$KAFKA_DIR/server.properties
KAFKA_READY=$KAFKA_DIR/ready.pid # pid of the broker that last passed kafka_wait
KAFKA_BOOTSTRAP=127.0.0.1:$KAFKA_PORT

# Where pods of dev/cluster reach the broker, when STACK_CLUSTER_ADDRESS is set.
KAFKA_CLUSTER_BOOTSTRAP=${STACK_CLUSTER_ADDRESS:+$STACK_CLUSTER_ADDRESS:$KAFKA_CLUSTER_PORT}

kafka_endpoint() { echo "kafka       $KAFKA_BOOTSTRAP (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT, SASL/PLAIN 127.0.0.1:$KAFKA_SASL_PORT${KAFKA_CLUSTER_BOOTSTRAP:+, cluster $KAFKA_CLUSTER_BOOTSTRAP})"; }

kafka_advertised_listeners() {
    echo "PLAINTEXT://127.0.0.1:$KAFKA_PORT,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL_PORT${KAFKA_CLUSTER_BOOTSTRAP:+,CLUSTER://$KAFKA_CLUSTER_BOOTSTRAP}"
}

kafka_listeners() {
    echo "PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL_PORT${KAFKA_CLUSTER_BOOTSTRAP:+,CLUSTER://$KAFKA_CLUSTER_BOOTSTRAP}"
}

kafka_pid() { running_pid "$KAFKA_PID" "$KAFKA_CONFIG"; }

# Fetch the broker and tool jars from Maven Central once.
kafka_install() {
    need_cmd java openjdk-17-jre-headless
    [[ -f $KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar && -f $KAFKA_LIBS/kafka-tools-$KAFKA_VERSION.jar ]] && return 0
    need_cmd mvn maven
    log "fetching Kafka $KAFKA_VERSION jars from Maven Central into $KAFKA_LIBS"
    rm -rf "$KAFKA_LIBS.tmp"
    mkdir -p "$KAFKA_DIR"
    if ! mvn -q -B -f "$STACK_SRC/kafka/pom.xml" dependency:copy-dependencies \
        -DoutputDirectory="$KAFKA_LIBS.tmp" >"$KAFKA_DIR/mvn.log" 2>&1; then
        show_log "$KAFKA_DIR/mvn.log"
        die "could not fetch the Kafka jars (see $KAFKA_DIR/mvn.log)"
    fi
    rm -rf "$KAFKA_LIBS"
    mv "$KAFKA_LIBS.tmp" "$KAFKA_LIBS"
}

# kafka_class [JVM_OPTS...] -- CLASS ARGS...: run a class from the Kafka jars (a tool).
kafka_class() {
    local jvm=()
    while (($#)) && [[ $1 != -- ]]; do
        jvm+=("$1")
        shift
    done
    [[ ${1:-} == -- ]] && shift
    (($#)) || die "usage: dev/stack kafka-class CLASS [ARGS...]"
    [[ -d $KAFKA_LIBS ]] || die "no Kafka jars in $KAFKA_LIBS yet; run 'dev/stack up kafka' first"
    java "${jvm[@]}" -Dlog4j2.configurationFile="$STACK_SRC/kafka/tools-log4j2.xml" \
        -cp "$KAFKA_LIBS/*" "$@"
}

# Options for short-lived admin calls made by this script: quick JVM start.
KAFKA_QUICK_JVM=(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)

# True when the running broker's config has the ports asked for now.
kafka_ports_match() {
    local running
    running=$(grep '^listeners=' "$KAFKA_CONFIG") || return 1
    [[ $running == "listeners=$(kafka_listeners)" ]] && return 0
    # Asked without STACK_CLUSTER_ADDRESS: a broker that also serves dev/cluster's pods will do.
    [[ -z $STACK_CLUSTER_ADDRESS && $running == "listeners=$(kafka_listeners),CLUSTER://"* ]]
}

kafka_start() {
    local pid
    if pid=$(kafka_pid); then
        kafka_ports_match || die "kafka (pid $pid) already runs from $DEV_DIR with other ports ($(grep '^listeners=' "$KAFKA_CONFIG")); use 'dev/stack restart kafka' to move it to $(kafka_listeners)"
        return 0 # kafka_wait reports on it
    fi
    kafka_install
    require_free_ports kafka "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$KAFKA_SASL_PORT"
    [[ -z $STACK_CLUSTER_ADDRESS ]] || require_local_address "$STACK_CLUSTER_ADDRESS"
    mkdir -p "$KAFKA_DATA" "$KAFKA_LOGS"
    render "$STACK_SRC/kafka/server.properties.in" "$KAFKA_CONFIG" \
        KAFKA_PORT="$KAFKA_PORT" KAFKA_CONTROLLER_PORT="$KAFKA_CONTROLLER_PORT" \
        LISTENERS="$(kafka_listeners)" ADVERTISED_LISTENERS="$(kafka_advertised_listeners)" \
        KAFKA_DATA_DIR="$KAFKA_DATA"
    if [[ ! -f $KAFKA_DATA/meta.properties ]]; then
        local cluster_id
        cluster_id=$(kafka_class "${KAFKA_QUICK_JVM[@]}" -- kafka.tools.StorageTool random-uuid)
        log "formatting new KRaft storage in $KAFKA_DATA (cluster id $cluster_id)"
        if ! kafka_class "${KAFKA_QUICK_JVM[@]}" -- kafka.tools.StorageTool format \
            -t "$cluster_id" -c "$KAFKA_CONFIG" >"$KAFKA_LOGS/format.log" 2>&1; then
            show_log "$KAFKA_LOGS/format.log"
            die "kafka storage format failed"
        fi
    fi
    log "starting kafka on $KAFKA_BOOTSTRAP (log: $KAFKA_LOGS/server.log)"
    launch "$KAFKA_PID" "$KAFKA_LOGS/stdout.log" \
        java -Xms512m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
        -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent \
        -Djava.awt.headless=true \
        -Dkafka.logs.dir="$KAFKA_LOGS" \
        -Dlog4j2.configurationFile="$STACK_SRC/kafka/log4j2.xml" \
        -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONFIG"
}

kafka_failed() {
    warn "$1"
    show_log "$KAFKA_LOGS/server.log" "$KAFKA_LOGS/stdout.log"
    exit 1
}

# Wait until the broker accepts connections and answers an Admin call (list topics).
kafka_wait() {
    local start=$SECONDS pid
    pid=$(starting_pid "$KAFKA_PID" "$KAFKA_CONFIG") || kafka_failed "kafka is not running (it exited during startup)"
    if [[ -f $KAFKA_READY && $(<"$KAFKA_READY") == "$pid" ]] && port_open "$KAFKA_PORT"; then
        log "kafka is already up on $KAFKA_BOOTSTRAP (pid $pid)"
        return 0
    fi
    log "waiting for kafka on $KAFKA_BOOTSTRAP (up to ${STACK_START_TIMEOUT}s)"
    until port_open "$KAFKA_PORT"; do
        kill -0 "$pid" 2>/dev/null || kafka_failed "kafka exited during startup"
        ((SECONDS - start < STACK_START_TIMEOUT)) ||
            kafka_failed "kafka (pid $pid) is not listening on $KAFKA_BOOTSTRAP after ${STACK_START_TIMEOUT}s; left running"
        sleep 0.5
    done
    log "kafka port open after $((SECONDS - start))s; checking with an Admin call"
    local remaining=$((STACK_START_TIMEOUT - (SECONDS - start)))
    ((remaining >= 10)) || remaining=10
    if ! timeout "$remaining" java "${KAFKA_QUICK_JVM[@]}" \
        -Dlog4j2.configurationFile="$STACK_SRC/kafka/tools-log4j2.xml" -cp "$KAFKA_LIBS/*" \
        org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --list >/dev/null 2>"$KAFKA_LOGS/check.log"; then
        show_log "$KAFKA_LOGS/check.log"
        kill -0 "$pid" 2>/dev/null || kafka_failed "kafka exited during startup"
        kafka_failed "kafka (pid $pid) does not answer Admin calls on $KAFKA_BOOTSTRAP; left running"
    fi
    echo "$pid" >"$KAFKA_READY"
    log "kafka is up on $KAFKA_BOOTSTRAP (pid $pid, ready in $((SECONDS - start))s)"
}

kafka_stop() {
    stop_pid kafka "$KAFKA_PID" "$KAFKA_CONFIG"
    rm -f "$KAFKA_READY"
}

# kafka_status: print one line; succeed when the endpoint answers.
kafka_status() {
    local pid state
    if port_open "$KAFKA_PORT"; then
        if pid=$(kafka_pid); then state="up (pid $pid)"; else state="up (not started by this dev dir: $DEV_DIR)"; fi
        echo "$(kafka_endpoint)  $state"
        return 0
    fi
    state=DOWN
    if pid=$(kafka_pid); then
        if kafka_ports_match; then
            state="DOWN (pid $pid running but port closed: starting, or stuck)"
        else
            state="DOWN (this dev dir's broker, pid $pid, runs on other ports: see $KAFKA_CONFIG)"
        fi
    fi
    echo "$(kafka_endpoint)  $state"
    return 1
}

# dev/stack topic NAME [PARTITIONS]
kafka_topic() {
    local name=${1:-} partitions=${2:-4}
    [[ -n $name ]] || die "usage: dev/stack topic NAME [PARTITIONS]"
    [[ $partitions =~ ^[0-9]+$ ]] || die "PARTITIONS must be a number, got '$partitions'"
    port_open "$KAFKA_PORT" || die "kafka is not up on $KAFKA_BOOTSTRAP; run 'dev/stack up kafka' first"
    kafka_class "${KAFKA_QUICK_JVM[@]}" -- org.apache.kafka.tools.TopicCommand \
        --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists \
        --topic "$name" --partitions "$partitions" --replication-factor 1 >/dev/null
    log "topic $name exists on $KAFKA_BOOTSTRAP"
}
