# shellcheck shell=bash
# Settings shared by dev/cluster and dev/images. Sourced, not executed; needs common.sh first.
#
# The cluster binds 127.0.0.1, except what pods must reach: the apiserver, the kubelet and (with
# dev/stack's STACK_CLUSTER_ADDRESS) Kafka and ClickHouse bind the address of the pod bridge,
# which dev/cluster creates and deletes. There is no kube-proxy and no cluster DNS.

CLUSTER_DIR=$(realpath -m "${BATCHLINE_CLUSTER_DIR:-/tmp/batchline-cluster}")
CACHE_DIR=${BATCHLINE_CACHE_DIR:-$HOME/.cache/batchline}
IMAGES_DIR=$CACHE_DIR/images
KUBE_VERSION=$(sed -n 's/^KUBE_VERSION=\([0-9.]*\).*/\1/p' "$STACK_ROOT/tools/build-kube-binaries")
KUBE_API_BIN_DIR=${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/k8s/$KUBE_VERSION-linux-amd64

CLUSTER_NODE=${CLUSTER_NODE:-batchline-node}
POD_BRIDGE=${CLUSTER_BRIDGE:-batchline0}
POD_SUBNET=${CLUSTER_POD_SUBNET:-10.244.0.0/24}
# The bridge's own address: pods reach the host, the apiserver, Kafka and ClickHouse here.
CLUSTER_ADDRESS=$(awk -F'[./]' '{print $1"."$2"."$3"."$4+1}' <<<"$POD_SUBNET")
SERVICE_CIDR=10.96.0.0/16

# Fixed ports below the ephemeral range (32768-60999), so that no client socket takes them.
CLUSTER_API_PORT=${CLUSTER_API_PORT:-31443}
CLUSTER_ETCD_PORT=${CLUSTER_ETCD_PORT:-32379}
CLUSTER_ETCD_PEER_PORT=$((CLUSTER_ETCD_PORT + 1))
CLUSTER_KCM_PORT=${CLUSTER_KCM_PORT:-30257}
CLUSTER_SCHEDULER_PORT=${CLUSTER_SCHEDULER_PORT:-30259}
CLUSTER_KUBELET_PORT=${CLUSTER_KUBELET_PORT:-30250}
CLUSTER_KUBELET_HEALTHZ_PORT=${CLUSTER_KUBELET_HEALTHZ_PORT:-30248}
CLUSTER_PROMETHEUS_PORT=${CLUSTER_PROMETHEUS_PORT:-30090}
CLUSTER_KEDA_METRICS_PORT=${CLUSTER_KEDA_METRICS_PORT:-30443}

CONTAINERD_SOCK=$CLUSTER_DIR/containerd.sock
ADMIN_KUBECONFIG=$CLUSTER_DIR/kubeconfig/admin.kubeconfig
PAUSE_IMAGE=localhost/pause:3.10
JRE_IMAGE=localhost/batchline-jre:17
CONSUMER_IMAGE=localhost/batchline-consumer:dev
OPERATOR_IMAGE=localhost/batchline-operator:dev

# proc_alive PID: exists and is not a zombie (daemons are reparented to PID 1, which may reap late).
proc_alive() {
    [[ $1 =~ ^[0-9]+$ && -r /proc/$1/stat ]] || return 1
    local state
    state=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
    [[ -n $state && $state != Z ]]
}

# cluster_pid NAME: the pid of a cluster daemon that is alive.
cluster_pid() {
    local f=$CLUSTER_DIR/pids/$1 pid
    [[ -s $f ]] || return 1
    pid=$(<"$f")
    proc_alive "$pid" || return 1
    echo "$pid"
}

containerd_up() { [[ -S $CONTAINERD_SOCK ]] && cluster_pid containerd >/dev/null; }

ctr_k8s() { ctr --address "$CONTAINERD_SOCK" -n k8s.io "$@"; }
