package io.batchline.consumer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.consumer.batch.PartitionKey;
import io.batchline.consumer.batch.SourceRecord;
import io.batchline.consumer.clickhouse.ServerVersion;
import io.batchline.consumer.clickhouse.TableSchemaReader;
import io.batchline.consumer.table.ColumnMapping;
import io.batchline.consumer.table.EncodedRow;
import io.batchline.consumer.table.EncoderSettings;
import io.batchline.consumer.table.RowBinaryBuffer;
import io.batchline.consumer.table.TableRowEncoder;
import io.batchline.consumer.table.TimestampWindow;
import io.batchline.testkit.ChdbEngine;
import io.batchline.testkit.LocalStack;
import io.batchline.testkit.MixedUsageGenerator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The modern variant of the benchmark's table, {@code samples/clickhouse/usage-mixed-modern.sql}
 * (Map, DateTime64, Bool, Date32, IPv6), checked on the ClickHouse 26.9 <b>engine</b> (chdb), not a
 * server: the consumer's bytes for the generated events decode to the events' values.
 */
class MixedTableEngineIT {

  @Test
  void theModernSampleTableDecodesTheGeneratedEvents() throws Exception {
    String sql =
        Files.readString(
            LocalStack.findRepoRoot().resolve("samples/clickhouse/usage-mixed-modern.sql"));
    MixedUsageGenerator generator = new MixedUsageGenerator("engine", 50, 1_764_547_200L);
    try (ChdbEngine engine = ChdbEngine.start()) {
      engine.execute(sql);
      TableRowEncoder encoder =
          new EncoderSettings(
                  ColumnMapping.parse(MixedUsageGenerator.COLUMNS), TimestampWindow.OFF, 1 << 20)
              .encoderFor(
                  TableSchemaReader.read(
                      query -> List.of(engine.query(query).split("\n")),
                      "batchline",
                      "usage_mixed",
                      TableSchemaReader.features(ServerVersion.parse(engine.version()), "UTC")));
      RowBinaryBuffer rows = new RowBinaryBuffer();
      BigDecimal total = BigDecimal.ZERO;
      for (int n = 0; n < 500; n++) {
        SourceRecord record =
            new SourceRecord(
                new PartitionKey("usage", 0),
                n,
                0,
                generator.json(n).getBytes(StandardCharsets.UTF_8));
        assertThat(encoder.encode(record, Instant.EPOCH, rows))
            .isInstanceOf(EncodedRow.Written.class);
        total = total.add(new BigDecimal(generator.quantity(n)));
      }

      engine.insertFile(
          "batchline.usage_mixed (" + String.join(", ", encoder.columnNames()) + ")",
          encoder.format() == io.batchline.consumer.table.InsertFormat.ROW_BINARY
              ? "RowBinary"
              : "RowBinaryWithDefaults",
          rows.toByteArray(),
          "");

      assertThat(engine.query("SELECT count(), uniqExact(event_id) FROM batchline.usage_mixed"))
          .isEqualTo("500\t500\n");
      assertThat(
              new BigDecimal(
                  engine.query("SELECT sum(quantity) FROM batchline.usage_mixed").strip()))
          .isEqualByComparingTo(total);
      assertThat(
              engine.query(
                  "SELECT toString(event_id), occurred_at, day, success, labels, client_ip, tier,"
                      + " bytes_out FROM batchline.usage_mixed WHERE kafka_offset = 7",
                  "JSONEachRow"))
          .isEqualTo(
              "{\"toString(event_id)\":\""
                  + generator.id(7)
                  + "\",\"occurred_at\":\"2025-12-01 00:00:07.007\",\"day\":\"2025-12-01\","
                  + "\"success\":true,\"labels\":{\"team\":\"t7\",\"env\":\"prod\"},"
                  + "\"client_ip\":\"::ffff:10.0.0.7\",\"tier\":\"pro\",\"bytes_out\":null}\n");
    }
  }
}
