package io.batchline.consumer.table.legacy;

import io.batchline.consumer.batch.SourceRecord;
import io.batchline.consumer.table.EncodedRow;
import io.batchline.consumer.table.RowBinaryBuffer;
import io.batchline.consumer.table.RowEncoder;
import io.batchline.consumer.table.legacy.LegacyTableSchema.Column;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Encodes events as ClickHouse RowBinary for the columns of a {@link LegacyTableSchema}. RowBinary
 * is the cheapest format for the server to parse and works on every version we support.
 */
public final class LegacyRowBinaryEncoder implements RowEncoder {

  /** Writes one column of one row; resolved once per column, not per row. */
  @FunctionalInterface
  private interface ColumnWriter {
    void write(LegacyEvent event, Instant ingestedAt, RowBinaryBuffer out);
  }

  private final ColumnWriter[] writers;
  private final List<String> columnNames;
  private final LegacyEventDecoder decoder;

  public LegacyRowBinaryEncoder(LegacyTableSchema schema, LegacyEventDecoder decoder) {
    this.writers =
        schema.columns().stream()
            .map(LegacyRowBinaryEncoder::writerFor)
            .toArray(ColumnWriter[]::new);
    this.columnNames = schema.columnNames();
    this.decoder = decoder;
  }

  @Override
  public EncodedRow encode(SourceRecord record, Instant ingestedAt, RowBinaryBuffer out) {
    LegacyDecoded decoded = decoder.decode(record);
    if (decoded instanceof LegacyDecoded.Invalid invalid) {
      return new EncodedRow.Rejected(invalid.rejection());
    }
    LegacyEvent event = ((LegacyDecoded.Valid) decoded).event();
    for (ColumnWriter writer : writers) {
      writer.write(event, ingestedAt, out);
    }
    return new EncodedRow.Written(event.timestamp().toEpochMilli());
  }

  @Override
  public List<String> columnNames() {
    return columnNames;
  }

  @Override
  public Optional<String> partitionKey(SourceRecord record, Instant ingestedAt) {
    return Optional.empty();
  }

  public void encode(List<LegacyEvent> events, Instant ingestedAt, RowBinaryBuffer out) {
    for (LegacyEvent event : events) {
      for (ColumnWriter writer : writers) {
        writer.write(event, ingestedAt, out);
      }
    }
  }

  private static ColumnWriter writerFor(Column column) {
    return switch (column.kind()) {
      case STRING -> {
        Function<LegacyEvent, String> value = stringValue(column.name());
        yield (event, ingestedAt, out) -> writeString(out, value.apply(event));
      }
      case NULLABLE_STRING -> {
        Function<LegacyEvent, String> value = stringValue(column.name());
        yield (event, ingestedAt, out) -> {
          out.writeByte(0);
          writeString(out, value.apply(event));
        };
      }
      case DATETIME -> {
        boolean eventTime = column.name().equals("timestamp");
        yield (event, ingestedAt, out) ->
            out.writeLittleEndian((eventTime ? event.timestamp() : ingestedAt).getEpochSecond(), 4);
      }
      case DATETIME64 -> {
        boolean eventTime = column.name().equals("timestamp");
        yield (event, ingestedAt, out) ->
            out.writeLittleEndian(ticks(eventTime ? event.timestamp() : ingestedAt, column), 8);
      }
    };
  }

  private static Function<LegacyEvent, String> stringValue(String column) {
    return switch (column) {
      case "id" -> LegacyEvent::id;
      case "tenant_id" -> LegacyEvent::tenantId;
      case "environment_id" -> LegacyEvent::environmentId;
      case "external_customer_id" -> LegacyEvent::externalCustomerId;
      case "customer_id" -> LegacyEvent::customerId;
      case "event_name" -> LegacyEvent::eventName;
      case "source" -> LegacyEvent::source;
      case "properties" -> LegacyEvent::properties;
      default -> throw new IllegalStateException("no string column " + column);
    };
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
