# shellcheck shell=bash
# dev/cluster up --autoscaling: the chain that scales a pipeline on its metrics.
#   Prometheus Operator (a host process, like the control plane) -> Prometheus (a pod it runs,
#   selecting every PodMonitor) -> KEDA operator + metrics API server (a pod, registered as the
#   external.metrics.k8s.io APIService) -> the HPA that KEDA makes, run by kube-controller-manager.
# CRDs and KEDA's RBAC come from the Go modules that tools/build-cluster-binaries builds from.
# Sourced, not executed; needs the other cluster libraries first.

AUTOSCALING_DAEMONS=(prometheus-operator)
CLUSTER_PROMETHEUS_OPERATOR_PORT=${CLUSTER_PROMETHEUS_OPERATOR_PORT:-30081}
PROMETHEUS_URL_FILE=$CLUSTER_DIR/prometheus-url

# module_dir TOOLS_SUBDIR MODULE: where the Go module cache holds MODULE at the version the
# tools/ go.mod pins (downloaded if missing).
module_dir() {
    (cd "$STACK_ROOT/tools/$1" && GOFLAGS=-mod=readonly GOTOOLCHAIN=local go list -m -f '{{.Dir}}' "$2")
}

# render_manifest FILE: the manifest with the cluster's address, port and CA filled in.
render_manifest() {
    sed -e "s|@CLUSTER_ADDRESS@|$CLUSTER_ADDRESS|g" -e "s|@CLUSTER_API_PORT@|$CLUSTER_API_PORT|g" \
        -e "s|@CA_BUNDLE@|$(base64 -w0 <"$PKI/ca.crt")|g" "$1"
}

autoscaling_up() {
    local t0=$SECONDS po keda
    "$STACK_ROOT/tools/build-cluster-binaries" --autoscaling
    "$STACK_SRC/images" --autoscaling-only
    po=$(module_dir prometheus-operator github.com/prometheus-operator/prometheus-operator)
    keda=$(module_dir keda github.com/kedacore/keda/v2)
    log "applying the Prometheus Operator's and KEDA's CRDs (from $po, $keda)"
    kc apply --server-side --force-conflicts -f "$po/example/prometheus-operator-crd" >/dev/null
    kc apply --server-side --force-conflicts -f "$keda/config/crd/bases" >/dev/null
    kc wait --for=condition=Established --timeout=60s crd/prometheuses.monitoring.coreos.com \
        crd/podmonitors.monitoring.coreos.com crd/scaledobjects.keda.sh >/dev/null

    if ! cluster_pid prometheus-operator >/dev/null; then
        start_daemon prometheus-operator env KUBECONFIG="$ADMIN_KUBECONFIG" "$(cluster_bin prometheus-operator)" \
            --web.listen-address="127.0.0.1:$CLUSTER_PROMETHEUS_OPERATOR_PORT" \
            --prometheus-config-reloader=localhost/prometheus-config-reloader:dev \
            --kubelet-service= --log-level=info
    fi
    render_manifest "$STACK_SRC/k8s/autoscaling/prometheus.yaml" | kc apply --server-side -f - >/dev/null

    kc create namespace keda --dry-run=client -o yaml | kc apply -f - >/dev/null
    kc -n keda create secret generic kedaorg-certs --from-file=ca.crt="$PKI/ca.crt" \
        --from-file=tls.crt="$PKI/keda-metrics.crt" --from-file=tls.key="$PKI/keda-metrics.key" \
        --dry-run=client -o yaml | kc apply -f - >/dev/null
    local f
    for f in service_account/service_account.yaml rbac/role.yaml rbac/role_binding.yaml \
        metrics-server/role.yaml metrics-server/role_binding.yaml; do
        kc apply --server-side -f "$keda/config/$f" >/dev/null
    done
    render_manifest "$STACK_SRC/k8s/autoscaling/keda.yaml" | kc apply --server-side -f - >/dev/null

    log "waiting for Prometheus and KEDA"
    wait_for prometheus-operator 180 kc -n monitoring get pod prometheus-batchline-0
    wait_for prometheus-operator 180 kc -n monitoring wait --for=condition=Ready pod/prometheus-batchline-0 --timeout=5s
    wait_for kubelet 180 kc -n keda wait --for=condition=Available deployment/keda --timeout=5s
    wait_for kube-apiserver 120 kc wait --for=condition=Available apiservice/v1beta1.external.metrics.k8s.io --timeout=5s
    # Available can be True before the apiserver trusts the metrics server: ask it for real
    wait_for kube-apiserver 120 kc get --raw /apis/external.metrics.k8s.io/v1beta1
    local ip
    ip=$(kc -n monitoring get pod prometheus-batchline-0 -o jsonpath='{.status.podIP}')
    echo "http://$ip:9090" >"$PROMETHEUS_URL_FILE"
    log "autoscaling chain up in $((SECONDS - t0))s: Prometheus $(cat "$PROMETHEUS_URL_FILE"), KEDA's external metrics API Available"
}

autoscaling_down() {
    stop_daemon prometheus-operator 10
    rm -f "$PROMETHEUS_URL_FILE"
}

# autoscaling_status: nothing when the chain was never started; else each part, checked.
autoscaling_status() {
    [[ -f $PROMETHEUS_URL_FILE ]] || return 0
    local rc=0 url
    url=$(<"$PROMETHEUS_URL_FILE")
    if [[ $(curl -fsS --max-time 2 "$url/-/ready" 2>/dev/null) == *Ready* ]]; then
        echo "prometheus                   $url ready"
    else
        echo "prometheus                   $url NOT READY"
        rc=3
    fi
    if kc get --raw /apis/external.metrics.k8s.io/v1beta1 >/dev/null 2>&1; then
        echo "keda external metrics API    Available"
    else
        echo "keda external metrics API    NOT AVAILABLE"
        rc=3
    fi
    echo "PROMETHEUS_URL=$url"
    return "$rc"
}
