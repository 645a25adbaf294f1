"""Runs every benchmark mode in turn and writes results JSON, the Markdown report and the chart.

Called by bench/run, which builds the jars, starts the stack and prepares Python first.
"""

import argparse
import contextlib
import datetime
import json
import os
import socket
import subprocess
import sys
import time
import types

import consumer_run
import latency
import modes
import report
import targets
from sections import SWEEP_STEP
from common import (DATABASE, ROOT, BenchError, ClickHouse, create_topic, delete_topics,
                    finish_produce, load_average, machine_facts, produce, remove_table, say,
                    server_pids, set_aside)
from plan import (CONSUMER_MODES, LARGE_BATCH_MODE, SHAPE_MODES, SWEEPS, scale_out_modes,
                  workload)


def parse_args(argv):
    p = argparse.ArgumentParser(prog="bench/run", description=__doc__)
    p.add_argument("--smoke", action="store_true",
                   help="small and quick: N=20,000, rollback 2,000, 6 s latency runs; checks ids")
    p.add_argument("--events", type=int, help="N events (default 1,000,000; smoke 20,000)")
    p.add_argument("--partitions", type=int, default=4)
    p.add_argument("--customers", type=int, default=1000)
    p.add_argument("--event-bytes", type=int, default=300)
    p.add_argument("--rollback-events", type=int, help="rollback cap (20,000; smoke 2,000)")
    p.add_argument("--latency-seconds", type=int, help="producing time of each latency run (30)")
    p.add_argument("--latency-warmup", type=int,
                   help="first seconds of each latency run reported apart from p50 and p99 (10)")
    p.add_argument("--latency-load", type=float, default=0.5, help="fraction of capacity (0.5)")
    p.add_argument("--scale-partitions", type=int, default=8,
                   help="partitions of the scale-out topic (8)")
    p.add_argument("--scale-consumers", type=int, default=2,
                   help="consumers in one group in the scale-out run (2; 0 skips scale-out)")
    p.add_argument("--sweep", action="store_true",
                   help="also the large-batch mode with insert concurrency 1 and 4, and without "
                        "LZ4 request compression")
    p.add_argument("--profile", choices=["auto", "yes", "no"], default="auto",
                   help="JFR pass of the large-batch mode: auto = when a target is missed "
                        "(never in smoke runs)")
    p.add_argument("--out", help="report folder (bench/results; smoke: bench/results/tmp/smoke)")
    a = p.parse_args(argv)
    a.events = a.events or (20_000 if a.smoke else 1_000_000)
    a.rollback_events = min(a.events, a.rollback_events or (2_000 if a.smoke else 20_000))
    a.latency_seconds = a.latency_seconds or (6 if a.smoke else 30)
    a.latency_warmup = a.latency_warmup or (2 if a.smoke else 10)
    if a.latency_warmup >= a.latency_seconds:
        p.error("--latency-warmup must be shorter than --latency-seconds")
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
        latency_seconds=a.latency_seconds, warmup_seconds=a.latency_warmup, set_aside=[])


@contextlib.contextmanager
def step(results, name):
    """Times one step of the run, for the report's run time table."""
    started = time.time()
    try:
        yield
    finally:
        results["steps"].append((name, time.time() - started))


def produce_topic(ctx, a, topic, partitions, count, shape=None, quiet=False):
    create_topic(topic, partitions)
    extra = shape.producer_args if shape else ()
    if not quiet:
        say(f"producing {count:,} events ({a.event_bytes} bytes, {a.customers:,} customers"
            f"{', ' + shape.key + ' workload' if shape else ''}) into {topic} ({partitions} "
            "partitions); not measured")
    started = time.time()
    finish_produce(produce(topic, count, ctx.run_id, a.customers, event_bytes=a.event_bytes,
                           extra_args=extra), quiet=quiet)
    return count / (time.time() - started)


def run_mode(ctx, results, mode, topic, events, into="modes"):
    with step(results, (SWEEP_STEP if into == "sweeps" else "") + mode["label"]):
        started = time.time()
        result = consumer_run.consumer_mode(ctx, mode, topic, events)
        result["step_s"] = time.time() - started
    results[into].append(result)
    if mode is not LARGE_BATCH_MODE:  # the raw inserts read their rows from its table
        set_aside_measured(ctx, results, f"bench_{mode['key']}")
    return result


def set_aside_measured(ctx, results, *tables):
    """Detaches tables once their figures are taken, so that ClickHouse neither merges their
    parts (20,000 of them after rollback mode) nor deletes their files while the next mode is
    measured (`common.set_aside`); `cleanup` drops them."""
    with step(results, "set aside " + ", ".join(tables)):
        for name in tables:
            table = f"{DATABASE}.{name}"
            set_aside(ctx.ch, table)
            ctx.set_aside.append(table)


def measure(ctx, a, results):
    topic, rollback_topic = f"bench-{ctx.run_id}", f"bench-{ctx.run_id}-rollback"
    with step(results, f"produce {a.events:,} events (+ {a.rollback_events:,} for rollback)"):
        results["produce_events_per_s"] = produce_topic(ctx, a, topic, ctx.partitions, a.events)
        say(f"producing the first {a.rollback_events:,} of them again into {rollback_topic}")
        produce_topic(ctx, a, rollback_topic, ctx.partitions, a.rollback_events, quiet=True)
    for mode in CONSUMER_MODES:
        source, count = ((rollback_topic, a.rollback_events) if mode["key"] == "rollback"
                         else (topic, a.events))
        run_mode(ctx, results, mode, source, count)
    with step(results, "Kafka engine"):
        results["modes"].append(modes.kafka_engine(ctx, topic, a.events))
    set_aside_measured(ctx, results, "bench_kafka_engine")
    with step(results, "raw inserts (RowBinary, JSONEachRow)"):
        for fmt in ("RowBinary", "JSONEachRow"):
            results["modes"].append(modes.raw_insert(ctx, fmt, "bench_large_batch", a.events))
    set_aside_measured(ctx, results, "bench_large_batch", "bench_raw_rowbinary",
                       "bench_raw_jsoneachrow")
    with step(results, "Kafka ConsumerPerformance"):
        results["modes"].append(modes.consumer_performance(ctx, topic, a.events))
    if a.scale_consumers > 0:
        scale_topic = f"bench-{ctx.run_id}-scale"
        with step(results, f"produce {a.events:,} events into {a.scale_partitions} partitions"):
            produce_topic(ctx, a, scale_topic, a.scale_partitions, a.events)
        for mode in scale_out_modes(a.scale_partitions, a.scale_consumers):
            run_mode(ctx, results, mode, scale_topic, a.events)
    for mode in SHAPE_MODES:
        shape = workload(mode)
        if not shape.available():
            say(f"{mode['label']}: not run: {shape.why_not_available()}")
            results["not_run"].append({"label": mode["label"],
                                       "reason": shape.why_not_available()})
            continue
        shape_topic = f"bench-{ctx.run_id}-{shape.key}"
        with step(results, f"produce {a.events:,} events for {shape.key}"):
            produce_topic(ctx, a, shape_topic, ctx.partitions, a.events, shape)
        run_mode(ctx, results, mode, shape_topic, a.events)
    by_key = {m["key"]: m for m in results["modes"]}
    for mode in CONSUMER_MODES:
        with step(results, f"latency run: {mode['label']}"):
            results["latency"][mode["key"]] = latency.consumer_latency(
                ctx, mode, by_key[mode["key"]]["events_per_s"])
        set_aside_measured(ctx, results, f"bench_lat_{mode['key']}")
    with step(results, "latency run: Kafka engine"):
        results["latency"]["kafka_engine"] = latency.kafka_engine_latency(
            ctx, by_key["kafka_engine"]["events_per_s"])
    if a.sweep:
        for mode in SWEEPS:
            run_mode(ctx, results, mode, topic, a.events, into="sweeps")
    missed = not all(t["met"] for t in targets.targets(results))
    if a.profile == "yes" or (a.profile == "auto" and not a.smoke and missed):
        with step(results, "JFR pass (large batch)"):
            results["profile"] = run_profile(ctx, topic, a.events)


def run(a, argv):
    ctx = make_context(a)
    started = time.time()
    results = {"args": vars(a), "run_id": ctx.run_id, "machine": machine_facts(),
               "command": " ".join(["bench/run", *argv]),
               "load_before": load_average(), "modes": [], "latency": {}, "sweeps": [],
               "not_run": [], "steps": [],
               "started": datetime.datetime.now().astimezone().isoformat(timespec="seconds")}
    results["clickhouse_version"] = ctx.ch.value("SELECT version()")
    results["kafka_version"] = kafka_version()
    results["git"] = git_describe()
    if not ctx.pids["clickhouse"] or not ctx.pids["kafka"]:
        say("warning: the stack was not started from this dev dir; server CPU is not measured")
    say(f"run {ctx.run_id}: N={a.events:,}, P={a.partitions}, load average {results['load_before']}")
    try:
        measure(ctx, a, results)
    finally:
        with step(results, "cleanup (drop tables and topics)"):
            cleanup(ctx)
    results["load_after"] = load_average()
    results["wall_seconds"] = time.time() - started
    return ctx, results


def run_profile(ctx, topic, events):
    import jfrsummary
    path = os.path.join(ctx.work, "large-batch.jfr")
    say("profiling: the large-batch mode again with Java Flight Recorder (not a measured run)")
    mode = {**LARGE_BATCH_MODE, "key": "profile", "label": "profile " + LARGE_BATCH_MODE["label"]}
    result = consumer_run.consumer_mode(ctx, mode, topic, events, jfr_path=path)
    summary = jfrsummary.summarize(path)
    recorded = result["recorded"]
    summary.update({k: recorded[k] for k in ("events_per_s", "cpu_per_m", "stages", "events",
                                             "seconds")})
    summary["pass_cpu_per_m"] = result.get("cpu_per_m")
    summary["total_events"] = events
    return summary


def cleanup(ctx):
    """Kafka-engine tables go first, while the broker is surely up; then tables and topics."""
    try:
        modes.drop_kafka_engine(ctx.ch)
        say("cleanup: dropping the bench tables and topics (attaching and deleting the rollback "
            "table's 20,000 parts took 2 to 3.5 minutes on 2 cores)")
        for table in ctx.set_aside:
            remove_table(ctx.ch, table)
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
        ctx, results = run(a, argv)
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
    for note in targets.delivery_notes(results):
        say(f"note: {note[2:]}")
    for name, seconds in results["steps"]:
        say(f"step took {seconds:6.0f} s: {name}")
    problems = targets.id_problems(results)
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
