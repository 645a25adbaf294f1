package io.batchline.consumer.batch;

import io.batchline.consumer.table.EncodedRow;
import io.batchline.consumer.table.RowBinaryBuffer;
import io.batchline.consumer.table.RowEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stand-in table encoder: each row is the record's value as a length-prefixed string, followed by
 * the ingestion time, so tests can see both. Values starting with {@code !} cannot be rows; the
 * text after {@code @} is the row's partition key; {@code prefix} marks which schema encoded it.
 */
final class TestRowEncoder implements RowEncoder {

  private final String prefix;

  TestRowEncoder(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public EncodedRow encode(SourceRecord record, Instant ingestedAt, RowBinaryBuffer out) {
    String value = text(record.value());
    if (value == null || value.startsWith("!")) {
      return new EncodedRow.Rejected(
          new Rejection(record, RejectReason.NOT_JSON, "not a row: " + value, null, null));
    }
    byte[] bytes = (prefix + value).getBytes(StandardCharsets.UTF_8);
    out.writeVarUInt(bytes.length);
    out.writeBytes(bytes);
    out.writeLittleEndian(ingestedAt.toEpochMilli(), 8);
    return new EncodedRow.Written(record.timestampMillis());
  }

  @Override
  public List<String> columnNames() {
    return List.of("value", "ingested_at");
  }

  @Override
  public Optional<String> partitionKey(SourceRecord record, Instant ingestedAt) {
    String value = text(record.value());
    int at = value.indexOf('@');
    return at < 0 ? Optional.empty() : Optional.of(value.substring(at + 1));
  }

  private static String text(EventBytes value) {
    return value == null
        ? null
        : new String(value.array(), value.from(), value.length(), StandardCharsets.UTF_8);
  }

  /** The values of the rows in bytes {@code [from, to)} of a body this encoder wrote. */
  static List<String> rows(RowBinaryBuffer body, int from, int to) {
    byte[] bytes = body.array();
    List<String> rows = new ArrayList<>();
    int at = from;
    while (at < to) {
      long length = 0;
      int shift = 0;
      int b;
      do {
        b = bytes[at++] & 0xFF;
        length |= (long) (b & 0x7F) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      rows.add(new String(bytes, at, (int) length, StandardCharsets.UTF_8));
      at += (int) length + 8;
    }
    return rows;
  }
}
