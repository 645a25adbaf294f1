-- The 20-column mixed usage table with the types of ClickHouse 23.x and newer: Map, DateTime64,
-- Bool, Date32, IPv6. Same events (testkit's MixedUsageGenerator) and the same mapping as
-- usage-mixed.sql:
--   CLICKHOUSE_COLUMNS=quantity=usage.quantity,unit_price=usage.unit_price,attributes=properties,kafka_offset=_offset
CREATE DATABASE IF NOT EXISTS batchline;

CREATE TABLE IF NOT EXISTS batchline.usage_mixed
(
    event_id       UUID,
    account_id     UInt64,
    customer       LowCardinality(String),
    event_type     Enum8('api_call' = 1, 'tokens' = 2, 'storage' = 3),
    quantity       Decimal(18, 6),
    unit_price     Decimal(38, 10),
    region         LowCardinality(String),
    tier           Nullable(String),
    occurred_at    DateTime64(3, 'UTC'),
    day            Date32,
    latency_ms     Float32,
    bytes_in       UInt32,
    bytes_out      Nullable(UInt32),
    success        Bool,
    status_code    UInt16,
    labels         Map(String, String),
    client_version FixedString(8),
    client_ip      IPv6,
    attributes     String,
    kafka_offset   UInt64
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (customer, occurred_at, event_id);
