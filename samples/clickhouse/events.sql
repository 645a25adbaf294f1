-- Batchline default events table. Works on ClickHouse 18.16 and every later version.
-- ReplacingMergeTree keyed on the event id: rows replayed after a crash or a rebalance carry the
-- same id and collapse on merge. Query with FINAL (or uniqExact(id)) for exact billing counts.
CREATE DATABASE IF NOT EXISTS batchline;

CREATE TABLE IF NOT EXISTS batchline.events
(
    id                   String,
    tenant_id            String,
    environment_id       String,
    external_customer_id String,
    customer_id          String,
    event_name           String,
    source               String,
    timestamp            DateTime,
    properties           String,
    ingested_at          DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(timestamp)
ORDER BY (tenant_id, environment_id, external_customer_id, event_name, timestamp, id);
