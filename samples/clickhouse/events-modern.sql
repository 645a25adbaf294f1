-- Batchline events table for ClickHouse 22.x and newer: millisecond timestamps (DateTime64) and
-- a deduplication window, so that a replayed insert carrying the same insert_deduplication_token
-- is dropped by the server itself. The consumer detects the column types at startup.
--
-- Then usage per customer, event name and day, summed by a materialized view: the shape most
-- billing queries read. The consumer sends deduplicate_blocks_in_dependent_materialized_views=1,
-- and the view's own table keeps a deduplication window too, so a replayed batch reaches neither
-- table: the sums stay exact (docs/delivery.md). usage-daily.sql is the same view for 18.16.
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

CREATE TABLE IF NOT EXISTS batchline.usage_daily
(
    tenant_id            LowCardinality(String),
    external_customer_id String,
    event_name           LowCardinality(String),
    day                  Date,
    events               UInt64,
    quantity             Float64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (tenant_id, external_customer_id, event_name, day)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS batchline.usage_daily_mv TO batchline.usage_daily AS
SELECT
    tenant_id,
    external_customer_id,
    event_name,
    toDate(timestamp) AS day,
    count() AS events,
    sum(JSONExtractFloat(properties, 'quantity')) AS quantity
FROM batchline.events
GROUP BY tenant_id, external_customer_id, event_name, day;
