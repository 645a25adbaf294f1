-- A 20-column usage table of mixed types, for the benchmark and as an example of a table of
-- your own (ClickHouse 18.16 and newer; create it with allow_experimental_low_cardinality_type=1
-- on 18.x). Events: testkit's MixedUsageGenerator. The consumer maps it with
--   CLICKHOUSE_COLUMNS=quantity=usage.quantity,unit_price=usage.unit_price,attributes=properties,kafka_offset=_offset
-- and every other column takes the event's field of its name.
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
    occurred_at    DateTime,
    day            Date,
    latency_ms     Float32,
    bytes_in       UInt32,
    bytes_out      Nullable(UInt32),
    success        UInt8,
    status_code    UInt16,
    tags           Array(LowCardinality(String)),
    client_version FixedString(8),
    client_ip      String,
    attributes     String,
    kafka_offset   UInt64
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (customer, occurred_at, event_id);
