"""How busy each stage of the consumer was over a measured interval, from its own counters.

`batchline_stage_busy_seconds_total{stage}`: the poll thread's time inside a `poll` that
returned records and inside offset commits; the writer threads' time decoding and encoding a
batch (`encode`), inserting it and dead-lettering its rejects, summed over the writer threads.
Busy seconds over the interval's wall seconds is the stage's share of the wall time; for writer
stages, divided by the number of writer threads, it is the share of each writer thread.
"""

from consumer import metric_by_label

METRIC = "batchline_stage_busy_seconds_total"
# (stage label in the metric, what it covers, runs on the writer threads)
STAGES = [
    ("poll", "poll: `KafkaConsumer.poll` calls that returned records", False),
    ("encode", "decode + encode: JSON events to RowBinary rows", True),
    ("insert", "insert: the HTTP request (LZ4 included) until ClickHouse acknowledges", True),
    ("dead_letter", "dead letter: rejected events to the dead-letter topic", True),
    ("commit", "commit: offset commits and insert intents (synchronous)", False),
]


def busy_seconds(before, after):
    start, end = metric_by_label(before, METRIC, "stage"), metric_by_label(after, METRIC, "stage")
    return {stage: end[stage] - start.get(stage, 0.0) for stage in end}


def shares(before, after, wall_s, writers):
    """One row per stage: busy seconds, share of the wall time, share of each writer thread.

    The poll thread's remaining time is added as its own row: the batching core's work on the
    poll thread and polls that returned nothing (all partitions paused, or the topic drained).
    Empty when the consumer exports no stage counters."""
    busy = busy_seconds(before, after)
    if not busy or not wall_s:
        return []
    rows = []
    for stage, label, on_writers in STAGES:
        seconds = busy.get(stage)
        if seconds is None:
            continue
        share = seconds / wall_s
        rows.append({"stage": stage, "label": label,
                     "thread": "writer threads" if on_writers else "poll thread",
                     "busy_s": seconds, "share": share,
                     "per_writer": share / writers if on_writers and writers else None})
    poll_thread = sum(r["busy_s"] for r in rows if r["thread"] == "poll thread")
    rows.append({"stage": "poll_rest", "thread": "poll thread",
                 "label": "rest of the poll thread: batching core, empty polls, waits",
                 "busy_s": max(0.0, wall_s - poll_thread),
                 "share": max(0.0, 1 - poll_thread / wall_s), "per_writer": None})
    return rows


def writer_share(rows):
    """The share of each writer thread's time spent on any writer stage."""
    per_writer = [r["per_writer"] for r in rows if r.get("per_writer") is not None]
    return sum(per_writer) if per_writer else None
