package io.batchline.consumer.table;

/** What a column gets when its source has no value for a row. */
public sealed interface WhenMissing {

  /** NULL: the column is Nullable. */
  record WriteNull() implements WhenMissing {}

  /** The column's DEFAULT, asked of the server per row (RowBinaryWithDefaults). */
  record ServerDefault() implements WhenMissing {}

  /** Fixed bytes, worked out once: a literal DEFAULT, or the Flexprice empty values. */
  record Constant(byte[] bytes, String description) implements WhenMissing {}

  /** Another source's value: the Flexprice id and timestamp fallbacks, a DEFAULT now(). */
  record Fallback(Source source) implements WhenMissing {}

  /** The event cannot become a row: {@code missing_field} naming the column. */
  record Reject() implements WhenMissing {}
}
