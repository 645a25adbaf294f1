-- Batchline events table for ClickHouse 22.x and newer: millisecond timestamps (DateTime64) and
-- a deduplication window, so that a replayed insert carrying the same insert_deduplication_token
-- is dropped by the server itself. The consumer detects the column types at startup.
CREATE DATABASE IF NOT EXISTS batchline;

CREATE TABLE IF NOT EXISTS batchline.events
(
    id                   String,
    tenant_id            LowCardinality(String),
    environment_id       LowCardinality(String),
    external_customer_id String,
    customer_id          String,
    event_name           LowCardinality(String),
    source               LowCardinality(String),
    timestamp            DateTime64(3, 'UTC'),
    properties           String CODEC(ZSTD(3)),
    ingested_at          DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(timestamp)
ORDER BY (tenant_id, environment_id, external_customer_id, event_name, timestamp, id)
SETTINGS non_replicated_deduplication_window = 1000;
