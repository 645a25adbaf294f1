"""Report sections for where the time goes, scaling out, the settings sweeps and the run time."""

import stages
from plan import SWEPT_SETTINGS
from targets import num, ratio

SWEEP_STEP = "sweep: "


def pct(share):
    return "–" if share is None else f"{share * 100:.0f}%"


def cores(value):
    return "–" if value is None else f"{value:.2f}"


def stage_section(m, by_key):
    """The large-batch run's stage counters and the CPU the machine spent meanwhile."""
    rows = m.get("stages") or []
    if not rows:
        return ["The consumer exported no `batchline_stage_busy_seconds_total`; no stage shares."]
    writers = m.get("writers")
    out = [f"Stage counters of the measured {m['label']} run: busy seconds over the "
           f"{m['seconds']:.2f} s from readiness to the last row; writer stages are summed over "
           f"its {writers or '?'} writer threads, so their share can exceed 100%, and divided by "
           "that number for each writer thread's share.", "",
           "| Stage | Thread | Busy s | Share of wall time | Each writer thread |",
           "|---|---|---|---|---|"]
    out += [f"| {r['label']} | {r['thread']} | {r['busy_s']:.2f} | {pct(r['share'])} | "
            f"{pct(r['per_writer'])} |" for r in rows]
    poll_thread = sum(r["share"] for r in rows if r["stage"] in ("poll", "commit"))
    servers = m.get("server_cores") or {}
    consumer = m["consumers"][0] if m.get("consumers") else {}
    out += ["", f"Each writer thread was busy {pct(stages.writer_share(rows))} of the time, the "
            f"poll thread {pct(poll_thread)} in poll and commit calls. CPU over the same interval, "
            f"in cores kept busy on average: consumer {cores(consumer.get('cores'))}, ClickHouse "
            f"{cores(servers.get('clickhouse'))}, broker {cores(servers.get('kafka'))}; all "
            f"CPUs of the machine were {pct(m.get('machine_busy'))} busy (`/proc/stat`, any "
            "process, other work included)."]
    return out


def profile_section(p, by_key):
    groups = [g for g, _, _ in p["groups"]]
    cells = {(cat, group): count for cat, group, count in p["cells"]}
    total = p["cpu_samples"] or 1
    cpu_m = p.get("cpu_per_m")
    threads = ", ".join(f"{name.replace('|', '/')} {share * 100:.0f}%"
                        for name, _, share in p["threads"][:5])
    window = (f"the last {p['events']:,} events, {p['seconds']:.1f} s, started with jcmd once "
              f"the consumer had written the first {1 - p['events'] / p['total_events']:.0%} "
              f"(so the JIT had compiled the hot paths; the whole pass cost "
              f"{num(p.get('pass_cpu_per_m'), 2)} CPU s / M)"
              if p.get("events") else "started with jcmd once the consumer was ready")
    out = [f"JFR (`settings=profile method-profiling=max`) of a separate large-batch pass, recording {window}: "
           f"{num(p['events_per_s'])} events/s and {num(cpu_m, 2)} consumer "
           f"CPU s / M events while recording; {p['cpu_samples']:,} CPU samples ({threads}); "
           f"{p['gc_count']} GCs with {p['gc_pause_ms']:,.0f} ms of pauses.", "",
           *recorded_stages(p.get("stages") or []),
           "CPU samples by what the code was doing (nearest known frame) and by thread, as shares "
           "of all CPU samples; the last column is that share of the pass's consumer CPU "
           "per million events.", "",
           "| Doing | " + " | ".join(groups) + " | All | ≈ CPU s / M events |",
           "|---|" + "---|" * (len(groups) + 2)]
    for cat, count, share in p["categories"]:
        row = " | ".join(pct(cells.get((cat, g), 0) / total) for g in groups)
        out.append(f"| {cat} | {row} | {share * 100:.1f}% | "
                   f"{num(cpu_m and cpu_m * share, 2)} |")
    out.append("| All | " + " | ".join(f"**{share * 100:.0f}%**" for _, _, share in p["groups"])
               + f" | 100% | {num(cpu_m, 2)} |")
    floors = [(k, by_key[k]) for k in ("consumer_perf", "raw_rowbinary") if k in by_key]
    if floors:
        out += ["", "For comparison, in the same run: " + "; ".join(
            f"{m['label']} {num(m.get('cpu_per_m'), 2)} CPU s / M events" for _, m in floors)
            + " (whole process, JVM start included)."]
    out += ["", "| Hottest methods (top frame) | Share |", "|---|---|"]
    out += [f"| `{name}` | {share * 100:.1f}% |" for name, _, share in p["methods"]]
    out += ["", f"Threads inside native code (sockets, epoll): {p['native_samples']:,} samples, "
            + ", ".join(f"{g} {share * 100:.0f}%" for g, _, share in p["native_groups"]) + ".", "",
            "| Native samples by method (Batchline threads) | Share |", "|---|---|"]
    out += [f"| `{name}` | {share * 100:.1f}% |" for name, _, share in p["native_methods"]]
    return out


def recorded_stages(rows):
    """The stage shares of the recorded window, on one line."""
    if not rows:
        return []
    shares = ", ".join(f"{r['label'].split(':')[0]} {pct(r['share'])}"
                       + (f" ({pct(r['per_writer'])} of each writer thread)"
                          if r.get("per_writer") is not None else "")
                       for r in rows)
    return [f"Stage shares of wall time while recording: {shares}.", ""]


def scale_section(results):
    runs = [m for m in results["modes"] if m["key"].startswith("scale_")]
    if not runs:
        return ["Not run (`--scale-consumers 0`)."]
    base = runs[0]["events_per_s"]
    out = ["| Run | Consumer | Events written | Events/s | × 1 consumer | CPU s | "
           "CPU s / M events | Peak RSS MB | Machine CPUs busy |", "|---|" + "---|" * 8]
    for m in runs:
        each = m["consumers"]
        if len(each) > 1:
            out += [f"| | {c['label'].rsplit(' ', 1)[-1]} | {c['written']:,} | | | "
                    f"{c['cpu_s']:.1f} | {num(c['cpu_per_m_own'], 2)} | "
                    f"{num(c['peak_rss_mb'])} | |" for c in each]
        out.append(f"| {m['label']} | {'all' if len(each) > 1 else '1'} | {m['events']:,} | "
                   f"{num(m['events_per_s'])} | {num(ratio(m['events_per_s'], base), 2)}× | "
                   f"{sum(c['cpu_s'] for c in each):.1f} | {num(m['cpu_per_m'], 2)} | "
                   f"{num(m['peak_rss_mb'])}{' (max)' if len(each) > 1 else ''} | "
                   f"{pct(m.get('machine_busy'))} |")
    last = runs[-1]
    main = next((m for m in results["modes"] if m["key"] == "large_batch"), None)
    out += ["", f"One topic with {results['args']['scale_partitions']} partitions holding the "
            f"same {last['events']:,} events. Per consumer, CPU s / M is over the events that "
            "consumer wrote (`batchline_events_written_total`); the total is over all events."
            + (" The clock starts when the first consumer is ready; the last one was ready "
               f"{last.get('second_ready_after_s', 0):.1f} s later, and the rebalance it caused "
               "is inside the measured time." if len(last["consumers"]) > 1 else "")
            + (f" The single consumer on the main topic ({results['args']['partitions']} "
               f"partitions) did {num(main['events_per_s'])} events/s." if main else "")]
    return out


def sweep_section(results, default_key="large_batch"):
    sweeps = results.get("sweeps")
    if not sweeps:
        return ["Not run (`bench/run --sweep` runs them)."]
    main = next((m for m in results["modes"] if m["key"] == default_key), None)
    rows = ([dict(main, label=f"{main['label']} (main run, consumer defaults)")] if main else [])
    rows += sweeps
    base = main and main["events_per_s"]
    head = ["Run"] + list(SWEPT_SETTINGS) + [
        "Events/s", "× defaults", "Consumer CPU s / M", "ClickHouse CPU s / M", "Peak RSS MB",
        "Each writer busy", "of it: insert", "Run took (s)"]
    out = ["| " + " | ".join(head) + " |", "|---|" + "---|" * (len(head) - 1)]
    for m in rows:
        setting = [m.get("settings", {}).get(name, "unset (default)") for name in SWEPT_SETTINGS]
        if "EVENT_PROCESSING_INSERT_CONCURRENCY" not in m.get("settings", {}) and m.get("writers"):
            setting[0] = f"unset ({m['writers']})"
        insert = next((r["per_writer"] for r in m.get("stages", []) if r["stage"] == "insert"),
                      None)
        out.append(
            f"| {m['label']} | " + " | ".join(setting) + f" | {num(m['events_per_s'])} | "
            f"{num(ratio(m['events_per_s'], base), 2)}× | {num(m.get('cpu_per_m'), 2)} | "
            f"{num(m.get('clickhouse_cpu_per_m'), 2)} | {num(m.get('peak_rss_mb'))} | "
            f"{pct(stages.writer_share(m.get('stages', [])))} | {pct(insert)} | "
            f"{num(m.get('step_s'))} |")
    return out


def not_run_section(results):
    return [f"- {n['label']}: {n['reason']}." for n in results.get("not_run", [])]


def steps_section(results):
    steps = results.get("steps", [])
    out = ["| Step | Seconds |", "|---|---|"]
    out += [f"| {name} | {seconds:,.0f} |" for name, seconds in steps]
    out.append(f"| all steps (build, stack start and report not included) | "
               f"{sum(s for _, s in steps):,.0f} |")
    swept = [s for name, s in steps if name.startswith(SWEEP_STEP)]
    if swept:
        out.append(f"| of which `--sweep` | {sum(swept):,.0f} |")
    return out
