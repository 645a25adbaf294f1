"""Where the consumer's time goes, from a Java Flight Recorder file (`jfr print --json`).

- CPU: jdk.ExecutionSample (threads running Java code), by activity and by hottest method.
- Waiting: jdk.NativeMethodSample (threads inside native code: sockets, epoll).
- GC: jdk.GarbageCollection pauses.
"""

import collections
import json
import subprocess

POLL_THREAD = "batchline-poll-loop"

# Each sample goes to the first phase of the poll loop found anywhere on its stack.
PHASES = [
    ("io.batchline.consumer.clickhouse.RowBinaryEncoder",
     "encode rows (RowBinaryEncoder, incl. its writes into the client's LZ4 stream)"),
    ("io.batchline.consumer.clickhouse.ClickHouseEventSink",
     "rest of the insert call (HTTP request, LZ4, response)"),
    ("io.batchline.consumer.batch.EventDecoder",
     "decode events (EventDecoder: Jackson streaming parse, properties copied)"),
    ("io.batchline.consumer.metrics.", "metrics (latency histogram: one record per event)"),
    ("io.batchline.consumer.kafka.KafkaOffsetCommitter", "offset commit"),
    ("org.apache.kafka.clients.consumer.", "Kafka poll (fetch, LZ4 decompression, records)"),
    ("io.batchline.", "batching core (buffer, offsets, record copies)"),
]

# Each sample goes to the component of its nearest frame (from the top) that matches.
COMPONENTS = [
    ("com.fasterxml.jackson.", "JSON parsing (Jackson)"),
    ("io.batchline.consumer.batch.EventDecoder", "EventDecoder (validation, properties)"),
    ("io.batchline.consumer.clickhouse.RowBinaryEncoder", "RowBinary encoding"),
    ("net.jpountz.", "LZ4"),
    ("org.apache.kafka.", "Kafka client (fetch, poll, records)"),
    ("com.clickhouse.", "ClickHouse client / HTTP"),
    ("org.apache.hc.", "ClickHouse client / HTTP"),
    ("io.micrometer.", "metrics (per-event latency histogram)"),
    ("io.batchline.consumer.metrics.", "metrics (per-event latency histogram)"),
    ("org.jboss.log", "logging"),
    ("java.util.logging.", "logging"),
    ("io.batchline.", "batching core (buffer, offsets, records)"),
    ("io.quarkus.", "Quarkus / Vert.x"),
    ("io.vertx.", "Quarkus / Vert.x"),
    ("io.netty.", "Quarkus / Vert.x"),
]


def frame_name(frame):
    method = frame.get("method", {})
    type_name = method.get("type", {}).get("name", "?").replace("/", ".")
    return f"{type_name}.{method.get('name', '?')}"


def activity(frames):
    names = [frame_name(f) for f in frames]
    for i, name in enumerate(names):
        for prefix, label in COMPONENTS:
            if name.startswith(prefix):
                if label == "LZ4":
                    below = names[i + 1:]
                    if any(n.startswith("org.apache.kafka.") for n in below):
                        return "LZ4 decompression of Kafka batches"
                    return "LZ4 compression of ClickHouse requests"
                return label
    return "JDK (unattributed)"


def phase(frames):
    names = [frame_name(f) for f in frames]
    for prefix, label in PHASES:
        if any(n.startswith(prefix) for n in names):
            return label
    return "other"


def events(path, kinds):
    output = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events",
                             ",".join(kinds), path],
                            capture_output=True, text=True, check=True).stdout
    return json.loads(output)["recording"]["events"]


def thread_name(values, key):
    thread = values.get(key) or {}
    return thread.get("javaName") or thread.get("osName") or "?"


def summarize(path):
    by_activity, by_method, by_thread, by_phase = (collections.Counter() for _ in range(4))
    native_by_thread, native_by_method = collections.Counter(), collections.Counter()
    cpu_samples = native_samples = 0
    for event in events(path, ["jdk.ExecutionSample", "jdk.NativeMethodSample"]):
        values = event["values"]
        frames = (values.get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        if event["type"] == "jdk.ExecutionSample":
            cpu_samples += 1
            by_activity[activity(frames)] += 1
            by_phase[phase(frames)] += 1
            by_method[frame_name(frames[0])] += 1
            by_thread[thread_name(values, "sampledThread")] += 1
        else:
            native_samples += 1
            thread = thread_name(values, "sampledThread")
            native_by_thread[thread] += 1
            if thread == POLL_THREAD:
                native_by_method[f"{frame_name(frames[0])} ({activity(frames)})"] += 1
    gcs = events(path, ["jdk.GarbageCollection"])
    gc_pause_ms = sum(parse_duration_ms(e["values"].get("sumOfPauses", "0 s")) for e in gcs)

    def top(counter, total, n):
        return [(name, count, count / total if total else 0) for name, count in
                counter.most_common(n)]

    return {"file": path, "cpu_samples": cpu_samples, "native_samples": native_samples,
            "phases": top(by_phase, cpu_samples, 10),
            "activities": top(by_activity, cpu_samples, 12),
            "methods": top(by_method, cpu_samples, 12),
            "threads": top(by_thread, cpu_samples, 6),
            "native_threads": top(native_by_thread, native_samples, 6),
            "poll_native": top(native_by_method, sum(native_by_method.values()), 6),
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
