"""PNG chart: events/s (log scale) and CPU seconds per million events, by mode (matplotlib)."""

import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from report import modes  # noqa: E402

COLORS = {"consumer": "#2b6cb0", "kafka-engine": "#dd6b20", "raw-insert": "#718096",
          "kafka-read": "#a0aec0"}


def draw(results, path):
    rows = modes(results)
    labels = [textwrap.fill(m["label"], 18, break_long_words=False) for m in rows]
    colors = [COLORS[m["kind"]] for m in rows]
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(max(12, 1.2 * len(rows)), 9), sharex=True)
    rates = [m["events_per_s"] for m in rows]
    bars = top.bar(labels, rates, color=colors)
    top.set_yscale("log")
    top.set_ylabel("events/s (log scale)")
    for bar, value in zip(bars, rates):
        top.annotate(f"{value:,.0f}", (bar.get_x() + bar.get_width() / 2, value),
                     ha="center", va="bottom", fontsize=8)
    a = results["args"]
    top.set_title(f"Batchline benchmark {results['started'][:10]}: N={a['events']:,}, "
                  f"{a['partitions']} partitions, {results['machine']['nproc']} cores "
                  f"(ClickHouse {results['clickhouse_version']}, Kafka {results['kafka_version']})")

    width = 0.4
    xs = range(len(rows))
    client = [m.get("cpu_per_m") or 0 for m in rows]
    server = [m.get("clickhouse_cpu_per_m") or 0 for m in rows]
    bottom.bar([x - width / 2 for x in xs], client, width, color=colors,
               label="consumer / client process")
    bottom.bar([x + width / 2 for x in xs], server, width, color="#e2e8f0", edgecolor="#4a5568",
               hatch="//", label="ClickHouse server")
    bottom.set_yscale("symlog", linthresh=1)
    bottom.set_ylabel("CPU seconds per million events")
    bottom.legend(loc="upper right", fontsize=8)
    for x, value in zip(xs, client):
        if value:
            bottom.annotate(f"{value:,.1f}", (x - width / 2, value), ha="center",
                            va="bottom", fontsize=7)
    for x, value in zip(xs, server):
        if value:
            bottom.annotate(f"{value:,.1f}", (x + width / 2, value), ha="center",
                            va="bottom", fontsize=7)
    bottom.tick_params(axis="x", labelsize=7)
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in COLORS.values()]
    top.legend(handles, ["Batchline consumer", "ClickHouse Kafka engine", "raw insert (client)",
                         "raw Kafka read"], loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
