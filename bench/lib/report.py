"""The Markdown report: machine, one table of every mode, ratios, targets, profile."""

ORDER = ["rollback", "balanced", "high_throughput", "large_batch", "kafka_engine",
         "raw_rowbinary", "raw_jsoneachrow", "consumer_perf"]
CONSUMER_FLUSH_S = {"rollback": 0, "balanced": 5, "high_throughput": 10, "large_batch": 1}


def num(value, digits=0, suffix=""):
    return "–" if value is None else f"{value:,.{digits}f}{suffix}"


def ms(seconds):
    return "–" if seconds is None else f"{seconds * 1000:,.0f} ms"


def ratio(a, b):
    return None if not a or not b else a / b


def modes(results):
    by_key = {m["key"]: m for m in results["modes"]}
    return [by_key[k] for k in ORDER if k in by_key]


def targets(results):
    by_key = {m["key"]: m for m in results["modes"]}
    rate = {k: m["events_per_s"] for k, m in by_key.items()}
    found = []

    def add(name, measured, met):
        found.append({"target": name, "measured": measured, "met": bool(met)})

    r = ratio(rate.get("balanced"), rate.get("rollback"))
    add("Default preset (balanced) ≥ 100× rollback mode", f"{num(r, 1)}×", r and r >= 100)
    r = ratio(rate.get("large_batch"), rate.get("kafka_engine"))
    add("Large batch ≥ 1.5× ClickHouse's Kafka engine", f"{num(r, 2)}×", r and r >= 1.5)
    limit = min(rate.get("raw_rowbinary") or 0, rate.get("consumer_perf") or 0)
    best = max((rate[k] for k in CONSUMER_FLUSH_S if k in rate), default=None)
    r = ratio(best, limit)
    add("End-to-end (best Batchline mode) ≥ 50% of min(raw ClickHouse insert, raw Kafka read)",
        f"{num(best)} / {num(limit)} events/s = {num(r and r * 100, 0)}%", r and r >= 0.5)
    rss = by_key.get("large_batch", {}).get("peak_rss_mb")
    add("Peak RSS < 384 MB at 10k batches", f"{num(rss)} MB", rss is not None and rss < 384)
    for key, flush in CONSUMER_FLUSH_S.items():
        lat = results.get("latency", {}).get(key)
        if not lat:
            continue
        bound = flush + 0.25
        p99 = lat.get("p99_s")
        add(f"p99 latency ≤ flush + 250 ms at half load: {by_key[key]['label']}",
            f"{ms(p99)} (bound {bound * 1000:,.0f} ms)", p99 is not None and p99 <= bound)
    return found


def id_problems(results):
    """What fails a run. The Kafka engine may lose a few events (it commits offsets before it
    writes): that is reported as a finding, and fails only beyond 1%, as a harness problem."""
    problems = []
    for m in results["modes"]:
        distinct, events = m.get("distinct"), m["events"]
        tolerated = m["kind"] == "kafka-engine" and distinct and distinct >= 0.99 * events
        if distinct != events and not tolerated:
            problems.append(f"{m['label']}: {distinct} distinct ids, expected {events}")
        if m.get("exit_code") not in (None, 0):
            problems.append(f"{m['label']}: the consumer exited with {m['exit_code']}")
    return problems


def delivery_notes(results):
    """Runs whose table did not end with exactly one row per event."""
    runs = [(m["label"], m) for m in results["modes"]]
    runs += [(f"{key} latency run", l) for key, l in results.get("latency", {}).items()]
    notes = []
    for label, r in runs:
        rows, distinct, events = r.get("rows"), r.get("distinct"), r["events"]
        if rows is None or (rows, distinct) == (events, events):
            continue
        notes.append(f"- {label}: {rows:,} rows and {distinct:,} distinct ids for {events:,} "
                     f"events: {events - distinct:,} lost, {rows - distinct:,} duplicated.")
    return notes


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
            "the producer stopped | p50 | p99 | Events counted | Method |", "|---|" + "---|" * 7]
    rate = {m["key"]: m["events_per_s"] for m in results["modes"]}
    for key, l in results.get("latency", {}).items():
        rows.append(
            f"| {labels.get(key, key)} | {num(rate.get(key))} | {l['rate']:,}, "
            f"{num(l['achieved_rate'])} | {l.get('behind_at_end', 0):,} "
            f"({num(l.get('behind_s'), 1)} s of production) | {ms(l['p50_s'])} | "
            f"{ms(l['p99_s'])} | {l['samples']:,} | {l['method']} |")
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
        if m["key"] not in CONSUMER_FLUSH_S and m["key"] != "kafka_engine":
            continue
        cells = []
        for key, label in refs:
            r = ratio(m["events_per_s"], rate.get(key))
            cells.append("–" if r is None else (f"{r:,.2f}×" if label.startswith("×")
                                                else f"{r * 100:,.0f}%"))
        rows.append(f"| {m['label']} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def profile_section(p):
    threads = ", ".join(f"{name.replace('|', '/')} {share * 100:.0f}%"
                        for name, _, share in p["threads"][:2])
    lines = [f"JFR (`settings=profile`, started with jcmd once the consumer was ready) of a "
             f"separate large-batch pass: {num(p['events_per_s'])} events/s while recording; "
             f"{p['flush_share'] * 100:.0f}% of the wall time inside flushes (the "
             f"`batchline_flush_duration_seconds` sum), which run on the poll thread. "
             f"{p['cpu_samples']:,} CPU samples ({threads}), {p['gc_count']} GCs with "
             f"{p['gc_pause_ms']:,.0f} ms of pauses.", "",
             "| CPU samples by phase of the poll loop (anywhere on the stack) | Share |",
             "|---|---|"]
    lines += [f"| {name} | {share * 100:.1f}% |" for name, _, share in p["phases"]]
    lines += ["", "| CPU samples by component (nearest known frame) | Share |", "|---|---|"]
    lines += [f"| {name} | {share * 100:.1f}% |" for name, _, share in p["activities"]]
    lines += ["", "| Hottest methods (top frame) | Share |", "|---|---|"]
    lines += [f"| `{name}` | {share * 100:.1f}% |" for name, _, share in p["methods"]]
    lines += ["", "| Poll thread blocked in native code (sockets), by method | Share |",
              "|---|---|"]
    lines += [f"| `{name}` | {share * 100:.1f}% |" for name, _, share in p["poll_native"]]
    return "\n".join(lines)


def write(results, path, png_name):
    a, mach = results["args"], results["machine"]
    t = targets(results)
    met = sum(1 for x in t if x["met"])
    smoke = " (smoke run: too small to read figures from)" if a["smoke"] else ""
    out = [f"# Batchline benchmark, {results['started'][:10]} on {mach['host']}{smoke}", "",
           f"`bench/run{' --smoke' if a['smoke'] else ''}`, run `{results['run_id']}`, "
           f"commit {results['git']}, {results['wall_seconds'] / 60:.1f} minutes.", "",
           "## Machine", "", "| | |", "|---|---|",
           f"| CPU | {mach['nproc']} × {mach['cpu_model']} |",
           f"| Memory | {mach['memory_gib']} GiB |",
           f"| Kernel | {mach['kernel']} |",
           f"| Load average (1, 5, 15 min) | before {results['load_before']}, "
           f"after {results['load_after']} |",
           f"| Java | {mach['java']} |",
           f"| ClickHouse | {results['clickhouse_version']} (Debian), same machine |",
           f"| Kafka | {results['kafka_version']} (KRaft, one broker), same machine |", "",
           "Broker, ClickHouse, producer and consumer share these cores; the machine may be "
           "shared with other work too (see the load average). Read the ratios, not the "
           "absolute figures.", "",
           "## Workload", "",
           f"{a['events']:,} events of about {a['event_bytes']} bytes (Flexprice-style JSON, "
           f"{a['customers']:,} customers, 3 event names) in a topic with {a['partitions']} "
           f"partitions, produced before any measurement "
           f"({num(results['produce_events_per_s'])} events/s). Rollback mode reads a topic "
           f"holding the first {a['rollback_events']:,} of them. Every mode starts from a fresh "
           "consumer group and writes a new, empty table of the default shape "
           "(`samples/clickhouse/events.sql`).", "",
           "## Results", "", table(results), "", f"![events/s and CPU by mode]({png_name})", "",
           "## Ratios (events/s)", "", ratios(results), "",
           "## Latency runs", "", latency_table(results), "",
           "A run that keeps up ends with almost nothing left to write; a large remainder means "
           "that mode could not sustain this rate while the producer shared the machine.", "",
           f"## Targets: {met} of {len(t)} met", "", "| Target | Measured | |", "|---|---|---|"]
    out += [f"| {x['target']} | {x['measured']} | {'met' if x['met'] else '**not met**'} |"
            for x in t]
    notes = delivery_notes(results)
    out += ["", "## Delivery", ""]
    out += notes or ["Every run's table held exactly one row per event."]
    if results.get("profile"):
        out += ["", "## Where the consumer's time goes", "", profile_section(results["profile"])]
    out += ["", "## How each figure is taken", "", METHOD.format(**a)]
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


METHOD = """- **Events/s**: Batchline modes from the consumer's readiness (`/q/health/ready`; the JVM
  start is left out, joining the group is in) to the moment the table first holds all N distinct
  ids (`count()` polled every 100 ms, then `uniqExact(id)`). Kafka engine: from `CREATE TABLE`
  of the Kafka table to the same moment. Raw insert: `clickhouse-client` from process start to
  exit, one INSERT of the same rows dumped from the large-batch table. Raw Kafka read:
  `ConsumerPerformance`'s own `nMsg.sec` (group join included, JVM start not).
- **CPU s / M events**: utime + stime from `/proc/<pid>/stat` over the same interval, per million
  events. Consumer: the consumer process (its start-up CPU is left out). ClickHouse and Broker:
  the dev stack's server processes over the same interval; for the Kafka engine the consuming
  happens inside ClickHouse. Raw insert and ConsumerPerformance: the whole client process, JVM
  start included (`wait4` rusage).
- **Peak RSS**: `VmHWM` from `/proc/<pid>/status` (the consumer runs with `-Xmx256m`, the heap a
  pod gets by default under the operator's 1 GiB limit); `ru_maxrss` for the raw clients.
- **INSERTs**: `system.query_log`, `type = 2`, for the mode's table. **Parts**: the new table's
  highest block number, so every part ever written counts, merged or not.
- **Latency**: a separate run per mode: an empty topic, a fresh group and table, the producer at
  {latency_load:.0%} of the mode's measured events/s for {latency_seconds} s, each event stamped
  with its send time (`--timestamps now`). Batchline: p50 and p99 of the consumer's
  `batchline_end_to_end_latency_seconds` histogram (event timestamp to ClickHouse
  acknowledgement), interpolated inside Micrometer's buckets, for the events acknowledged after
  the warm-up. Kafka engine: `ingested_at` (`now()` in the view, whole seconds, +0.5 s) minus
  `properties.sent_ms`, so +-0.5 s resolution. "Latency run rate" is the rate the producer
  achieved.
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
