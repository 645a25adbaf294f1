package io.batchline.consumer.batch;

import io.batchline.consumer.table.EncodedRow;
import io.batchline.consumer.table.RowBinaryBuffer;
import io.batchline.consumer.table.RowEncoder;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Turns a record into a row of the target table, or a rejection for the dead-letter topic, with the
 * table's current {@link RowEncoder}. Never throws for bad input. Not thread-safe: one per poll
 * loop.
 */
public final class EventDecoder {

  private final Supplier<RowEncoder> encoder;
  private final Clock clock;
  private final RowBinaryBuffer scratch = new RowBinaryBuffer(4096);

  public EventDecoder(Supplier<RowEncoder> encoder, Clock clock) {
    this.encoder = encoder;
    this.clock = clock;
  }

  public Decoded decode(SourceRecord record) {
    scratch.clear();
    EncodedRow row = encoder.get().encode(record, clock.instant(), scratch);
    if (row instanceof EncodedRow.Written written) {
      return new Decoded.Valid(new Event(record, written.eventTimeMillis(), scratch.toByteArray()));
    }
    return new Decoded.Invalid(((EncodedRow.Rejected) row).rejection());
  }
}
