# shellcheck shell=bash
# dev/cluster: PKI, kubeconfigs, etcd, kube-apiserver, kube-controller-manager, kube-scheduler.
# Sourced, not executed; needs common.sh and cluster.sh first.

PKI=$CLUSTER_DIR/pki

# cluster_bin NAME: the cached binary (tools/build-cluster-binaries or tools/build-kube-binaries).
cluster_bin() {
    case $1 in
        kube-apiserver | kubectl | etcd) echo "$KUBE_API_BIN_DIR/$1" ;;
        *) echo "$("$STACK_ROOT/tools/build-cluster-binaries" --print-dir "$1")/$1" ;;
    esac
}

kc() { "$(cluster_bin kubectl)" --kubeconfig "$ADMIN_KUBECONFIG" "$@"; }

# One certificate signed by the cluster CA. With SANs it can serve as well as authenticate.
pki_cert() { # pki_cert NAME SUBJECT [SANS]
    local name=$1 subject=$2 sans=${3:-}
    openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "$subject" 2>/dev/null
    {
        echo "basicConstraints=CA:FALSE"
        echo "keyUsage=critical,digitalSignature,keyEncipherment"
        if [[ -n $sans ]]; then
            echo "extendedKeyUsage=serverAuth,clientAuth"
            echo "subjectAltName=$sans"
        else
            echo "extendedKeyUsage=clientAuth"
        fi
    } >"$name.ext"
    openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$name.crt" \
        -days 3650 -extfile "$name.ext" 2>/dev/null
    rm -f "$name.csr" "$name.ext"
}

# The CA, serving and client certificates, and the service-account keys. Kept across runs; made
# again when the node name or address changes.
pki_create() {
    # the stamp changes with what the certificates hold, so that an older PKI is made again
    local stamp="$CLUSTER_NODE@$CLUSTER_ADDRESS pki-2"
    [[ -s $PKI/ca.crt && $(cat "$PKI/stamp" 2>/dev/null) == "$stamp" ]] && return 0
    log "generating the cluster PKI in $PKI"
    rm -rf "$PKI"
    mkdir -p "$PKI"
    (
        cd "$PKI"
        openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 \
            -subj "/CN=batchline-cluster-ca" 2>/dev/null
        local service_ip
        service_ip=$(awk -F'[./]' '{print $1"."$2"."$3"."$4+1}' <<<"$SERVICE_CIDR")
        pki_cert apiserver "/CN=kube-apiserver" \
            "DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:$CLUSTER_ADDRESS,IP:$service_ip"
        pki_cert kubelet-serving "/CN=$CLUSTER_NODE" "DNS:$CLUSTER_NODE,IP:$CLUSTER_ADDRESS,IP:127.0.0.1"
        pki_cert keda-metrics "/CN=keda-metrics-apiserver" \
            "DNS:keda-metrics-apiserver.keda.svc,DNS:keda-metrics-apiserver.keda,IP:127.0.0.1"
        pki_cert admin "/O=system:masters/CN=batchline-cluster-admin"
        pki_cert kcm "/CN=system:kube-controller-manager"
        pki_cert scheduler "/CN=system:kube-scheduler"
        pki_cert kubelet "/O=system:nodes/CN=system:node:$CLUSTER_NODE"
        pki_cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client"
        pki_cert front-proxy-client "/CN=front-proxy-client"
        openssl genrsa -out sa.key 2048 2>/dev/null
        openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
        chmod 600 ./*.key
        echo "$stamp" >stamp
    )
}

# kubeconfig NAME CERT: a self-contained kubeconfig (certificates embedded).
write_kubeconfig() {
    local name=$1 cert=$2 file=$CLUSTER_DIR/kubeconfig/$1.kubeconfig
    mkdir -p "$CLUSTER_DIR/kubeconfig"
    cat >"$file" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: batchline
  cluster:
    server: https://$CLUSTER_ADDRESS:$CLUSTER_API_PORT
    certificate-authority-data: $(base64 -w0 <"$PKI/ca.crt")
users:
- name: $name
  user:
    client-certificate-data: $(base64 -w0 <"$PKI/$cert.crt")
    client-key-data: $(base64 -w0 <"$PKI/$cert.key")
contexts:
- name: batchline
  context: {cluster: batchline, user: $name, namespace: default}
current-context: batchline
EOF
    chmod 600 "$file"
}

# start_daemon NAME CMD...: detached in its own session, log in logs/NAME.log. The pid written is
# the one that becomes CMD (exec), since setsid may fork when the caller leads a process group.
start_daemon() {
    local name=$1 i
    shift
    rm -f "$CLUSTER_DIR/pids/$name"
    setsid bash -c 'echo $$ > "$0"; exec "$@"' "$CLUSTER_DIR/pids/$name" "$@" \
        >"$CLUSTER_DIR/logs/$name.log" 2>&1 </dev/null 9>&- &
    for i in $(seq 100); do
        [[ -s $CLUSTER_DIR/pids/$name ]] && return 0
        sleep 0.05
    done
    die "$name did not start"
}

# wait_for NAME SECONDS CMD...: until CMD succeeds; fail with NAME's log if it exits or times out.
wait_for() {
    local name=$1 secs=$2 end
    shift 2
    end=$((SECONDS + secs))
    until "$@" >/dev/null 2>&1; do
        if ! cluster_pid "$name" >/dev/null; then
            show_log "$CLUSTER_DIR/logs/$name.log"
            die "$name exited (log: $CLUSTER_DIR/logs/$name.log)"
        fi
        if ((SECONDS >= end)); then
            show_log "$CLUSTER_DIR/logs/$name.log"
            die "$name not ready after ${secs}s (log: $CLUSTER_DIR/logs/$name.log)"
        fi
        sleep 0.2
    done
}

start_etcd() {
    mkdir -p "$CLUSTER_DIR/etcd"
    chmod 700 "$CLUSTER_DIR/etcd"
    start_daemon etcd "$(cluster_bin etcd)" --name batchline --data-dir "$CLUSTER_DIR/etcd" \
        --listen-client-urls "http://127.0.0.1:$CLUSTER_ETCD_PORT" \
        --advertise-client-urls "http://127.0.0.1:$CLUSTER_ETCD_PORT" \
        --listen-peer-urls "http://127.0.0.1:$CLUSTER_ETCD_PEER_PORT" \
        --initial-advertise-peer-urls "http://127.0.0.1:$CLUSTER_ETCD_PEER_PORT" \
        --initial-cluster "batchline=http://127.0.0.1:$CLUSTER_ETCD_PEER_PORT" --listen-metrics-urls= \
        --quota-backend-bytes=2147483648 --unsafe-no-fsync
}

# The apiserver serves on the bridge address, so that pods (the operator, Prometheus) reach it as
# the `kubernetes` Service's endpoint; --enable-aggregator-routing sends aggregated APIs (KEDA's
# metrics server) to endpoint addresses, since no kube-proxy routes ClusterIPs.
start_apiserver() {
    local p=$PKI
    start_daemon kube-apiserver "$(cluster_bin kube-apiserver)" \
        --etcd-servers="http://127.0.0.1:$CLUSTER_ETCD_PORT" \
        --bind-address="$CLUSTER_ADDRESS" --advertise-address="$CLUSTER_ADDRESS" --secure-port="$CLUSTER_API_PORT" \
        --tls-cert-file="$p/apiserver.crt" --tls-private-key-file="$p/apiserver.key" --client-ca-file="$p/ca.crt" \
        --service-account-key-file="$p/sa.pub" --service-account-signing-key-file="$p/sa.key" \
        --service-account-issuer=https://kubernetes.default.svc.cluster.local \
        --kubelet-client-certificate="$p/apiserver-kubelet-client.crt" \
        --kubelet-client-key="$p/apiserver-kubelet-client.key" \
        --kubelet-certificate-authority="$p/ca.crt" --kubelet-preferred-address-types=InternalIP \
        --requestheader-client-ca-file="$p/ca.crt" --requestheader-allowed-names=front-proxy-client \
        --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
        --requestheader-extra-headers-prefix=X-Remote-Extra- \
        --proxy-client-cert-file="$p/front-proxy-client.crt" --proxy-client-key-file="$p/front-proxy-client.key" \
        --enable-aggregator-routing=true \
        --authorization-mode=Node,RBAC --service-cluster-ip-range="$SERVICE_CIDR" --allow-privileged=true \
        --enable-priority-and-fairness=false --profiling=false --cert-dir="$p/apiserver-certdir"
}

start_controllers() {
    local kcm=$CLUSTER_DIR/kubeconfig/kcm.kubeconfig sched=$CLUSTER_DIR/kubeconfig/scheduler.kubeconfig
    start_daemon kube-controller-manager "$(cluster_bin kube-controller-manager)" --kubeconfig="$kcm" \
        --authentication-kubeconfig="$kcm" --authorization-kubeconfig="$kcm" \
        --bind-address=127.0.0.1 --secure-port="$CLUSTER_KCM_PORT" --leader-elect=false \
        --use-service-account-credentials=true --service-account-private-key-file="$PKI/sa.key" \
        --root-ca-file="$PKI/ca.crt" --cluster-signing-cert-file="$PKI/ca.crt" \
        --cluster-signing-key-file="$PKI/ca.key" --cert-dir="$PKI/kcm-certdir" --profiling=false \
        --horizontal-pod-autoscaler-sync-period=5s --horizontal-pod-autoscaler-downscale-stabilization=30s
    start_daemon kube-scheduler "$(cluster_bin kube-scheduler)" --kubeconfig="$sched" \
        --authentication-kubeconfig="$sched" --authorization-kubeconfig="$sched" \
        --bind-address=127.0.0.1 --secure-port="$CLUSTER_SCHEDULER_PORT" --leader-elect=false \
        --profiling=false --cert-dir="$PKI/sched-certdir"
}
