package io.batchline.consumer.batch;

/** Why an input record was sent to the dead-letter topic instead of ClickHouse. */
public enum RejectReason {
  EMPTY("empty"),
  NULL_VALUE("null_value"),
  TOO_LARGE("too_large"),
  INVALID_UTF8("invalid_utf8"),
  NOT_JSON("not_json"),
  NOT_AN_OBJECT("not_an_object"),
  MISSING_EVENT_NAME("missing_event_name"),
  MISSING_EXTERNAL_CUSTOMER_ID("missing_external_customer_id"),
  BAD_TIMESTAMP("bad_timestamp"),
  BAD_PROPERTIES("bad_properties"),
  BAD_FIELD("bad_field"),
  TYPE_MISMATCH("type_mismatch"),
  MISSING_FIELD("missing_field"),
  TIMESTAMP_OUT_OF_RANGE("timestamp_out_of_range"),
  REJECTED_BY_CLICKHOUSE("rejected_by_clickhouse");

  private final String label;

  RejectReason(String label) {
    this.label = label;
  }

  /** The value used in the DLQ header and the metric label. */
  public String label() {
    return label;
  }
}
