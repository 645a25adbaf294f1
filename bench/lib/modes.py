"""The reference modes (ClickHouse's Kafka engine, raw insert, raw Kafka read) and the helpers
every measurement shares. Batchline's own runs are in consumer_run.py."""

import os
import re
import subprocess
import time

from common import (BOOTSTRAP, CH_TCP_PORT, DATABASE, KAFKA_LIBS, ROOT, BenchError, cpu_delta,
                    parts_written, recreate_table, say, servers_cpu, wait_rows)
from consumer import POD_JVM_OPTIONS

KAFKA_QUEUE = f"{DATABASE}.bench_kafka_queue"
KAFKA_MV = f"{DATABASE}.bench_kafka_mv"
# Four times stream_flush_interval_ms: the Kafka engine's last rows arrive by then, or never.
KAFKA_ENGINE_SETTLE_S = 30


def per_million(seconds, events):
    return None if seconds is None or not events else seconds / events * 1e6


def count_inserts(ch, table, since):
    ch.query("SYSTEM FLUSH LOGS")
    return int(ch.value(
        "SELECT count() FROM system.query_log WHERE type = 2 "
        f"AND event_time >= toDateTime({int(since) - 1}) "
        f"AND query LIKE 'INSERT INTO {DATABASE}.{table} %'"))


def verify(ch, table, expected, label, id_column="id"):
    rows, distinct = (int(v) for v in ch.row(
        f"SELECT count(), uniqExact({id_column}) FROM {DATABASE}.{table}"))
    say(f"{label}: {distinct:,} distinct ids, {rows:,} rows (expected {expected:,})")
    return rows, distinct


def server_costs(result, before, after, events, seconds=None):
    """CPU seconds per million events of the stack's servers; with `seconds`, also the cores
    they kept busy on average."""
    delta = cpu_delta(before, after)
    result["clickhouse_cpu_per_m"] = per_million(delta["clickhouse"], events)
    result["kafka_cpu_per_m"] = per_million(delta["kafka"], events)
    if seconds:
        result["server_cores"] = {name: None if cpu is None else cpu / seconds
                                  for name, cpu in delta.items()}


def kafka_engine_sql(topic, group, consumers, table):
    columns = ", ".join(
        f"visitParamExtractString(raw, '{c}') AS {c}"
        for c in ("id", "tenant_id", "environment_id", "external_customer_id", "customer_id",
                  "event_name", "source"))
    # 18.16's JSONEachRow cannot read the `properties` object into a String column, so the
    # queue reads each message as one raw line and the view extracts the fields.
    queue = (f"CREATE TABLE {KAFKA_QUEUE} (raw String) ENGINE = Kafka SETTINGS "
             f"kafka_broker_list = '{BOOTSTRAP}', kafka_topic_list = '{topic}', "
             f"kafka_group_name = '{group}', kafka_format = 'TabSeparated', "
             f"kafka_row_delimiter = '\\n', kafka_num_consumers = {consumers}")
    view = (f"CREATE MATERIALIZED VIEW {KAFKA_MV} TO {DATABASE}.{table} AS SELECT {columns}, "
            "toDateTime(intDiv(visitParamExtractUInt(raw, 'timestamp'), 1000)) AS timestamp, "
            "visitParamExtractRaw(raw, 'properties') AS properties, now() AS ingested_at "
            f"FROM {KAFKA_QUEUE}")
    return queue, view


def drop_kafka_engine(ch):
    """Must run while the broker is up: a Kafka table whose broker is gone can hang DROP."""
    ch.query(f"DROP TABLE IF EXISTS {KAFKA_MV}")
    ch.query(f"DROP TABLE IF EXISTS {KAFKA_QUEUE}")


def start_kafka_engine(ctx, topic, group, table):
    drop_kafka_engine(ctx.ch)
    for sql in kafka_engine_sql(topic, group, ctx.partitions, table):
        ctx.ch.query(sql)


def kafka_engine(ctx, topic, events):
    ch, key, label = ctx.ch, "kafka_engine", "Kafka engine"
    table = f"bench_{key}"
    recreate_table(ch, f"{DATABASE}.{table}")
    say(f"{label}: Kafka table (kafka_num_consumers={ctx.partitions}) + materialized view")
    before = servers_cpu(ctx.pids)
    started = time.time()
    try:
        start_kafka_engine(ctx, topic, f"bench-{ctx.run_id}-{key}", table)
        done_at = wait_rows(ch, events, label, table=f"{DATABASE}.{table}",
                            settle=KAFKA_ENGINE_SETTLE_S)
        after = servers_cpu(ctx.pids)
    finally:
        drop_kafka_engine(ch)
    seconds = done_at - started
    result = {"key": key, "label": label, "kind": "kafka-engine", "events": events,
              "seconds": seconds, "inserts": 0}
    server_costs(result, before, after, events)
    result["parts"] = parts_written(ch, table)
    result["rows"], result["distinct"] = verify(ch, table, events, label)
    # When events were lost, the rate is what became visible, up to the last new row.
    result["events_per_s"] = result["distinct"] / seconds
    say(f"{label}: {events:,} events in {seconds:.2f} s = {result['events_per_s']:,.0f} rows/s")
    return result


def timed_child(cmd, stdin_path=None):
    """Runs a command; returns (wall s, CPU s, peak RSS MB, output) from wait4's rusage."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    started = time.time()
    process = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    output = process.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.time() - started
    if stdin_path:
        stdin.close()
    if process.returncode != 0:
        raise BenchError(f"{cmd[0]} failed ({process.returncode}): {output[-800:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output


def raw_insert(ctx, fmt, source_table, events):
    """clickhouse-client inserts the same rows from a file in one INSERT."""
    ch, key = ctx.ch, f"raw_{fmt.lower()}"
    label = f"raw insert ({fmt})"
    path = os.path.join(ctx.work, f"rows.{fmt.lower()}")
    columns = "id, tenant_id, environment_id, external_customer_id, customer_id, event_name, " \
              "source, timestamp, properties, ingested_at"
    ch.dump(f"SELECT {columns} FROM {DATABASE}.{source_table} FORMAT {fmt}", path)
    size_mb = os.path.getsize(path) / 1e6
    table = f"bench_{key}"
    recreate_table(ch, f"{DATABASE}.{table}")
    say(f"{label}: clickhouse-client, {events:,} rows from a {size_mb:.0f} MB file")
    before = servers_cpu(ctx.pids)
    started = time.time()
    wall, cpu, rss, _ = timed_child(
        ["clickhouse-client", "--host", "127.0.0.1", "--port", str(CH_TCP_PORT),
         "--query", f"INSERT INTO {DATABASE}.{table} ({columns}) FORMAT {fmt}"], path)
    after = servers_cpu(ctx.pids)
    os.remove(path)
    result = {"key": key, "label": label, "kind": "raw-insert", "events": events,
              "seconds": wall, "events_per_s": events / wall, "cpu_per_m": per_million(cpu, events),
              "peak_rss_mb": rss, "file_mb": size_mb}
    server_costs(result, before, after, events)
    result["inserts"] = count_inserts(ch, table, started)
    result["parts"] = parts_written(ch, table)
    result["rows"], result["distinct"] = verify(ch, table, events, label)
    say(f"{label}: {result['events_per_s']:,.0f} rows/s")
    return result


def consumer_performance(ctx, topic, events):
    """Kafka's own ConsumerPerformance: how fast this broker hands out the same records."""
    label = "Kafka ConsumerPerformance"
    say(f"{label}: reading {events:,} records")
    before = servers_cpu(ctx.pids)
    # With the consumer's heap and collector, so the CPU bound compares code rather than JVM
    # settings.
    wall, cpu, rss, output = timed_child(
        ["java", *POD_JVM_OPTIONS, "-Dlog4j2.configurationFile="
         + os.path.join(ROOT, "dev", "kafka", "tools-log4j2.xml"),
         "-cp", os.path.join(KAFKA_LIBS, "*"), "org.apache.kafka.tools.ConsumerPerformance",
         "--bootstrap-server", BOOTSTRAP, "--topic", topic, "--num-records", str(events),
         "--group", f"bench-{ctx.run_id}-consumer-perf", "--timeout", "120000"])
    after = servers_cpu(ctx.pids)
    header = "data.consumed.in.nMsg"
    lines = [line for line in output.splitlines() if re.match(r"^\d{4}-\d\d-\d\d", line)]
    if not lines or header not in output:
        raise BenchError(f"{label}: unexpected output: {output[-800:]}")
    names = [h.strip() for h in output[output.index("start.time"):].splitlines()[0].split(",")]
    values = dict(zip(names, (v.strip() for v in lines[-1].split(","))))
    consumed = int(values["data.consumed.in.nMsg"])
    result = {"key": "consumer_perf", "label": label, "kind": "kafka-read", "events": consumed,
              "seconds": consumed / float(values["nMsg.sec"]),
              "events_per_s": float(values["nMsg.sec"]),
              "fetch_events_per_s": float(values["fetch.nMsg.sec"]), "process_seconds": wall,
              "cpu_per_m": per_million(cpu, consumed), "peak_rss_mb": rss,
              "rows": consumed, "distinct": consumed}
    server_costs(result, before, after, consumed)
    say(f"{label}: {consumed:,} records, {result['events_per_s']:,.0f} records/s "
        f"(fetch only: {result['fetch_events_per_s']:,.0f})")
    return result
