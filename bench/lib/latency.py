"""End-to-end latency at a fixed producer rate of about half a mode's measured capacity.

Each run has its own empty topic, a fresh group and a fresh table. The producer stamps every
event with its send time (testkit `--timestamps now`). p50 and p99 leave out the first
`warmup` seconds, in which the consumer's JVM compiles its hot code while the events arrive
(on the 2-core machine the first batches took up to 2.9 s, and batches were back to about flush
seconds after 7.5 s); the p99 of those seconds is reported on its own.
- Batchline consumer: the consumer's own histogram `batchline_end_to_end_latency_seconds`, as
  the difference of two scrapes. It holds one value per batch: from the batch's oldest event
  timestamp to the ClickHouse acknowledgement, an upper bound for every event of the batch.
- Kafka engine: from the table, `ingested_at` (now() in the view, whole seconds, +0.5 s) minus
  `properties.sent_ms`: a +-0.5 s resolution, fine for its multi-second flushes.
"""

import os
import time

from common import (DATABASE, create_topic, finish_produce, produce, recreate_table, say,
                    wait_rows)
from consumer import Consumer, histogram, histogram_delta, quantile
from modes import KAFKA_ENGINE_SETTLE_S, drop_kafka_engine, start_kafka_engine


def plan(ctx, capacity):
    rate = max(1, int(capacity * ctx.latency_load))
    return rate, rate * ctx.latency_seconds


def consumer_latency(ctx, mode, capacity):
    key, label = mode["key"], f"{mode['label']} latency"
    rate, count = plan(ctx, capacity)
    topic, table = f"bench-{ctx.run_id}-lat-{key}", f"bench_lat_{key}"
    create_topic(topic, ctx.partitions)
    recreate_table(ctx.ch, f"{DATABASE}.{table}")
    consumer = Consumer(label, topic, f"bench-{ctx.run_id}-lat-{key}", table, mode["settings"],
                        os.path.join(ctx.work, f"consumer-lat-{key}.log"))
    consumer.start()
    try:
        consumer.wait_assigned()
        say(f"{label}: producing {count:,} events at {rate:,}/s for {ctx.latency_seconds} s "
            f"(warm-up {ctx.warmup_seconds} s not counted)")
        started = time.time()
        handle = produce(topic, count, f"{ctx.run_id}l{key}", ctx.customers, rate=rate,
                         timestamps="now", prefix=label)
        time.sleep(ctx.warmup_seconds)
        warm = histogram(consumer.metrics())
        warmup_p99 = quantile(warm, 0.99)
        finish_produce(handle, quiet=True)
        produced_in = time.time() - started
        behind = count - visible(ctx, table)
        wait_rows(ctx.ch, count, label, alive=consumer.alive, table=f"{DATABASE}.{table}",
                  show_rate=False)
        time.sleep(0.2)
        buckets = histogram_delta(histogram(consumer.metrics()), warm)
    finally:
        code = consumer.stop()
    result = summary(label, rate, count, produced_in, behind, quantile(buckets, 0.5),
                     quantile(buckets, 0.99), int(buckets[-1][1]) if buckets else 0,
                     "histogram, per batch (oldest event)", unit="batches")
    result.update(exit_code=code, warmup_p99_s=warmup_p99)
    return result


def kafka_engine_latency(ctx, capacity):
    key, label = "kafka_engine", "Kafka engine latency"
    rate, count = plan(ctx, capacity)
    topic, table = f"bench-{ctx.run_id}-lat-{key}", f"bench_lat_{key}"
    create_topic(topic, ctx.partitions)
    recreate_table(ctx.ch, f"{DATABASE}.{table}")
    try:
        start_kafka_engine(ctx, topic, f"bench-{ctx.run_id}-lat-{key}", table)
        time.sleep(2)  # let its consumers join before the clock starts
        say(f"{label}: producing {count:,} events at {rate:,}/s for {ctx.latency_seconds} s")
        started = time.time()
        handle = produce(topic, count, f"{ctx.run_id}l{key}", ctx.customers, rate=rate,
                         timestamps="now", prefix=label)
        finish_produce(handle, quiet=True)
        produced_in = time.time() - started
        behind = count - visible(ctx, table)
        wait_rows(ctx.ch, count, label, table=f"{DATABASE}.{table}",
                  show_rate=False, settle=KAFKA_ENGINE_SETTLE_S)
        rows, distinct = (int(v) for v in ctx.ch.row(
            f"SELECT count(), uniqExact(id) FROM {DATABASE}.{table}"))
    finally:
        drop_kafka_engine(ctx.ch)
    since_ms = int((started + ctx.warmup_seconds) * 1000)
    sent_ms = "visitParamExtractUInt(properties, 'sent_ms')"
    latency = f"toInt64(toUInt32(ingested_at)) * 1000 + 500 - toInt64({sent_ms})"
    # One pass for both windows; a duplicated event counts once, at its first arrival.
    p50, p99, samples, warmup_p99 = ctx.ch.row(
        "SELECT quantileExactIf(0.5)(l, counted), quantileExactIf(0.99)(l, counted), "
        "countIf(counted), quantileExactIf(0.99)(l, NOT counted) FROM "
        f"(SELECT id, min({latency}) AS l, min({sent_ms}) >= {since_ms} AS counted "
        f"FROM {DATABASE}.{table} GROUP BY id)")
    result = summary(label, rate, count, produced_in, behind, float(p50) / 1000, float(p99) / 1000,
                     int(samples), "ingested_at - sent_ms (+-0.5 s)", unit="events")
    result.update(rows=rows, distinct=distinct, warmup_p99_s=float(warmup_p99) / 1000)
    if (rows, distinct) != (count, count):
        say(f"{label}: WARNING: {rows:,} rows, {distinct:,} distinct ids for {count:,} events "
            f"({count - distinct:,} lost, {rows - distinct:,} duplicates)")
    return result


def visible(ctx, table):
    return int(ctx.ch.value(f"SELECT uniqExact(id) FROM {DATABASE}.{table}"))


def summary(label, rate, count, produced_in, behind, p50, p99, samples, method, unit):
    """`behind`: events produced but not yet in ClickHouse when the producer finished;
    `samples`: how many values the quantiles are taken over, in `unit` (events or batches)."""
    result = {"rate": rate, "events": count, "achieved_rate": count / produced_in,
              "behind_at_end": behind, "behind_s": behind / (count / produced_in),
              "p50_s": p50, "p99_s": p99, "samples": samples, "samples_unit": unit,
              "method": method}
    fmt = (lambda v: "n/a" if v is None else f"{v * 1000:,.0f} ms")
    say(f"{label}: target {rate:,}/s, achieved {result['achieved_rate']:,.0f}/s, "
        f"{behind:,} not yet visible when the producer stopped; "
        f"p50 {fmt(p50)}, p99 {fmt(p99)} over {samples:,} {unit}")
    return result
