package io.batchline.consumer.table;

/**
 * Writes one value in a column type's RowBinary encoding. One writer is resolved per column at
 * startup; it is stateless and thread-safe. A writer never sees {@link FieldValue.Kind#ABSENT} and
 * leaves {@code null} handling to {@link CompositeWriters#nullable}: a non-nullable writer given
 * {@code null} throws {@link ValueMismatch}.
 */
@FunctionalInterface
public interface ValueWriter {

  void write(FieldValue value, RowBinaryBuffer out) throws ValueMismatch;
}
