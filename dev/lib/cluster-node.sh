# shellcheck shell=bash
# dev/cluster: the node. Pod bridge and CNI, cgroups, containerd (in a private mount namespace)
# and kubelet. Sourced, not executed; needs common.sh, cluster.sh and cluster-control-plane.sh.
#
# Why the private mount namespace: kubelet insists on six kernel tunables (vm.overcommit_memory,
# kernel.panic, ...) and on host paths such as /var/lib/kubelet and /run/containerd. In the
# namespace the tunables are bind mounts of files holding the values it wants, and the paths are
# bind mounts into $CLUSTER_DIR/host, so the host's own settings and directories stay untouched.

CGROUP_ROOT=/batchline-cluster

# The bridge carries the gateway address itself: the CNI bridge plugin runs with isGateway=false
# and ipMasq=false, so it neither turns on net.ipv4.ip_forward nor adds iptables rules.
create_bridge() {
    ip link show "$POD_BRIDGE" >/dev/null 2>&1 || ip link add "$POD_BRIDGE" type bridge
    ip addr replace "$CLUSTER_ADDRESS/${POD_SUBNET#*/}" dev "$POD_BRIDGE"
    ip link set "$POD_BRIDGE" up
    echo "$POD_BRIDGE" >"$CLUSTER_DIR/bridge"
}

write_cni_config() {
    mkdir -p "$CLUSTER_DIR/cni/net.d" "$CLUSTER_DIR/cni/ipam"
    cat >"$CLUSTER_DIR/cni/net.d/10-batchline.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "batchline",
  "plugins": [
    {
      "type": "bridge", "bridge": "$POD_BRIDGE",
      "isGateway": false, "ipMasq": false, "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{"subnet": "$POD_SUBNET", "gateway": "$CLUSTER_ADDRESS"}]],
        "routes": [{"dst": "0.0.0.0/0", "gw": "$CLUSTER_ADDRESS"}],
        "dataDir": "$CLUSTER_DIR/cni/ipam"
      }
    }
  ]
}
EOF
}

create_cgroups() {
    if [[ -d /sys/fs/cgroup/memory && -d /sys/fs/cgroup/cpu ]]; then
        local h
        for h in /sys/fs/cgroup/*/; do
            if [[ -e ${h}cgroup.procs ]]; then mkdir -p "${h%/}$CGROUP_ROOT"; fi
        done
    elif [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
        # cgroup v2: not exercised on the machines this was written on (they run v1)
        mkdir -p "/sys/fs/cgroup$CGROUP_ROOT"
        local ctl
        for ctl in cpuset cpu io memory pids hugetlb; do
            echo "+$ctl" >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
            echo "+$ctl" >"/sys/fs/cgroup$CGROUP_ROOT/cgroup.subtree_control" 2>/dev/null || true
        done
    else
        die "no usable cgroup hierarchy under /sys/fs/cgroup"
    fi
}

write_containerd_config() {
    local c=$CLUSTER_DIR/containerd
    mkdir -p "$c/root" "$c/state" "$c/runc"
    cat >"$c/config.toml" <<EOF
version = 2
root = "$c/root"
state = "$c/state"
oom_score = 0
[grpc]
  address = "$CONTAINERD_SOCK"
[ttrpc]
  address = "$CONTAINERD_SOCK.ttrpc"
[debug]
  address = ""
  level = "info"
[metrics]
  address = ""
[plugins]
  [plugins."io.containerd.grpc.v1.cri"]
    sandbox_image = "$PAUSE_IMAGE"
    stream_server_address = "127.0.0.1"
    stream_server_port = "0"
    enable_selinux = false
    disable_apparmor = true
    # Without CAP_SYS_RESOURCE nobody may lower oom_score_adj, and kubelet asks -998 for
    # sandboxes: runc then fails with "can't get final child's PID from pipe". Clamp instead.
    restrict_oom_score_adj = true
    netns_mounts_under_state_dir = true
    max_container_log_line_size = 16384
    [plugins."io.containerd.grpc.v1.cri".containerd]
      snapshotter = "overlayfs"
      default_runtime_name = "runc"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
        runtime_type = "io.containerd.runc.v2"
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
          SystemdCgroup = false
          BinaryName = "$(command -v runc)"
          Root = "$c/runc"
    [plugins."io.containerd.grpc.v1.cri".cni]
      bin_dir = "/usr/lib/cni"
      conf_dir = "$CLUSTER_DIR/cni/net.d"
      max_conf_num = 1
  [plugins."io.containerd.internal.v1.opt"]
    path = "$c/opt"
EOF
}

write_kubelet_config() {
    mkdir -p "$CLUSTER_DIR/kubelet/root" "$CLUSTER_DIR/kubelet/pki" "$CLUSTER_DIR/pod-logs"
    cat >"$CLUSTER_DIR/kubelet/config.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $CLUSTER_ADDRESS
port: $CLUSTER_KUBELET_PORT
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $CLUSTER_KUBELET_HEALTHZ_PORT
tlsCertFile: $PKI/kubelet-serving.crt
tlsPrivateKeyFile: $PKI/kubelet-serving.key
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization:
  mode: Webhook
cgroupDriver: cgroupfs
cgroupRoot: $CGROUP_ROOT
cgroupsPerQOS: true
enforceNodeAllocatable: [pods]
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
imageServiceEndpoint: unix://$CONTAINERD_SOCK
podLogsDir: $CLUSTER_DIR/pod-logs
staticPodPath: ""
clusterDomain: cluster.local
resolvConf: /etc/resolv.conf
# Never touch the host's iptables or kernel tunables (the tunables are faked in the namespace).
makeIPTablesUtilChains: false
protectKernelDefaults: true
# No CAP_SYS_RESOURCE: neither a negative oom_score_adj nor a higher open-files limit can be set.
oomScoreAdj: 0
maxOpenFiles: $(ulimit -Hn)
# Local images cannot be pulled again, and the disk is shared: no image GC, no disk evictions.
evictionHard: {memory.available: 100Mi, nodefs.available: 1%, nodefs.inodesFree: 1%, imagefs.available: 1%}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
serializeImagePulls: false
maxPods: 60
shutdownGracePeriod: 0s
syncFrequency: 10s
nodeStatusUpdateFrequency: 10s
EOF
}

# containerd in its own mount namespace, set up by a small script that then execs containerd.
start_containerd() {
    local host=$CLUSTER_DIR/host fake=$CLUSTER_DIR/fake-sysctl script=$CLUSTER_DIR/containerd-ns.sh
    mkdir -p "$host"/{var-lib-kubelet,var-log-containers,var-lib-cni,run-containerd} "$fake"
    cat >"$script" <<EOF
#!/bin/bash
set -e
for kv in vm/overcommit_memory=1 vm/panic_on_oom=0 kernel/panic=10 kernel/panic_on_oops=1 \\
    kernel/keys/root_maxkeys=1000000 kernel/keys/root_maxbytes=25000000; do
  k=\${kv%=*}; f=$fake/\${k//\//.}; echo "\${kv#*=}" > "\$f"; mount --bind "\$f" "/proc/sys/\$k"
done
for m in /var/lib/kubelet:var-lib-kubelet /var/log/containers:var-log-containers \\
    /var/lib/cni:var-lib-cni /run/containerd:run-containerd; do
  mount --bind "$host/\${m#*:}" "\${m%%:*}"
done
echo \$\$ > "$CLUSTER_DIR/pids/containerd"
exec containerd --config "$CLUSTER_DIR/containerd/config.toml"
EOF
    chmod +x "$script"
    # The bind mounts need mount points on the host; remember the ones created here for `down`.
    local d
    for d in /var/lib/kubelet /var/log/containers /var/lib/cni /run/containerd; do
        [[ -d $d ]] || {
            mkdir -p "$d"
            echo "$d" >>"$CLUSTER_DIR/host-dirs-created"
        }
    done
    rm -f "$CLUSTER_DIR/pids/containerd"
    setsid unshare --mount --propagation private "$script" >"$CLUSTER_DIR/logs/containerd.log" 2>&1 </dev/null 9>&- &
    local i
    for i in $(seq 100); do
        [[ -s $CLUSTER_DIR/pids/containerd ]] && break
        sleep 0.05
    done
    [[ -s $CLUSTER_DIR/pids/containerd ]] || {
        show_log "$CLUSTER_DIR/logs/containerd.log"
        die "containerd did not start"
    }
    wait_for containerd 30 ctr_k8s version
}

# import_image IMAGE: from dev/images' archive, unless containerd has it already.
import_image() {
    local image=$1 tar present
    tar=$IMAGES_DIR/${image//[:\/]/-}.tar
    present=$(ctr_k8s images ls -q)
    grep -qxF "$image" <<<"$present" && return 0
    [[ -s $tar ]] || die "$tar is missing: run dev/images"
    log "importing $image into containerd"
    ctr_k8s images import "$tar" >/dev/null
}

# kubelet joins containerd's mount namespace (nsenter without --fork execs in place).
start_kubelet() {
    start_daemon kubelet nsenter --mount="/proc/$(cluster_pid containerd)/ns/mnt" "$(cluster_bin kubelet)" \
        --config="$CLUSTER_DIR/kubelet/config.yaml" --kubeconfig="$CLUSTER_DIR/kubeconfig/kubelet.kubeconfig" \
        --root-dir="$CLUSTER_DIR/kubelet/root" --cert-dir="$CLUSTER_DIR/kubelet/pki" \
        --hostname-override="$CLUSTER_NODE" --node-ip="$CLUSTER_ADDRESS" -v=1
}

# Kill every pod container through containerd (no grace: the cluster is going away).
kill_pod_containers() {
    containerd_up || return 0
    local tasks t listing end=$((SECONDS + 10))
    tasks=$(ctr_k8s tasks ls -q 2>/dev/null || true)
    for t in $tasks; do ctr_k8s tasks kill -s SIGKILL "$t" >/dev/null 2>&1 || true; done
    # one wait for all of them, then one delete each
    while ((SECONDS < end)); do
        listing=$(ctr_k8s tasks ls 2>/dev/null || true)
        [[ -n $(awk 'NR > 1 && $3 == "RUNNING"' <<<"$listing") ]] || break
        sleep 0.2
    done
    for t in $tasks; do ctr_k8s tasks delete "$t" >/dev/null 2>&1 || true; done
    for t in $(ctr_k8s containers ls -q 2>/dev/null || true); do
        ctr_k8s containers delete "$t" >/dev/null 2>&1 || true
    done
    [[ -z $tasks ]] || log "killed $(wc -w <<<"$tasks") pod containers"
}

# What containerd leaves: shims (they outlive it by design), processes in our cgroups, the
# cgroups themselves, the bridge and the host mount points created for the namespace.
clean_node() {
    local p
    for p in $(pgrep -f containerd-shim-runc-v2 2>/dev/null || true); do
        if tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "-address $CONTAINERD_SOCK "; then
            kill -KILL "$p" 2>/dev/null || true
            log "killed leftover shim pid $p"
        fi
    done
    if [[ -d /sys/fs/cgroup/pids$CGROUP_ROOT ]]; then
        for p in $(find "/sys/fs/cgroup/pids$CGROUP_ROOT" -name cgroup.procs -exec cat {} + 2>/dev/null | sort -u); do
            kill -KILL "$p" 2>/dev/null || true
            log "killed leftover pod process $p"
        done
    fi
    sleep 0.3
    local h
    for h in /sys/fs/cgroup/*/ /sys/fs/cgroup/; do
        if [[ -d ${h%/}$CGROUP_ROOT ]]; then
            find "${h%/}$CGROUP_ROOT" -depth -type d -exec rmdir {} + 2>/dev/null || true
        fi
    done
    if ip link show "$POD_BRIDGE" >/dev/null 2>&1; then
        ip link del "$POD_BRIDGE" && log "deleted bridge $POD_BRIDGE"
    fi
    if [[ -f $CLUSTER_DIR/host-dirs-created ]]; then
        while read -r d; do rmdir "$d" 2>/dev/null || true; done <"$CLUSTER_DIR/host-dirs-created"
        rm -f "$CLUSTER_DIR/host-dirs-created"
    fi
    rm -f "$CONTAINERD_SOCK" "$CONTAINERD_SOCK.ttrpc"
}
