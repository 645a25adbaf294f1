package io.batchline.consumer.table.legacy;

import io.batchline.consumer.batch.Rejection;

/** The outcome of decoding one record: an event to write, or a rejection for the DLQ. */
public sealed interface LegacyDecoded permits LegacyDecoded.Valid, LegacyDecoded.Invalid {

  record Valid(LegacyEvent event) implements LegacyDecoded {}

  record Invalid(Rejection rejection) implements LegacyDecoded {}
}
