package io.batchline.consumer.table;

import io.batchline.consumer.batch.SourceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one Kafka record into one RowBinary row of the target table. Implementations are immutable
 * and safe to use from several threads at once, because batches are encoded concurrently.
 */
public interface RowEncoder {

  /**
   * Appends the record's row to {@code out}, its columns in the order of {@link #columnNames()}. A
   * problem with this record alone leaves {@code out} as it was and returns {@link
   * EncodedRow.Rejected}; it never throws for bad input.
   *
   * @param ingestedAt the ingestion time written where the table asks for one; the same for every
   *     row of a batch and for every replay of it, so that a replay encodes to the same bytes
   */
  EncodedRow encode(SourceRecord record, Instant ingestedAt, RowBinaryBuffer out);

  /**
   * A writer for the rows of one batch, used by one thread: like {@link #encode}, but it may keep
   * scratch state from row to row.
   */
  default RowWriter rowWriter() {
    return this::encode;
  }

  /** {@link RowEncoder#encode} for one thread. */
  @FunctionalInterface
  interface RowWriter {
    EncodedRow encode(SourceRecord record, Instant ingestedAt, RowBinaryBuffer out);
  }

  /** The INSERT's column list. */
  List<String> columnNames();

  /**
   * The format the rows are in. {@link InsertFormat#ROW_BINARY_WITH_DEFAULTS} only when a column
   * may take its DEFAULT per row, on servers that have the format (23.7 and newer).
   */
  default InsertFormat format() {
    return InsertFormat.ROW_BINARY;
  }

  /**
   * Settings the INSERT must carry for these rows to be read as meant, for example {@code
   * input_format_binary_read_json_as_string=1} for a JSON column; usually none.
   */
  default Map<String, String> insertSettings() {
    return Map.of();
  }

  /**
   * The value of the table's partition key for this record's row, used to split a batch that spans
   * more partitions than one INSERT may; empty when it cannot be computed outside the server.
   */
  Optional<String> partitionKey(SourceRecord record, Instant ingestedAt);
}
