"""The Batchline consumer as a measured process, and its Prometheus metrics."""

import json
import math
import os
import re
import signal
import subprocess
import time
import urllib.request

from common import (BOOTSTRAP, CH_URL, CONSUMER_JAR, DATABASE, ROOT, BenchError, port_free,
                    proc_cpu_seconds, proc_status_kb, say)

CONTAINERFILE = os.path.join(ROOT, "consumer", "src", "main", "docker", "Containerfile")


HEAP_MB = 256
# The image's heap share of the memory limit, replaced here by HEAP_MB.
HEAP_SHARE = "-XX:MaxRAMPercentage="


def image_launch():
    """The JVM options and malloc settings of the consumer image's ENTRYPOINT and ENV, so the
    benchmark runs the consumer as a pod does.

    The heap is HEAP_MB instead of the image's share of the memory limit, and -XX:MaxRAM stands
    in for the limit of a pod that gets that heap: the JVM sizes its initial heap from it (1/64),
    as in the pod, not from this machine's memory, which would start the heap at its maximum.
    """
    text = open(CONTAINERFILE).read().replace("\\\n", " ")
    entrypoint = json.loads(re.search(r"^ENTRYPOINT\s+(\[.*\])", text, re.M).group(1))
    image_options = [o for o in entrypoint[1:entrypoint.index("-jar")] if o.startswith("-XX:")]
    shares = [float(o[len(HEAP_SHARE):]) for o in image_options if o.startswith(HEAP_SHARE)]
    if not shares:
        raise BenchError(f"{CONTAINERFILE}: the ENTRYPOINT has no {HEAP_SHARE}...")
    pod_limit_mb = math.ceil(HEAP_MB * 100 / shares[0])
    options = [f"-Xmx{HEAP_MB}m", f"-XX:MaxRAM={pod_limit_mb}m",
               *(o for o in image_options if not o.startswith(HEAP_SHARE))]
    env = dict(re.findall(r"\b(MALLOC_[A-Z_]+)=(\S+)", text))
    return options, env


POD_JVM_OPTIONS, IMAGE_ENV = image_launch()
CONSUMER_JVM = os.environ.get("BENCH_CONSUMER_JVM_OPTS", " ".join(POD_JVM_OPTIONS)).split()
HTTP_PORT = int(os.environ.get("BENCH_HTTP_PORT", "18080"))
# The second and further consumers of a scale-out run: BENCH_HTTP_PORT_2, its next port, ...
EXTRA_HTTP_PORT = int(os.environ.get("BENCH_HTTP_PORT_2", str(HTTP_PORT + 1)))
# Inherited settings would change what is measured.
CLEARED_PREFIXES = ("EVENT_PROCESSING_", "FLEXPRICE_EVENT_PROCESSING_", "KAFKA_PROPERTIES_",
                    "CLICKHOUSE_", "QUARKUS_", "KAFKA_BOOTSTRAP_SERVERS", "JAVA_TOOL_OPTIONS")


def http_port(index):
    """The metrics port of the index-th (0-based) consumer running at once."""
    return HTTP_PORT if index == 0 else EXTRA_HTTP_PORT + index - 1


class Consumer:
    def __init__(self, label, topic, group, table, settings, log_path, jvm_extra=(),
                 http_port=HTTP_PORT):
        self.label = label
        self.log_path = log_path
        self.http_port = http_port
        env = {k: v for k, v in os.environ.items() if not k.startswith(CLEARED_PREFIXES)}
        env.update(IMAGE_ENV)
        env.update({
            "KAFKA_BOOTSTRAP_SERVERS": BOOTSTRAP,
            "EVENT_PROCESSING_TOPIC": topic,
            "EVENT_PROCESSING_CONSUMER_GROUP": group,
            "CLICKHOUSE_URL": CH_URL,
            "CLICKHOUSE_DATABASE": DATABASE,
            "CLICKHOUSE_TABLE": table,
            "QUARKUS_HTTP_PORT": str(http_port),
        })
        env.update(settings)
        self.env = env
        self.cmd = ["java", *CONSUMER_JVM, *jvm_extra, "-jar", CONSUMER_JAR]
        self.process = None
        self.launched_at = None
        self.ready_at = None
        self.ready_cpu = None
        self.ready_metrics = {}

    def start(self):
        self.launch()
        self.wait_ready()

    def launch(self):
        if not port_free(self.http_port):
            raise BenchError(f"port {self.http_port} is taken (another consumer?); set "
                             "BENCH_HTTP_PORT (BENCH_HTTP_PORT_2 for further consumers)")
        self.log = open(self.log_path, "w")
        self.launched_at = time.time()
        self.process = subprocess.Popen(self.cmd, env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self):
        """Returns once /q/health/ready answers 200; notes the time, CPU and metrics then."""
        deadline = time.monotonic() + 90
        while not self._ready():
            if self.process.poll() is not None:
                raise BenchError(f"{self.label}: the consumer exited with {self.process.returncode};"
                                 f" see {self.log_path}:\n{self.tail()}")
            if time.monotonic() > deadline:
                raise BenchError(f"{self.label}: the consumer was not ready after 90 s")
            time.sleep(0.05)
        self.ready_at = time.time()
        self.ready_cpu = self.cpu()
        self.ready_metrics = self.metrics()
        say(f"{self.label}: consumer ready in {self.ready_at - self.launched_at:.1f} s "
            f"(pid {self.process.pid}, log {self.log_path})")

    def _ready(self):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.http_port}/q/health/ready",
                                        timeout=1) as response:
                return response.status == 200
        except OSError:
            return False

    def alive(self):
        return self.process.poll() is None

    def cpu(self):
        return proc_cpu_seconds(self.process.pid)

    def peak_rss_mb(self):
        return proc_status_kb(self.process.pid, "VmHWM") / 1024

    def wait_assigned(self, timeout=60):
        """Waits for the log line of the first partition assignment."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(self.log_path, errors="replace") as f:
                if "partitions assigned" in f.read():
                    return
            time.sleep(0.1)
        raise BenchError(f"{self.label}: no partitions assigned after {timeout} s")

    def metrics(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.http_port}/q/metrics",
                                    timeout=10) as r:
            return parse_metrics(r.read().decode())

    def insert_concurrency(self):
        """The writer threads the consumer started with, from its start-up log line."""
        with open(self.log_path, errors="replace") as f:
            match = re.search(r"insert_concurrency=(\d+)", f.read())
        return int(match.group(1)) if match else None

    def stop(self):
        """SIGTERM: the consumer drains, commits and exits 0."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=45)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
            say(f"{self.label}: the consumer did not exit 45 s after SIGTERM; killed")
        self.log.close()
        return code

    def tail(self, lines=15):
        with open(self.log_path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])


LINE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)')


def parse_metrics(text):
    """Prometheus text format into {(name, labels): value}."""
    result = {}
    for line in text.splitlines():
        match = LINE.match(line)
        if match:
            result[(match.group(1), match.group(2) or "")] = float(match.group(3))
    return result


def metric_sum(metrics, name):
    return sum(v for (n, _), v in metrics.items() if n == name)


def metric_by_label(metrics, name, label):
    """{label value: value} of one metric, e.g. the stages of batchline_stage_busy_seconds_total."""
    pattern = re.compile(label + r'="([^"]*)"')
    result = {}
    for (n, labels), value in metrics.items():
        match = n == name and pattern.search(labels)
        if match:
            result[match.group(1)] = value
    return result


def histogram(metrics, name="batchline_end_to_end_latency_seconds"):
    """Cumulative buckets [(upper bound in s, count)], sorted."""
    buckets = []
    for (n, labels), value in metrics.items():
        if n == name + "_bucket":
            le = re.search(r'le="([^"]+)"', labels).group(1)
            buckets.append((float("inf") if le == "+Inf" else float(le), value))
    return sorted(buckets)


def histogram_delta(after, before):
    old = dict(before)
    return [(le, count - old.get(le, 0.0)) for le, count in after]


def quantile(buckets, q):
    """The q-quantile of cumulative buckets, interpolated linearly inside its bucket."""
    total = buckets[-1][1] if buckets else 0
    if total <= 0:
        return None
    rank = q * total
    lower_bound, lower_count = 0.0, 0.0
    for le, count in buckets:
        if count >= rank:
            if le == float("inf"):
                return lower_bound
            span = count - lower_count
            fraction = (rank - lower_count) / span if span > 0 else 1.0
            return lower_bound + (le - lower_bound) * fraction
        lower_bound, lower_count = le, count
    return lower_bound
