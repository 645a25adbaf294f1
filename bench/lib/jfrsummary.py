"""Where the consumer's CPU goes, from a Java Flight Recorder file (`jfr print --json`).

- CPU: jdk.ExecutionSample (threads running Java code), by category and by thread group, and
  the hottest methods.
- Waiting: jdk.NativeMethodSample (threads inside native code: sockets, epoll), by thread group.
- GC: jdk.GarbageCollection pauses.

The tables below are all that names the consumer's code: update them when classes move.
"""

import collections
import json
import subprocess

# Thread name prefix -> group (first match wins).
THREAD_GROUPS = [
    ("batchline-poll-loop", "poll thread"),
    ("batchline-writer-", "writer threads"),
    ("batchline-probe-", "bisection probes"),
]
OTHER_THREADS = "other threads"

DECODE, ENCODE = "decode (JSON events)", "encode (RowBinary rows)"
KAFKA, HTTP = "Kafka client (fetch, records, LZ4 decompression)", "HTTP / LZ4 (ClickHouse inserts)"
CORE, METRICS = "batching core (buffer, offsets, lanes, records)", "metrics"
# Frame name prefix -> category. A sample goes to the category of its nearest frame (from the
# top of the stack) that matches a prefix here; the first matching prefix wins, so a class
# listed before its package overrides it. JDK frames match nothing and count for their caller.
CATEGORIES = [
    ("com.fasterxml.jackson.", DECODE),
    ("io.batchline.consumer.batch.EventDecoder", DECODE),
    ("io.batchline.consumer.table.Json", DECODE),
    ("io.batchline.consumer.table.", ENCODE),
    ("io.batchline.consumer.clickhouse.RowBinaryEncoder", ENCODE),
    ("io.batchline.consumer.batch.BatchEncoder", ENCODE),
    ("net.jpountz.", "LZ4"),  # split below by who called it
    ("org.apache.kafka.", KAFKA),
    ("io.batchline.consumer.kafka.", CORE),
    ("com.clickhouse.", HTTP),
    ("org.apache.hc.", HTTP),
    ("io.batchline.consumer.clickhouse.", HTTP),
    ("io.micrometer.", METRICS),
    ("io.batchline.consumer.metrics.", METRICS),
    ("org.jboss.log", "logging"),
    ("java.util.logging.", "logging"),
    ("io.batchline.consumer.batch.", CORE),
    ("io.batchline.", CORE),
    ("io.quarkus.", "Quarkus / Vert.x"),
    ("io.vertx.", "Quarkus / Vert.x"),
    ("io.netty.", "Quarkus / Vert.x"),
]
UNATTRIBUTED = "JDK only (no known frame on the stack)"


def frame_name(frame):
    method = frame.get("method", {})
    type_name = method.get("type", {}).get("name", "?").replace("/", ".")
    return f"{type_name}.{method.get('name', '?')}"


def category(frames):
    names = [frame_name(f) for f in frames]
    for i, name in enumerate(names):
        for prefix, label in CATEGORIES:
            if name.startswith(prefix):
                if label == "LZ4":
                    below = names[i + 1:]
                    return KAFKA if any(n.startswith("org.apache.kafka.") for n in below) else HTTP
                return label
    return UNATTRIBUTED


def thread_group(name):
    return next((group for prefix, group in THREAD_GROUPS if name.startswith(prefix)),
                OTHER_THREADS)


def events(path, kinds):
    output = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events",
                             ",".join(kinds), path],
                            capture_output=True, text=True, check=True).stdout
    return json.loads(output)["recording"]["events"]


def thread_name(values, key):
    thread = values.get(key) or {}
    return thread.get("javaName") or thread.get("osName") or "?"


def summarize(path):
    by_cell = collections.Counter()  # (category, thread group) -> samples
    by_method, by_thread = collections.Counter(), collections.Counter()
    native_by_group, native_by_method = collections.Counter(), collections.Counter()
    cpu_samples = native_samples = 0
    for event in events(path, ["jdk.ExecutionSample", "jdk.NativeMethodSample"]):
        values = event["values"]
        frames = (values.get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        thread = thread_name(values, "sampledThread")
        group = thread_group(thread)
        if event["type"] == "jdk.ExecutionSample":
            cpu_samples += 1
            by_cell[(category(frames), group)] += 1
            by_method[frame_name(frames[0])] += 1
            by_thread[thread] += 1
        else:
            native_samples += 1
            native_by_group[group] += 1
            if group != OTHER_THREADS:
                native_by_method[f"{group}: {frame_name(frames[0])} ({category(frames)})"] += 1
    gcs = events(path, ["jdk.GarbageCollection"])
    gc_pause_ms = sum(parse_duration_ms(e["values"].get("sumOfPauses", "0 s")) for e in gcs)

    def top(counter, total, n):
        return [(name, count, count / total if total else 0) for name, count in
                counter.most_common(n)]

    categories = collections.Counter()
    groups = collections.Counter()
    for (cat, group), count in by_cell.items():
        categories[cat] += count
        groups[group] += count
    return {"file": path, "cpu_samples": cpu_samples, "native_samples": native_samples,
            "categories": top(categories, cpu_samples, len(categories)),
            "groups": top(groups, cpu_samples, len(groups)),
            "cells": [[cat, group, count] for (cat, group), count in by_cell.items()],
            "methods": top(by_method, cpu_samples, 12),
            "threads": top(by_thread, cpu_samples, 8),
            "native_groups": top(native_by_group, native_samples, 6),
            "native_methods": top(native_by_method, native_samples, 8),
            "gc_count": len(gcs), "gc_pause_ms": gc_pause_ms}


def parse_duration_ms(text):
    """`jfr print --json` writes durations as ISO-8601 (PT0.0012S) or '1.2 ms'."""
    text = str(text).strip()
    if text.startswith("PT"):
        body, total = text[2:], 0.0
        for unit, factor in (("H", 3.6e6), ("M", 6e4), ("S", 1e3)):
            if unit in body:
                number, body = body.split(unit, 1)
                total += float(number) * factor
        return total
    number, _, unit = text.partition(" ")
    factor = {"s": 1e3, "ms": 1.0, "us": 1e-3, "ns": 1e-6}.get(unit, 1.0)
    try:
        return float(number) * factor
    except ValueError:
        return 0.0


if __name__ == "__main__":
    # Summarises a recording: python3 bench/lib/jfrsummary.py FILE.jfr
    import sys

    print(json.dumps(summarize(sys.argv[1]), indent=1))
