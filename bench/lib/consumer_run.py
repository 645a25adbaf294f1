"""One measured run of Batchline: one consumer, or several in one group, on a backlog.

Each run has a fresh consumer group and a new, empty table. The clock runs from the first
consumer's readiness (JVM start left out; joining the group, and for several consumers the
later ones' start and the rebalance, left in) to the first moment the table holds all N ids.
"""

import os
import subprocess
import time

import stages
from common import (DATABASE, BenchError, machine_busy_share, machine_cpu, parts_written,
                    recreate_table, say, servers_cpu, wait_rows)
from consumer import Consumer, http_port, metric_sum
from modes import count_inserts, per_million, server_costs, verify
from plan import workload


def consumer_mode(ctx, mode, topic, events, jfr_path=None):
    """Runs `mode` (see plan.py; `consumers`, default 1) on `topic`.

    With `jfr_path`, a Flight Recording of the (single) consumer covers the measured window from
    the moment it has written JFR_WARM_UP_SHARE of the events to the last row; `recorded` holds
    that window's own figures."""
    key, label, settings = mode["key"], mode["label"], mode["settings"]
    shape = workload(mode)
    table = f"bench_{key}"
    recreate_table(ctx.ch, f"{DATABASE}.{table}", shape.table_sql)
    group = f"bench-{ctx.run_id}-{key}"
    consumers = [Consumer(f"{label} #{i + 1}" if mode.get("consumers", 1) > 1 else label, topic,
                          group, table, settings,
                          os.path.join(ctx.work, f"consumer-{key}-{i + 1}.log"),
                          http_port=http_port(i))
                 for i in range(mode.get("consumers", 1))]
    say(f"{label}: starting {len(consumers)} consumer(s) "
        f"({' '.join(f'{k}={v}' for k, v in settings.items())})")
    try:
        for c in consumers:
            c.launch()
        for c in consumers:
            c.wait_ready()
        start = min(consumers, key=lambda c: c.ready_at)
        servers_before, machine_before = servers_cpu(ctx.pids), machine_cpu()
        if jfr_path:
            recording = start_recording(ctx, consumers[0], events, f"{DATABASE}.{table}", shape)
        done_at = wait_rows(ctx.ch, events, label, alive=lambda: all(c.alive() for c in consumers),
                            table=f"{DATABASE}.{table}", id_column=shape.id_column)
        seconds = done_at - start.ready_at
        finals = [measure(c, seconds, events) for c in consumers]
        servers_after, machine_after = servers_cpu(ctx.pids), machine_cpu()
        if jfr_path:
            recorded = recorded_window(consumers[0], recording, done_at, events)
            jcmd(consumers[0], "JFR.dump", "name=bench", f"filename={jfr_path}")
    finally:
        codes = [c.stop() for c in consumers]
    for final, code in zip(finals, codes):
        final["exit_code"] = code
    result = {
        "key": key, "label": label, "kind": "consumer", "events": events, "seconds": seconds,
        "events_per_s": events / seconds, "settings": settings, "workload": shape.key,
        "consumers": finals,
        "startup_s": max(c.ready_at - c.launched_at for c in consumers),
        "second_ready_after_s": max(c.ready_at for c in consumers) - start.ready_at,
        "cpu_per_m": per_million(sum(f["cpu_s"] for f in finals), events),
        "peak_rss_mb": max(f["peak_rss_mb"] for f in finals),
        "machine_busy": machine_busy_share(machine_before, machine_after),
        "exit_code": next((code for code in codes if code != 0), 0),
    }
    if jfr_path:
        result["recorded"] = recorded
    if len(finals) == 1:  # the single consumer's stage shares, flush share and writer threads
        result.update({k: finals[0][k] for k in ("stages", "flush_share", "writers")})
    server_costs(result, servers_before, servers_after, events, seconds)
    result["inserts"] = count_inserts(ctx.ch, table, min(c.launched_at for c in consumers))
    result["parts"] = parts_written(ctx.ch, table)
    result["rows"], result["distinct"] = verify(ctx.ch, table, events, label, shape.id_column)
    say(f"{label}: {events:,} events in {seconds:.2f} s = {result['events_per_s']:,.0f} events/s, "
        f"{result['inserts']:,} INSERTs, consumer exit code(s) {' '.join(map(str, codes))}")
    return result


def measure(consumer, seconds, events):
    """One consumer's figures for the measured interval, taken before it is stopped."""
    cpu = consumer.cpu() - consumer.ready_cpu
    metrics = consumer.metrics()
    written = (metric_sum(metrics, "batchline_events_written_total")
               - metric_sum(consumer.ready_metrics, "batchline_events_written_total"))
    writers = consumer.insert_concurrency()
    flush = (metric_sum(metrics, "batchline_flush_duration_seconds_sum")
             - metric_sum(consumer.ready_metrics, "batchline_flush_duration_seconds_sum"))
    return {
        "label": consumer.label, "pid": consumer.process.pid, "log": consumer.log_path,
        "cpu_s": cpu, "cores": cpu / seconds if seconds else None,
        "cpu_per_m": per_million(cpu, events),
        "written": int(written), "cpu_per_m_own": per_million(cpu, written),
        "peak_rss_mb": consumer.peak_rss_mb(),
        "startup_s": consumer.ready_at - consumer.launched_at,
        "writers": writers,
        # Flushes run on the writer threads: summed over them, so it may exceed 1.
        "flush_share": flush / seconds if seconds else None,
        "stages": stages.shares(consumer.ready_metrics, metrics, seconds, writers),
    }


# A fresh JVM spends its first seconds compiling the hot paths: a recording from readiness
# described the JIT's warm-up more than the consumer (12.2 CPU s / M while recording against 7.3
# in the measured run). The recording starts once this share of the events is written.
JFR_WARM_UP_SHARE = 0.4


def start_recording(ctx, consumer, events, table, shape):
    warm = int(events * JFR_WARM_UP_SHARE)
    wait_rows(ctx.ch, warm, f"{consumer.label} (warm-up, not recorded)", alive=consumer.alive,
              table=table, id_column=shape.id_column, show_rate=False)
    rows = int(ctx.ch.value(f"SELECT count() FROM {table}"))
    jcmd(consumer, "JFR.start", "name=bench", "settings=profile", "method-profiling=max")
    say(f"{consumer.label}: recording from {rows:,} rows on")
    return {"at": time.time(), "rows": rows, "cpu": consumer.cpu(), "metrics": consumer.metrics()}


def recorded_window(consumer, recording, done_at, events):
    """The figures of the recorded window alone: events/s, CPU s / M events and stage shares."""
    seconds = done_at - recording["at"]
    written = events - recording["rows"]
    return {
        "events": written, "seconds": seconds, "events_per_s": written / seconds,
        "cpu_per_m": per_million(consumer.cpu() - recording["cpu"], written),
        "stages": stages.shares(recording["metrics"], consumer.metrics(), seconds,
                                consumer.insert_concurrency()),
    }


def jcmd(consumer, *args):
    result = subprocess.run(["jcmd", str(consumer.process.pid), *args], capture_output=True,
                            text=True)
    if result.returncode != 0:
        raise BenchError(f"jcmd {' '.join(args)} failed: {result.stdout[-400:]}{result.stderr}")
