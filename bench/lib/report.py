"""The Markdown report: machine, one table of every mode, ratios, targets, where the time goes,
scaling out, settings sweeps."""

import sections
from plan import WORKLOADS
from targets import delivery_notes, ms, num, ratio, targets

KIND_ORDER = ["consumer", "kafka-engine", "raw-insert", "kafka-read"]


def modes(results):
    """Batchline modes first (in the order they ran), then the references."""
    return sorted(results["modes"], key=lambda m: KIND_ORDER.index(m["kind"]))


def table(results):
    lat = results.get("latency", {})
    head = ("| Mode | Events | Events/s | × rollback | Consumer CPU s / M events | "
            "ClickHouse CPU s / M | Broker CPU s / M | Peak RSS MB | INSERTs | Parts | "
            "Latency run rate (ev/s) | p50 | p99 |")
    rows = [head, "|" + "---|" * 13]
    base = next((m["events_per_s"] for m in results["modes"] if m["key"] == "rollback"), None)
    for m in modes(results):
        l = lat.get(m["key"], {})
        consumer_cpu = num(m.get("cpu_per_m"), 2) if m["kind"] != "kafka-engine" else "(in ClickHouse)"
        inserts = "–" if m.get("inserts") is None else f"{m['inserts']:,}"
        parts = "–" if m.get("parts") is None else f"{m['parts']:,}"
        rows.append(
            f"| {m['label']} | {m['events']:,} | {num(m['events_per_s'])} | "
            f"{num(ratio(m['events_per_s'], base), 1)} | {consumer_cpu} | "
            f"{num(m.get('clickhouse_cpu_per_m'), 2)} | {num(m.get('kafka_cpu_per_m'), 2)} | "
            f"{num(m.get('peak_rss_mb'))} | {inserts} | {parts} | "
            f"{num(l.get('achieved_rate')) if l else '–'} | {ms(l.get('p50_s'))} | "
            f"{ms(l.get('p99_s'))} |")
    return "\n".join(rows)


def latency_table(results):
    labels = {m["key"]: m["label"] for m in results["modes"]}
    rows = ["| Mode | Capacity (events/s) | Producer rate: target, achieved | Not yet visible when "
            "the producer stopped | p50 | p99 | Counted | p99 in the warm-up | Method |",
            "|---|" + "---|" * 8]
    rate = {m["key"]: m["events_per_s"] for m in results["modes"]}
    for key, l in results.get("latency", {}).items():
        rows.append(
            f"| {labels.get(key, key)} | {num(rate.get(key))} | {l['rate']:,}, "
            f"{num(l['achieved_rate'])} | {l.get('behind_at_end', 0):,} "
            f"({num(l.get('behind_s'), 1)} s of production) | {ms(l['p50_s'])} | "
            f"{ms(l['p99_s'])} | {l['samples']:,} {l.get('samples_unit', 'events')} | "
            f"{ms(l.get('warmup_p99_s'))} | {l['method']} |")
    return "\n".join(rows)


def ratios(results):
    rate = {m["key"]: m["events_per_s"] for m in results["modes"]}
    refs = [("rollback", "× rollback"), ("kafka_engine", "× Kafka engine"),
            ("raw_rowbinary", "of raw insert (RowBinary)"),
            ("raw_jsoneachrow", "of raw insert (JSONEachRow)"),
            ("consumer_perf", "of raw Kafka read")]
    rows = ["| Mode | " + " | ".join(label for _, label in refs) + " |",
            "|---|" + "---|" * len(refs)]
    for m in modes(results):
        if m["kind"] not in ("consumer", "kafka-engine"):
            continue
        cells = []
        for key, label in refs:
            r = ratio(m["events_per_s"], rate.get(key))
            cells.append("–" if r is None else (f"{r:,.2f}×" if label.startswith("×")
                                                else f"{r * 100:,.0f}%"))
        rows.append(f"| {m['label']} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def machine(results):
    mach = results["machine"]
    usable = mach.get("cpus_usable", mach["nproc"])
    return ["| | |", "|---|---|",
            f"| CPU model | {mach['cpu_model']} |",
            f"| Cores | {mach['nproc']} logical CPUs"
            + ("" if usable == mach["nproc"] else f", {usable} usable by this run") + " |",
            f"| Memory | {mach['memory_gib']} GiB |",
            f"| Kernel | {mach['kernel']} |",
            f"| Load average (1, 5, 15 min) | before {results['load_before']}, "
            f"after {results['load_after']} |",
            f"| Java | {mach['java']} |",
            f"| ClickHouse | {results['clickhouse_version']} (Debian), same machine |",
            f"| Kafka | {results['kafka_version']} (KRaft, one broker), same machine |"]


def workload(results):
    a = results["args"]
    shaped = [m for m in results["modes"] if m.get("workload", "events") != "events"]
    out = [f"{a['events']:,} events of about {a['event_bytes']} bytes (Flexprice-style JSON, "
           f"{a['customers']:,} customers, 3 event names) in a topic with {a['partitions']} "
           f"partitions, produced before any measurement "
           f"({num(results['produce_events_per_s'])} events/s). Rollback mode reads a topic "
           f"holding the first {a['rollback_events']:,} of them"
           + (f"; the scale-out runs a topic with {a['scale_partitions']} partitions holding "
              f"another {a['events']:,}" if a["scale_consumers"] else "") + ". Every run "
           "starts from a fresh consumer group and writes a new, empty table of the default shape "
           "(`samples/clickhouse/events.sql`), detached once its figures are taken so that its "
           "parts are neither merged nor deleted under the next run (all are dropped at the end)"
           + (", except:" if shaped else ".")]
    for m in shaped:
        shape = WORKLOADS[m["workload"]]
        out.append(f"- {m['label']}: {shape.description} (`{shape.table_sql}`), {m['events']:,} "
                   "events in a topic of its own.")
    return out


def time_section(results):
    by_key = {m["key"]: m for m in results["modes"]}
    out = []
    if "large_batch" in by_key:
        out += sections.stage_section(by_key["large_batch"], by_key)
    if results.get("profile"):
        out += ["", *sections.profile_section(results["profile"], by_key)]
    else:
        out += ["", "No JFR pass in this run: it is taken when a target is missed (not in smoke "
                "runs) or with `--profile yes`."]
    return out


def write(results, path, png_name):
    a = results["args"]
    t = targets(results)
    met = sum(1 for x in t if x["met"])
    smoke = " (smoke run: too small to read figures from)" if a["smoke"] else ""
    out = [f"# Batchline benchmark, {results['started'][:10]} on {results['machine']['host']}"
           f"{smoke}", "",
           f"`{results.get('command', 'bench/run')}`, run `{results['run_id']}`, "
           f"commit {results['git']}, {results['wall_seconds'] / 60:.1f} minutes.", "",
           "## Machine", "", *machine(results), "",
           "Broker, ClickHouse, producer and consumer share these cores; the machine may be "
           "shared with other work too (see the load average). Read the ratios, not the "
           "absolute figures.", "",
           "## Workload", "", *workload(results), "",
           "## Results", "", table(results), "", f"![events/s and CPU by mode]({png_name})", "",
           "## Ratios (events/s)", "", ratios(results), "",
           "## Scaling out", "", *sections.scale_section(results), "",
           "## Latency runs", "", latency_table(results), "",
           "A run that keeps up ends with almost nothing left to write; a large remainder means "
           "that mode could not sustain this rate while the producer shared the machine.", "",
           f"## Targets: {met} of {len(t)} met", "", "| Target | Measured | |", "|---|---|---|"]
    out += [f"| {x['target']} | {x['measured']} | {'met' if x['met'] else '**not met**'} |"
            for x in t]
    out += ["", "## Where the time goes (large batch)", "", *time_section(results)]
    out += ["", "## Settings sweeps (large batch)", "", *sections.sweep_section(results)]
    not_run = sections.not_run_section(results)
    if not_run:
        out += ["", "## Modes not run", "", *not_run]
    out += ["", "## Delivery", ""]
    out += delivery_notes(results) or ["Every run's table held exactly one row per event."]
    out += ["", "## Run time by step", "", *sections.steps_section(results)]
    out += ["", "## How each figure is taken", "", METHOD.format(**a)]
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


METHOD = """- **Events/s**: Batchline runs from the consumer's readiness (`/q/health/ready`; the JVM
  start is left out, joining the group is in; with several consumers, from the first one's
  readiness, so the later ones' start and the rebalance are in) to the moment the table first
  holds all N distinct ids (`count()` polled every 100 ms, then `uniqExact(id)`). Kafka engine:
  from `CREATE TABLE` of the Kafka table to the same moment. Raw insert: `clickhouse-client` from
  process start to exit, one INSERT of the same rows dumped from the large-batch table. Raw Kafka
  read: `ConsumerPerformance`'s own `nMsg.sec` (group join included, JVM start not).
- **CPU s / M events**: utime + stime from `/proc/<pid>/stat` over the same interval, per million
  events. Consumer: the consumer processes (their start-up CPU is left out). ClickHouse and
  Broker: the dev stack's server processes over the same interval; for the Kafka engine the
  consuming happens inside ClickHouse. Raw insert and ConsumerPerformance: the whole client
  process, JVM start included (`wait4` rusage). "Cores" is CPU seconds over wall seconds;
  "machine CPUs busy" is from `/proc/stat` (every process, other work on the machine included).
- **Peak RSS**: `VmHWM` from `/proc/<pid>/status` (the consumer runs with `-Xmx256m`, its
  initial heap sized as in a pod with that heap, and the image's other JVM options and
  `MALLOC_ARENA_MAX`); `ru_maxrss` for the raw clients.
- **INSERTs**: `system.query_log`, `type = 2`, for the mode's table. **Parts**: the new table's
  highest block number, so every part ever written counts, merged or not.
- **Stage shares**: `batchline_stage_busy_seconds_total{{stage}}` scraped at readiness and when
  the last row is visible; the difference over the measured wall seconds. `poll` counts only
  polls that returned records; `encode` is decoding and encoding together; `encode`, `insert`
  and `dead_letter` run on the writer threads (`EVENT_PROCESSING_INSERT_CONCURRENCY`, read from
  the consumer's start-up line) and are summed over them.
- **JFR**: a separate large-batch pass, recorded with `settings=profile` and
  `method-profiling=max` (a CPU sample every millisecond, not every 10 ms) from the moment the
  consumer has written 40% of the events (its JIT warm-up left out) to the last row; the events/s,
  CPU s / M and stage shares beside it are of that window. CPU samples (`jdk.ExecutionSample`) go to the category of their nearest frame that
  `bench/lib/jfrsummary.py` knows (decode, encode, Kafka client, HTTP / LZ4, batching core, ...;
  LZ4 under a Kafka frame is Kafka's decompression) and to their thread's group
  (`batchline-poll-loop`, `batchline-writer-N`, `batchline-probe-N`, other).
- **Scale-out**: the large-batch mode on a topic with {scale_partitions} partitions, first with one
  consumer, then with {scale_consumers} in one group (one process each, metrics ports
  `BENCH_HTTP_PORT`, then `BENCH_HTTP_PORT_2` and up).
- **Latency**: a separate run per mode: an empty topic, a fresh group and table, the producer at
  {latency_load:.0%} of the mode's measured events/s for {latency_seconds} s, each event stamped
  with its send time (`--timestamps now`). Batchline: p50 and p99 of the consumer's
  `batchline_end_to_end_latency_seconds` histogram, which holds one value per batch, from the
  batch's oldest event timestamp to the ClickHouse acknowledgement (an upper bound for every
  event of the batch), interpolated inside Micrometer's buckets, for the batches acknowledged
  after the first {latency_warmup} s. Kafka engine: per event, `ingested_at` (`now()` in the
  view, whole seconds, +0.5 s) minus `properties.sent_ms`, so +-0.5 s resolution, for the events
  sent after the first {latency_warmup} s. Those seconds are the warm-up: the consumer's JVM
  compiles its hot code while the events arrive. Their p99 is reported apart (– when no batch
  was acknowledged in them). "Latency run rate" is the rate the producer achieved.
- **Kafka engine on 18.16**: its JSONEachRow cannot read the `properties` object into a String,
  so the Kafka table reads each message as one raw line (`TabSeparated`) and the materialized
  view extracts the fields with `visitParamExtract*`; `kafka_num_consumers` = partitions; other
  settings are the server's defaults (`stream_flush_interval_ms` 7,500)."""


if __name__ == "__main__":
    # Re-renders a report and chart from a results JSON: python3 bench/lib/report.py FILE.json
    import json
    import os
    import sys

    import chart

    source = sys.argv[1]
    stem = source[:-len(".json")]
    with open(source) as f:
        data = json.load(f)
    chart.draw(data, stem + ".png")
    write(data, stem + ".md", os.path.basename(stem) + ".png")
    print(f"wrote {stem}.md and {stem}.png")
