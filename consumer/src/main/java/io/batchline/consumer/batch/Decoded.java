package io.batchline.consumer.batch;

/** The outcome of decoding one record: an event to write, or a rejection for the DLQ. */
public sealed interface Decoded permits Decoded.Valid, Decoded.Invalid {

  record Valid(Event event) implements Decoded {}

  record Invalid(Rejection rejection) implements Decoded {}
}
