"""Shared helpers for the benchmark: settings, progress lines, ClickHouse over HTTP, /proc."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEV_DIR = os.path.realpath(os.environ.get("BATCHLINE_DEV_DIR", os.path.join(ROOT, ".dev")))
KAFKA_PORT = int(os.environ.get("KAFKA_PORT", "9092"))
CH_HTTP_PORT = int(os.environ.get("CLICKHOUSE_HTTP_PORT", "8123"))
CH_TCP_PORT = int(os.environ.get("CLICKHOUSE_TCP_PORT", "9000"))
BOOTSTRAP = f"127.0.0.1:{KAFKA_PORT}"
CH_URL = f"http://127.0.0.1:{CH_HTTP_PORT}"
KAFKA_LIBS = os.path.join(DEV_DIR, "kafka", "libs")
CONSUMER_JAR = os.path.join(ROOT, "consumer", "target", "quarkus-app", "quarkus-run.jar")
TESTKIT_JAR = os.path.join(ROOT, "testkit", "target", "batchline-testkit.jar")
DATABASE = "batchline"
TABLE = "bench_events"
FQ_TABLE = f"{DATABASE}.{TABLE}"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def say(message):
    print(f"[bench] {message}", flush=True)


class BenchError(Exception):
    pass


class ClickHouse:
    """A keep-alive HTTP connection, so polling costs the machine next to nothing."""

    def __init__(self, port=CH_HTTP_PORT):
        self.port = port
        self.conn = None

    def query(self, sql, body=None, timeout=300, settings=None):
        """`settings`: query-level settings, sent as URL parameters."""
        params = "?" + urllib.parse.urlencode(settings) if settings else ""
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
            try:
                if body is None:
                    self.conn.request("POST", "/" + params, body=sql.encode())
                else:
                    path = "/?query=" + urllib.parse.quote(sql)
                    self.conn.request("POST", path, body=body)
                response = self.conn.getresponse()
                data = response.read()
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
                continue
            if response.status != 200:
                raise BenchError(f"ClickHouse {response.status} for {sql[:120]}: {data[:400]!r}")
            return data.decode()
        return ""

    def value(self, sql):
        return self.query(sql + " FORMAT TabSeparated").strip()

    def row(self, sql):
        return self.value(sql).split("\t")

    def dump(self, sql, path):
        """Streams a query's output into a file."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        conn.request("POST", "/", body=sql.encode())
        response = conn.getresponse()
        if response.status != 200:
            raise BenchError(f"ClickHouse {response.status} for {sql}: {response.read()[:400]!r}")
        with open(path, "wb") as out:
            while chunk := response.read(1 << 20):
                out.write(chunk)
        conn.close()


DEFAULT_TABLE_SQL = "samples/clickhouse/events.sql"
CREATE_TABLE = re.compile(r"CREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?([\w.`]+)", re.IGNORECASE)


def table_sql(table=FQ_TABLE, source=DEFAULT_TABLE_SQL):
    """The first CREATE TABLE of a sample file (relative to the repository), renamed: every run
    of a workload writes the same table shape."""
    with open(os.path.join(ROOT, source)) as f:
        text = f.read()
    match = CREATE_TABLE.search(text)
    if not match:
        raise BenchError(f"{source} has no CREATE TABLE statement")
    end = text.find(";", match.end())
    statement = text[match.start():end if end >= 0 else len(text)].rstrip()
    return statement.replace(match.group(2), table, 1)


def recreate_table(ch, table=FQ_TABLE, source=DEFAULT_TABLE_SQL):
    """A new, empty table: its block counter starts at 1, so it also counts the parts written."""
    ch.query(f"CREATE DATABASE IF NOT EXISTS {DATABASE}")
    remove_table(ch, table)
    # ClickHouse 18.x creates LowCardinality columns only with this setting; later versions
    # know the setting and ignore it.
    ch.query(table_sql(table, source), settings={"allow_experimental_low_cardinality_type": 1})


def set_aside(ch, table):
    """Detaches a measured table instead of dropping it, so that its files are deleted only at the
    end of the run (`remove_table`). ClickHouse's data here is on ext4 without a journal, where
    creating a file skips inodes deleted in the last 1 to 5 minutes by reading each one's
    inode-table block: after dropping the rollback table (20,000 parts of about 26 files each),
    `perf` put 70% of ClickHouse's CPU in that search (`recently_deleted`, `find_inode_bit`), and
    one-row inserts took 25 ms instead of 3 for minutes. Detached, the table is not merged either.
    """
    ch.query(f"DETACH TABLE IF EXISTS {table}")


def remove_table(ch, table):
    """Drops a table, attaching it first if it was set aside (by this run or one that failed)."""
    try:
        ch.query(f"ATTACH TABLE {table}")
    except BenchError as e:
        if "already exists" not in str(e) and "no metadata file" not in str(e):
            raise
    ch.query(f"DROP TABLE IF EXISTS {table}")


def parts_written(ch, table=TABLE):
    value = ch.value(
        "SELECT max(max_block_number) FROM system.parts "
        f"WHERE database = '{DATABASE}' AND table = '{table}'")
    return int(value or 0)


def proc_cpu_seconds(pid):
    """utime + stime of a process, in seconds, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def proc_status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def pid_from_file(path):
    try:
        with open(path) as f:
            pid = int(f.read().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def server_pids():
    """The ClickHouse server and Kafka broker of this dev dir, when it started them."""
    return {
        "clickhouse": pid_from_file(os.path.join(DEV_DIR, "clickhouse", "clickhouse.pid")),
        "kafka": pid_from_file(os.path.join(DEV_DIR, "kafka", "kafka.pid")),
    }


def servers_cpu(pids):
    result = {}
    for name, pid in pids.items():
        try:
            result[name] = proc_cpu_seconds(pid) if pid else None
        except OSError:
            result[name] = None
    return result


def cpu_delta(before, after):
    return {k: (after[k] - before[k]) if before.get(k) is not None and after.get(k) is not None
            else None for k in before}


def port_free(port):
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) != 0


def kafka_tool(args, **kwargs):
    """Runs a class from the Kafka jars that dev/stack downloaded."""
    cmd = ["java", "-Xmx256m", "-Dlog4j2.configurationFile="
           + os.path.join(ROOT, "dev", "kafka", "tools-log4j2.xml"),
           "-cp", os.path.join(KAFKA_LIBS, "*")] + args
    return subprocess.run(cmd, text=True, capture_output=True, **kwargs)


def create_topic(name, partitions):
    result = kafka_tool(["org.apache.kafka.tools.TopicCommand", "--bootstrap-server", BOOTSTRAP,
                         "--create", "--if-not-exists", "--topic", name,
                         "--partitions", str(partitions), "--replication-factor", "1"])
    if result.returncode != 0:
        raise BenchError(f"could not create topic {name}: {result.stderr[-800:]}")


def delete_topics(pattern):
    kafka_tool(["org.apache.kafka.tools.TopicCommand", "--bootstrap-server", BOOTSTRAP,
                "--delete", "--if-exists", "--topic", pattern])


def produce(topic, count, run_id, customers, rate=0, timestamps="fixed", prefix="produce",
            event_bytes=300, extra_args=()):
    """The testkit's producer; its progress lines are passed through. The serial collector:
    in a latency run the producer shares the cores with the pipeline, and at 43,539 events/s it
    took 9.4 CPU s per million events with it against 10.7 with the default (2026-12-07)."""
    cmd = ["java", "-Xmx512m", "-XX:+UseSerialGC", "-jar", TESTKIT_JAR, "produce",
           "--topic", topic, "--count", str(count), "--customers", str(customers),
           "--run-id", run_id, "--rate", str(rate), "--bootstrap", BOOTSTRAP,
           "--event-bytes", str(event_bytes), "--timestamps", timestamps, *extra_args]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True), prefix


def finish_produce(handle, quiet=False):
    process, prefix = handle
    lines = []
    for line in process.stdout:
        lines.append(line.rstrip())
        if not quiet:
            say(f"{prefix}: {line.rstrip()}")
    if process.wait() != 0:
        raise BenchError(f"producer failed: {' | '.join(lines[-5:])}")


def wait_rows(ch, expected, label, deadline_idle=120, poll=0.1, alive=None, table=FQ_TABLE,
              show_rate=True, settle=None, id_column="id"):
    """Polls until the table holds `expected` distinct ids; returns the time it first did.

    With `settle` (seconds), a table that stops growing short of that (the Kafka engine can
    lose events) is accepted after `settle` idle seconds: returns the time of its last new row.
    """
    last_count, last_change, last_change_wall, last_print = -1, time.monotonic(), None, 0.0
    started = time.monotonic()
    while True:
        count = int(ch.value(f"SELECT count() FROM {table}"))
        now = time.monotonic()
        if count != last_count:
            last_count, last_change, last_change_wall = count, now, time.time()
        if count >= expected:
            seen_at = time.time()
            if int(ch.value(f"SELECT uniqExact({id_column}) FROM {table}")) >= expected:
                return seen_at
            time.sleep(1)  # duplicates: ids are still missing; uniqExact is not free
        idle = now - last_change
        if settle is not None and count > 0 and idle > settle:
            say(f"{label}: no new rows for {settle} s; accepting {count:,} rows")
            return last_change_wall
        if idle > deadline_idle:
            raise BenchError(f"{label}: no new rows for {deadline_idle} s at {count:,} / "
                             f"{expected:,}")
        if alive is not None and not alive():
            raise BenchError(f"{label}: the process exited at {count:,} / {expected:,} rows")
        if now - last_print >= 3:
            last_print = now
            rate = count / max(1e-9, now - started)
            say(f"{label}: {count:,} / {expected:,} rows visible" +
                (f" ({rate:,.0f} rows/s so far)" if show_rate and count else ""))
        time.sleep(poll)


def machine_facts():
    def first(path, prefix):
        with open(path) as f:
            for line in f:
                if line.startswith(prefix):
                    return line.split(":", 1)[1].strip()
        return "?"

    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    return {
        "host": socket.gethostname(),
        "nproc": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)),
        "memory_gib": round(int(first("/proc/meminfo", "MemTotal").split()[0]) / 1048576, 1),
        "cpu_model": first("/proc/cpuinfo", "model name"),
        "kernel": os.uname().release,
        "java": java.splitlines()[0] if java else "?",
        "python": sys.version.split()[0],
    }


def machine_cpu():
    """(busy, total) jiffies of all CPUs from /proc/stat; idle and iowait count as not busy."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    total = sum(values[:8])  # guest time is already in user and nice
    return total - values[3] - values[4], total


def machine_busy_share(before, after):
    total = after[1] - before[1]
    return (after[0] - before[0]) / total if total > 0 else None


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])
