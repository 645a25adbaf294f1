"""Runs every benchmark mode in turn and writes results JSON, the Markdown report and the chart.

Called by bench/run, which builds the jars, starts the stack and prepares Python first.
"""

import argparse
import datetime
import json
import os
import socket
import subprocess
import sys
import time
import types

import latency
import modes
import report
from common import (DATABASE, ROOT, BenchError, ClickHouse, create_topic, delete_topics,
                    finish_produce, load_average, machine_facts, produce, say, server_pids)

CONSUMER_MODES = [
    {"key": "rollback", "label": "rollback (1 / 0 s)",
     "settings": {"EVENT_PROCESSING_BATCH_SIZE": "1", "EVENT_PROCESSING_BATCH_FLUSH_SECONDS": "0"},
     "flush_s": 0},
    {"key": "balanced", "label": "balanced (200 / 5 s)",
     "settings": {"EVENT_PROCESSING_PRESET": "balanced"}, "flush_s": 5},
    {"key": "high_throughput", "label": "high-throughput (500 / 10 s)",
     "settings": {"EVENT_PROCESSING_PRESET": "high-throughput"}, "flush_s": 10},
    {"key": "large_batch", "label": "large batch (10,000 / 1 s)",
     "settings": {"EVENT_PROCESSING_BATCH_SIZE": "10000",
                  "EVENT_PROCESSING_BATCH_FLUSH_SECONDS": "1"}, "flush_s": 1},
]


def parse_args(argv):
    p = argparse.ArgumentParser(prog="bench/run", description=__doc__)
    p.add_argument("--smoke", action="store_true",
                   help="small and quick: N=20,000, rollback 2,000, 6 s latency runs; checks ids")
    p.add_argument("--events", type=int, help="N events (default 1,000,000; smoke 20,000)")
    p.add_argument("--partitions", type=int, default=4)
    p.add_argument("--customers", type=int, default=1000)
    p.add_argument("--event-bytes", type=int, default=300)
    p.add_argument("--rollback-events", type=int, help="rollback cap (20,000; smoke 2,000)")
    p.add_argument("--latency-seconds", type=int, help="producing time of each latency run (25)")
    p.add_argument("--latency-load", type=float, default=0.5, help="fraction of capacity (0.5)")
    p.add_argument("--profile", choices=["auto", "yes", "no"], default="auto",
                   help="JFR pass of the large-batch mode: auto = when a target is missed "
                        "(never in smoke runs)")
    p.add_argument("--out", help="report folder (bench/results; smoke: bench/results/tmp/smoke)")
    a = p.parse_args(argv)
    a.events = a.events or (20_000 if a.smoke else 1_000_000)
    a.rollback_events = min(a.events, a.rollback_events or (2_000 if a.smoke else 20_000))
    a.latency_seconds = a.latency_seconds or (6 if a.smoke else 25)
    results = os.path.join(ROOT, "bench", "results")
    a.out = a.out or (os.path.join(results, "tmp", "smoke") if a.smoke else results)
    return a


def make_context(a):
    run_id = "b" + datetime.datetime.now().strftime("%m%d%H%M%S")
    work = os.path.join(ROOT, "bench", "results", "tmp", run_id)
    os.makedirs(work, exist_ok=True)
    pids = server_pids()
    return types.SimpleNamespace(
        run_id=run_id, work=work, ch=ClickHouse(), pids=pids, partitions=a.partitions,
        customers=a.customers, event_bytes=a.event_bytes, latency_load=a.latency_load,
        latency_seconds=a.latency_seconds, warmup_seconds=2 if a.smoke else 5)


def produce_workload(ctx, a):
    topic, rollback_topic = f"bench-{ctx.run_id}", f"bench-{ctx.run_id}-rollback"
    for name in (topic, rollback_topic):
        create_topic(name, ctx.partitions)
    started = time.time()
    say(f"producing {a.events:,} events ({a.event_bytes} bytes, {a.customers:,} customers, "
        f"3 event names) into {topic} ({ctx.partitions} partitions); not measured")
    finish_produce(produce(topic, a.events, ctx.run_id, a.customers, event_bytes=a.event_bytes))
    produced_s = time.time() - started
    say(f"producing the first {a.rollback_events:,} of them again into {rollback_topic}")
    finish_produce(produce(rollback_topic, a.rollback_events, ctx.run_id, a.customers,
                           event_bytes=a.event_bytes), quiet=True)
    return topic, rollback_topic, produced_s


def run(a):
    ctx = make_context(a)
    started = time.time()
    results = {"args": vars(a), "run_id": ctx.run_id, "machine": machine_facts(),
               "load_before": load_average(), "modes": [], "latency": {},
               "started": datetime.datetime.now().astimezone().isoformat(timespec="seconds")}
    results["clickhouse_version"] = ctx.ch.value("SELECT version()")
    results["kafka_version"] = kafka_version()
    results["git"] = git_describe()
    if not ctx.pids["clickhouse"] or not ctx.pids["kafka"]:
        say("warning: the stack was not started from this dev dir; server CPU is not measured")
    say(f"run {ctx.run_id}: N={a.events:,}, P={a.partitions}, load average {results['load_before']}")
    try:
        topic, rollback_topic, produced_s = produce_workload(ctx, a)
        results["produce_events_per_s"] = a.events / produced_s
        for mode in CONSUMER_MODES:
            source, count = ((rollback_topic, a.rollback_events) if mode["key"] == "rollback"
                             else (topic, a.events))
            results["modes"].append(modes.consumer_mode(ctx, mode["key"], mode["label"],
                                                        mode["settings"], source, count))
        results["modes"].append(modes.kafka_engine(ctx, topic, a.events))
        for fmt in ("RowBinary", "JSONEachRow"):
            results["modes"].append(modes.raw_insert(ctx, fmt, "bench_large_batch", a.events))
        results["modes"].append(modes.consumer_performance(ctx, topic, a.events))
        by_key = {m["key"]: m for m in results["modes"]}
        for mode in CONSUMER_MODES:
            results["latency"][mode["key"]] = latency.consumer_latency(
                ctx, mode, by_key[mode["key"]]["events_per_s"])
        results["latency"]["kafka_engine"] = latency.kafka_engine_latency(
            ctx, by_key["kafka_engine"]["events_per_s"])
        targets = report.targets(results)
        wants_profile = a.profile == "yes" or (
            a.profile == "auto" and not a.smoke and not all(t["met"] for t in targets))
        if wants_profile:
            results["profile"] = run_profile(ctx, topic, a.events)
    finally:
        cleanup(ctx)
    results["load_after"] = load_average()
    results["wall_seconds"] = time.time() - started
    return ctx, results


def run_profile(ctx, topic, events):
    import jfrsummary
    path = os.path.join(ctx.work, "large-batch.jfr")
    mode = CONSUMER_MODES[-1]
    say("profiling: the large-batch mode again with Java Flight Recorder (not a measured run)")
    result = modes.consumer_mode(ctx, "profile", "profile " + mode["label"], mode["settings"],
                                 topic, events, jfr_path=path)
    summary = jfrsummary.summarize(path)
    summary["events_per_s"] = result["events_per_s"]
    summary["flush_share"] = result["flush_share"]
    return summary


def cleanup(ctx):
    """Kafka-engine tables go first, while the broker is surely up; then tables and topics."""
    try:
        modes.drop_kafka_engine(ctx.ch)
        say("cleanup: dropping the bench tables and topics (the rollback table's parts, one "
            "per event, can take a minute to delete)")
        for name in ctx.ch.value(f"SELECT name FROM system.tables WHERE database = '{DATABASE}' "
                                 "AND name LIKE 'bench\\\\_%'").split():
            ctx.ch.query(f"DROP TABLE IF EXISTS {DATABASE}.{name}")
        delete_topics(f"bench-{ctx.run_id}.*")
    except Exception as e:  # cleanup must not hide the real error
        say(f"cleanup: {e}")


def kafka_version():
    from common import KAFKA_LIBS
    for name in sorted(os.listdir(KAFKA_LIBS)):
        if name.startswith("kafka-clients-"):
            return name[len("kafka-clients-"):-len(".jar")]
    return "?"


def git_describe():
    try:
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--", "consumer"],
                               capture_output=True, text=True).stdout.strip()
        return head + (" (consumer/ has local changes)" if dirty else "")
    except OSError:
        return "?"


def main(argv):
    a = parse_args(argv)
    try:
        ctx, results = run(a)
    except BenchError as e:
        say(f"ERROR: {e}")
        return 1
    stem = f"{datetime.date.today().isoformat()}-{socket.gethostname()}" + ("-smoke" if a.smoke else "")
    os.makedirs(a.out, exist_ok=True)
    paths = {ext: os.path.join(a.out, f"{stem}.{ext}") for ext in ("md", "png", "json")}
    with open(paths["json"], "w") as f:
        json.dump(results, f, indent=1)
    import chart
    chart.draw(results, paths["png"])
    report.write(results, paths["md"], os.path.basename(paths["png"]))
    say(f"report: {paths['md']}")
    say(f"chart:  {paths['png']}")
    say(f"data:   {paths['json']}")
    for note in report.delivery_notes(results):
        say(f"note: {note[2:]}")
    problems = report.id_problems(results)
    if a.smoke:
        for ext in ("md", "png"):
            if not os.path.getsize(paths[ext]):
                problems.append(f"{paths[ext]} is empty")
    for problem in problems:
        say(f"CHECK FAILED: {problem}")
    say(f"done in {results['wall_seconds']:.0f} s; " +
        ("every mode wrote exactly its N distinct ids" if not problems else "checks failed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
