-- Usage per customer, event name and day, summed by a materialized view on batchline.events
-- (events.sql), for ClickHouse 18.16 and every later version. events-modern.sql has the same
-- view for 22.x and newer, where it stays exact through replays.
--
-- A materialized view sums what is inserted into the events table; FINAL on the events table
-- cannot undo a replay the view has already summed. Servers before 22.2 have no deduplication
-- token, so a batch replayed after a crash is summed twice here: bill from batchline.events with
-- FINAL on those servers (docs/delivery.md).
CREATE TABLE IF NOT EXISTS batchline.usage_daily
(
    tenant_id            String,
    external_customer_id String,
    event_name           String,
    day                  Date,
    events               UInt64,
    quantity             Float64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (tenant_id, external_customer_id, event_name, day);

CREATE MATERIALIZED VIEW IF NOT EXISTS batchline.usage_daily_mv TO batchline.usage_daily AS
SELECT
    tenant_id,
    external_customer_id,
    event_name,
    toDate(timestamp) AS day,
    count() AS events,
    sum(visitParamExtractFloat(properties, 'quantity')) AS quantity
FROM batchline.events
GROUP BY tenant_id, external_customer_id, event_name, day;
