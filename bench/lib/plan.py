"""What the benchmark runs: the workloads (table shape and events) and the Batchline modes.

A Batchline mode is a dict: `key`, `label`, `settings` (the consumer's environment), `flush_s`
(the bound of its latency target) and `workload` (a key of WORKLOADS; default "events").
"""

import dataclasses
import os

from common import ROOT


@dataclasses.dataclass(frozen=True)
class Workload:
    """A table shape and the events for it.

    `table_sql`: a file under the repository whose first CREATE TABLE statement is the table
    (renamed for each run); None while the workload is not available yet, with `missing` saying
    why. `producer_args`: extra `testkit produce` options that generate its events.
    `id_column`: the expression of each event's unique id, counted with uniqExact to know when a
    run is done.
    """

    key: str
    description: str
    table_sql: str | None
    producer_args: tuple = ()
    id_column: str = "id"
    missing: str = ""

    def available(self):
        return self.table_sql is not None and os.path.exists(os.path.join(ROOT, self.table_sql))

    def why_not_available(self):
        if self.table_sql is None:
            return self.missing
        return f"{self.table_sql} does not exist"


WORKLOADS = {
    "events": Workload(
        "events", "the default table (`samples/clickhouse/events.sql`, 10 columns) and "
        "Flexprice-style events", "samples/clickhouse/events.sql"),
    "wide": Workload(
        "wide", "a 20-column table with mixed types (UUID, Decimal, LowCardinality, Enum, "
        "Nullable, Array, FixedString, ...) and events mapped onto it by "
        "`CLICKHOUSE_COLUMNS`", "samples/clickhouse/usage-mixed.sql",
        # As a String: ClickHouse 18.16 hashes a UUID for uniqExact by one half only, and these
        # ids share their high half, so uniqExact(event_id) over 1,000,000 rows runs for many
        # minutes (30,000 rows: 0.63 s, against 0.02 s as strings).
        producer_args=("--shape", "mixed"), id_column="toString(event_id)"),
}

# testkit's MixedUsageGenerator.COLUMNS: how its events map onto usage-mixed.sql.
MIXED_COLUMNS = ("quantity=usage.quantity,unit_price=usage.unit_price,attributes=properties,"
                 "kafka_offset=_offset")

LARGE_BATCH = {"EVENT_PROCESSING_BATCH_SIZE": "10000", "EVENT_PROCESSING_BATCH_FLUSH_SECONDS": "1"}

# Measured in this order, each with a latency run; the targets refer to these keys.
CONSUMER_MODES = [
    {"key": "rollback", "label": "rollback (1 / 0 s)",
     "settings": {"EVENT_PROCESSING_BATCH_SIZE": "1", "EVENT_PROCESSING_BATCH_FLUSH_SECONDS": "0"},
     "flush_s": 0},
    {"key": "balanced", "label": "balanced (200 / 5 s)",
     "settings": {"EVENT_PROCESSING_PRESET": "balanced"}, "flush_s": 5},
    {"key": "high_throughput", "label": "high-throughput (500 / 10 s)",
     "settings": {"EVENT_PROCESSING_PRESET": "high-throughput"}, "flush_s": 10},
    {"key": "large_batch", "label": "large batch (10,000 / 1 s)", "settings": LARGE_BATCH,
     "flush_s": 1},
]
LARGE_BATCH_MODE = CONSUMER_MODES[-1]

# Other table shapes, large-batch settings, throughput only. Skipped (and named in the report)
# while their workload is not available.
SHAPE_MODES = [
    {"key": "wide", "label": "20-column table, large batch (10,000 / 1 s)",
     "settings": {**LARGE_BATCH, "CLICKHOUSE_COLUMNS": MIXED_COLUMNS}, "flush_s": 1,
     "workload": "wide"},
]

# `--sweep`: the large-batch mode again with one setting changed. The main run's large-batch
# mode (the consumer's defaults) is the reference row.
SWEEPS = [
    {"key": "sweep_concurrency_1", "label": "large batch, insert concurrency 1",
     "settings": {**LARGE_BATCH, "EVENT_PROCESSING_INSERT_CONCURRENCY": "1"}},
    {"key": "sweep_concurrency_4", "label": "large batch, insert concurrency 4",
     "settings": {**LARGE_BATCH, "EVENT_PROCESSING_INSERT_CONCURRENCY": "4"}},
    {"key": "sweep_compress_false", "label": "large batch, no LZ4 request compression",
     "settings": {**LARGE_BATCH, "CLICKHOUSE_COMPRESS": "false"}},
]
SWEPT_SETTINGS = ("EVENT_PROCESSING_INSERT_CONCURRENCY", "CLICKHOUSE_COMPRESS")


def workload(mode):
    return WORKLOADS[mode.get("workload", "events")]


def scale_out_modes(partitions, consumers):
    """The large-batch mode on a topic with more partitions: one consumer, then `consumers` in
    one group."""
    single = {**LARGE_BATCH_MODE, "key": f"scale_1x{partitions}",
              "label": f"large batch, 1 consumer, {partitions} partitions", "consumers": 1}
    group = {**LARGE_BATCH_MODE, "key": f"scale_{consumers}x{partitions}",
             "label": f"large batch, {consumers} consumers in one group, {partitions} partitions",
             "consumers": consumers}
    return [single] + ([group] if consumers > 1 else [])
