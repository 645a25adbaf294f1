package io.batchline.consumer.clickhouse;

import io.batchline.consumer.batch.Event;
import io.batchline.consumer.clickhouse.TableSchema.Column;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Encodes events as ClickHouse RowBinary for the columns of a {@link TableSchema}. RowBinary is the
 * cheapest format for the server to parse and works on every version we support.
 */
public final class RowBinaryEncoder {

  private final Column[] columns;

  public RowBinaryEncoder(TableSchema schema) {
    this.columns = schema.columns().toArray(new Column[0]);
  }

  public void encode(List<Event> events, Instant ingestedAt, OutputStream out) throws IOException {
    RowBinaryBuffer buffer = new RowBinaryBuffer();
    encode(events, ingestedAt, buffer);
    buffer.writeTo(out);
  }

  void encode(List<Event> events, Instant ingestedAt, RowBinaryBuffer out) {
    for (Event event : events) {
      for (Column column : columns) {
        switch (column.kind()) {
          case STRING -> writeString(out, stringValue(event, column.name()));
          case NULLABLE_STRING -> {
            out.writeByte(0);
            writeString(out, stringValue(event, column.name()));
          }
          case DATETIME ->
              out.writeLittleEndian(
                  timeValue(event, column.name(), ingestedAt).getEpochSecond(), 4);
          case DATETIME64 ->
              out.writeLittleEndian(ticks(timeValue(event, column.name(), ingestedAt), column), 8);
        }
      }
    }
  }

  private static String stringValue(Event event, String column) {
    return switch (column) {
      case "id" -> event.id();
      case "tenant_id" -> event.tenantId();
      case "environment_id" -> event.environmentId();
      case "external_customer_id" -> event.externalCustomerId();
      case "customer_id" -> event.customerId();
      case "event_name" -> event.eventName();
      case "source" -> event.source();
      case "properties" -> event.properties();
      default -> throw new IllegalStateException("no string column " + column);
    };
  }

  private static Instant timeValue(Event event, String column, Instant ingestedAt) {
    return column.equals("timestamp") ? event.timestamp() : ingestedAt;
  }

  private static long ticks(Instant instant, Column column) {
    long ticks = instant.getEpochSecond();
    int precision = column.precision();
    for (int i = 0; i < precision; i++) {
      ticks *= 10;
    }
    long nanosPerTick = 1_000_000_000L;
    for (int i = 0; i < precision; i++) {
      nanosPerTick /= 10;
    }
    return ticks + instant.getNano() / Math.max(1, nanosPerTick);
  }

  static void writeString(RowBinaryBuffer out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    long length = bytes.length;
    while ((length & ~0x7FL) != 0) {
      out.writeByte((int) ((length & 0x7F) | 0x80));
      length >>>= 7;
    }
    out.writeByte((int) length);
    out.writeBytes(bytes);
  }
}
