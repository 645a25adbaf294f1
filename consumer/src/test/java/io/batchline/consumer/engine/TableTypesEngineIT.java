package io.batchline.consumer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.consumer.batch.PartitionKey;
import io.batchline.consumer.batch.SourceRecord;
import io.batchline.consumer.clickhouse.ServerVersion;
import io.batchline.consumer.clickhouse.TableSchemaReader;
import io.batchline.consumer.table.EncodedRow;
import io.batchline.consumer.table.EncoderSettings;
import io.batchline.consumer.table.InsertFormat;
import io.batchline.consumer.table.RowBinaryBuffer;
import io.batchline.consumer.table.TableDefinition;
import io.batchline.consumer.table.TableRowEncoder;
import io.batchline.testkit.ChdbEngine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The types ClickHouse 18.16 lacks, checked on the ClickHouse 26.9 <b>engine</b> (chdb): an engine
 * check, not a server test, so the HTTP path is not covered. The consumer's own schema reader reads
 * the engine's {@code system.columns}, its encoder writes the events, and the engine decodes those
 * bytes, with the table's DEFAULTs applied per row (RowBinaryWithDefaults) and JSON read as text,
 * to the values that were sent.
 */
class TableTypesEngineIT {

  static final String TABLE =
      """
      CREATE TABLE modern
      (
          id String,
          dt64_0 DateTime64(0),
          dt64_3 DateTime64(3, 'UTC'),
          dt64_6 DateTime64(6, 'Asia/Tokyo'),
          dt64_9 DateTime64(9),
          i128 Int128,
          u128 UInt128,
          i256 Int256,
          u256 UInt256,
          d32 Date32,
          ip4 IPv4,
          ip6 IPv6,
          b Bool,
          m Map(String, UInt64),
          mn Map(String, Nullable(String)),
          lc LowCardinality(String),
          lcn LowCardinality(Nullable(String)),
          d256 Decimal(76, 20),
          t Tuple(a UInt8, b String),
          j JSON,
          region LowCardinality(String) DEFAULT 'unknown',
          note String DEFAULT concat(id, '-note')
      )
      ENGINE = MergeTree ORDER BY id
      """;

  static final List<String> EVENTS =
      List.of(
          "{\"id\":\"min\",\"dt64_0\":\"1900-01-01 00:00:00\",\"dt64_3\":-2208988800000,"
              + "\"dt64_6\":\"1900-01-01T09:00:00+09:00\",\"dt64_9\":\"1900-01-01T00:00:00Z\","
              + "\"i128\":-170141183460469231731687303715884105728,\"u128\":0,"
              + "\"i256\":\"-57896044618658097711785492504343953926634992332820282019728792003956564819968\","
              + "\"u256\":0,\"d32\":\"1900-01-01\",\"ip4\":\"0.0.0.0\",\"ip6\":\"::\",\"b\":false,"
              + "\"m\":{},\"mn\":{},\"lc\":\"\",\"lcn\":null,"
              + "\"d256\":\"-99999999999999999999999999999999999999999999999999999999.99999999999999999999\","
              + "\"t\":{\"a\":0,\"b\":\"\"},\"j\":{},\"region\":\"eu\",\"note\":\"n\"}",
          "{\"id\":\"max\",\"dt64_0\":\"2299-12-31T23:59:59Z\",\"dt64_3\":\"2299-12-31T23:59:59.999Z\","
              + "\"dt64_6\":\"2299-12-31T23:59:59.999999+09:00\","
              + "\"dt64_9\":\"2262-04-11T23:47:16.854775807Z\","
              + "\"i128\":\"170141183460469231731687303715884105727\","
              + "\"u128\":340282366920938463463374607431768211455,"
              + "\"i256\":57896044618658097711785492504343953926634992332820282019728792003956564819967,"
              + "\"u256\":\"115792089237316195423570985008687907853269984665640564039457584007913129639935\","
              + "\"d32\":\"2299-12-31\",\"ip4\":\"255.255.255.255\","
              + "\"ip6\":\"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\",\"b\":true,"
              + "\"m\":{\"a\":18446744073709551615},\"mn\":{\"x\":null,\"y\":\"z\"},\"lc\":\"z\","
              + "\"lcn\":\"z\","
              + "\"d256\":99999999999999999999999999999999999999999999999999999999.99999999999999999999,"
              + "\"t\":[255,\"z\"],\"j\":{\"a\":{\"b\":\"c\"},\"s\":\"x\"}}",
          "{\"id\":\"typical\",\"dt64_0\":1764547200,\"dt64_3\":1764547200.123,"
              + "\"dt64_6\":1764547200123456,\"dt64_9\":\"2025-12-01T00:00:00.123456789Z\","
              + "\"i128\":-1,\"u128\":\"1\",\"i256\":-1,\"u256\":1,\"d32\":\"2025-12-01\","
              + "\"ip4\":\"10.1.2.3\",\"ip6\":\"2001:db8::ff00:42:8329\",\"b\":\"true\","
              + "\"m\":{\"requests\":3,\"\u00e9\":1},\"mn\":{\"k\":\"v\"},\"lc\":\"\u00fcber\","
              + "\"lcn\":\"\u00e9\",\"d256\":\"12.5\",\"t\":{\"b\":\"\u00e9\",\"a\":7},"
              + "\"j\":{\"user\":{\"plan\":\"pro\"}}}");

  static final List<String> EXPECTED =
      List.of(
          "{\"id\":\"max\",\"dt64_0\":\"2299-12-31 23:59:59\",\"dt64_3\":\"2299-12-31 23:59:59.999\","
              + "\"dt64_6\":\"2299-12-31 23:59:59.999999\","
              + "\"dt64_9\":\"2262-04-11 23:47:16.854775807\","
              + "\"i128\":170141183460469231731687303715884105727,"
              + "\"u128\":340282366920938463463374607431768211455,"
              + "\"i256\":57896044618658097711785492504343953926634992332820282019728792003956564819967,"
              + "\"u256\":115792089237316195423570985008687907853269984665640564039457584007913129639935,"
              + "\"d32\":\"2299-12-31\",\"ip4\":\"255.255.255.255\","
              + "\"ip6\":\"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\",\"b\":true,"
              + "\"m\":{\"a\":18446744073709551615},\"mn\":{\"x\":null,\"y\":\"z\"},\"lc\":\"z\","
              + "\"lcn\":\"z\","
              + "\"d256\":99999999999999999999999999999999999999999999999999999999.99999999999999999999,"
              + "\"t\":{\"a\":255,\"b\":\"z\"},\"j\":{\"a\":{\"b\":\"c\"},\"s\":\"x\"},"
              + "\"region\":\"unknown\",\"note\":\"max-note\"}",
          "{\"id\":\"min\",\"dt64_0\":\"1900-01-01 00:00:00\",\"dt64_3\":\"1900-01-01 00:00:00.000\","
              + "\"dt64_6\":\"1900-01-01 09:00:00.000000\",\"dt64_9\":\"1900-01-01 00:00:00.000000000\","
              + "\"i128\":-170141183460469231731687303715884105728,\"u128\":0,"
              + "\"i256\":-57896044618658097711785492504343953926634992332820282019728792003956564819968,"
              + "\"u256\":0,\"d32\":\"1900-01-01\",\"ip4\":\"0.0.0.0\",\"ip6\":\"::\",\"b\":false,"
              + "\"m\":{},\"mn\":{},\"lc\":\"\",\"lcn\":null,"
              + "\"d256\":-99999999999999999999999999999999999999999999999999999999.99999999999999999999,"
              + "\"t\":{\"a\":0,\"b\":\"\"},\"j\":{},\"region\":\"eu\",\"note\":\"n\"}",
          "{\"id\":\"typical\",\"dt64_0\":\"2025-12-01 00:00:00\",\"dt64_3\":\"2025-12-01 00:00:00.123\","
              + "\"dt64_6\":\"2025-12-01 09:00:00.123456\",\"dt64_9\":\"2025-12-01 00:00:00.123456789\","
              + "\"i128\":-1,\"u128\":1,\"i256\":-1,\"u256\":1,\"d32\":\"2025-12-01\","
              + "\"ip4\":\"10.1.2.3\",\"ip6\":\"2001:db8::ff00:42:8329\",\"b\":true,"
              + "\"m\":{\"requests\":3,\"\u00e9\":1},\"mn\":{\"k\":\"v\"},\"lc\":\"\u00fcber\","
              + "\"lcn\":\"\u00e9\",\"d256\":12.5,\"t\":{\"a\":7,\"b\":\"\u00e9\"},"
              + "\"j\":{\"user\":{\"plan\":\"pro\"}},\"region\":\"unknown\",\"note\":\"typical-note\"}");

  private static ChdbEngine engine;

  @BeforeAll
  static void start() {
    engine = ChdbEngine.start();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void typesThat1816LacksDecodeFromTheConsumersBytesToTheValuesSent() throws Exception {
    engine.execute(TABLE);
    ServerVersion version = ServerVersion.parse(engine.version());
    TableDefinition table =
        TableSchemaReader.read(
            sql -> List.of(engine.query(sql).split("\n")),
            "default",
            "modern",
            TableSchemaReader.features(version, "UTC"));
    TableRowEncoder encoder = EncoderSettings.DEFAULTS.encoderFor(table);
    RowBinaryBuffer rows = new RowBinaryBuffer();
    long offset = 0;
    for (String event : EVENTS) {
      SourceRecord record =
          new SourceRecord(
              new PartitionKey("events", 0),
              offset++,
              1_764_547_200_000L,
              event.getBytes(StandardCharsets.UTF_8));
      assertThat(encoder.encode(record, Instant.EPOCH, rows))
          .as(event)
          .isInstanceOf(EncodedRow.Written.class);
    }
    assertThat(encoder.format()).isEqualTo(InsertFormat.ROW_BINARY_WITH_DEFAULTS);
    assertThat(encoder.insertSettings())
        .isEqualTo(Map.of("input_format_binary_read_json_as_string", "1"));

    engine.insertFile(
        "modern (" + String.join(", ", encoder.columnNames()) + ")",
        "RowBinaryWithDefaults",
        rows.toByteArray(),
        encoder.insertSettings().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", ")));

    assertThat(
            engine
                .query(
                    "SELECT * FROM modern ORDER BY id"
                        + " SETTINGS output_format_json_quote_64bit_integers = 0",
                    "JSONEachRow")
                .strip()
                .split("\n"))
        .containsExactlyElementsOf(EXPECTED);
  }
}
