package io.batchline.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.consumer.batch.Event;
import io.batchline.consumer.batch.EventDecoder;
import io.batchline.consumer.batch.PartitionKey;
import io.batchline.consumer.batch.SourceRecord;
import io.batchline.consumer.table.RowBinaryBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowBinaryEncoderTest {

  private static Event event(String id) {
    return new Event(
        id,
        "t",
        "",
        "c",
        "",
        "n",
        "",
        Instant.ofEpochSecond(0x01020304L, 250_000_000),
        "{}",
        new SourceRecord(new PartitionKey("events", 0), 1, 0, new byte[0]));
  }

  @Test
  void writesStringsWithVarIntLengthsAndDateTimeAsLittleEndianSeconds() {
    TableSchema schema = TableSchema.check("db.t", TableSchemaTest.legacyColumns());
    RowBinaryBuffer out = new RowBinaryBuffer();

    new RowBinaryEncoder(schema, new EventDecoder(1000))
        .encode(List.of(event("ab")), Instant.ofEpochSecond(0x0A0B0C0DL), out);

    String hex = HexFormat.of().formatHex(out.toByteArray());
    // id "ab", tenant "t", env "", customer "c", customer_id "", name "n", source "", props "{}"
    assertThat(hex)
        .isEqualTo(
            "026162"
                + "0174"
                + "00"
                + "0163"
                + "00"
                + "016e"
                + "00"
                + "027b7d"
                + "04030201"
                + "0d0c0b0a");
  }

  @Test
  void writesDateTime64TicksAtTheColumnsPrecision() {
    Map<String, String> columns = TableSchemaTest.legacyColumns();
    columns.put("timestamp", "DateTime64(3)");
    columns.remove("ingested_at");
    RowBinaryBuffer out = new RowBinaryBuffer();

    new RowBinaryEncoder(TableSchema.check("db.t", columns), new EventDecoder(1000))
        .encode(List.of(event("")), Instant.EPOCH, out);

    byte[] bytes = out.toByteArray();
    long ticks = 0;
    for (int i = 7; i >= 0; i--) {
      ticks = (ticks << 8) | (bytes[bytes.length - 8 + i] & 0xFF);
    }
    assertThat(ticks).isEqualTo(0x01020304L * 1000 + 250);
  }

  @Test
  void longStringsUseMultiByteLengths() {
    RowBinaryBuffer out = new RowBinaryBuffer();
    RowBinaryEncoder.writeString(out, "x".repeat(300));
    assertThat(HexFormat.of().formatHex(out.toByteArray(), 0, 2)).isEqualTo("ac02");
    assertThat(out.size()).isEqualTo(302);
  }
}
