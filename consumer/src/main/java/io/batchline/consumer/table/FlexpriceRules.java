package io.batchline.consumer.table;

import io.batchline.consumer.batch.RejectReason;
import io.batchline.consumer.batch.Rejection;
import io.batchline.consumer.batch.SourceRecord;
import io.batchline.consumer.table.FieldValue.Kind;
import java.util.List;
import java.util.Map;

/**
 * The Flexprice event contract, applied when no mapping is configured and the table has the
 * Flexprice columns: {@code event_name} and {@code external_customer_id} are required, the other
 * text fields must be strings (or numbers), {@code properties} must be an object, and an event
 * without an {@code id} gets {@code <topic>-<partition>-<offset>}. Each problem keeps the reason it
 * has always had.
 */
final class FlexpriceRules {

  static final List<String> TEXT_COLUMNS =
      List.of(
          "id",
          "tenant_id",
          "environment_id",
          "external_customer_id",
          "customer_id",
          "event_name",
          "source",
          "properties");
  static final String TIMESTAMP = "timestamp";
  static final String INGESTED_AT = "ingested_at";

  private final int id;
  private final int eventName;
  private final int customer;
  private final int[] optionalText;
  private final int properties;
  private final int positionId;

  /**
   * @param slots the value slot of each Flexprice column, and of {@link
   *     Source.Attribute#POSITION_ID}
   */
  FlexpriceRules(Map<String, Integer> slots, int positionIdSlot) {
    id = slots.get("id");
    eventName = slots.get("event_name");
    customer = slots.get("external_customer_id");
    optionalText =
        new int[] {
          slots.get("customer_id"),
          slots.get("tenant_id"),
          slots.get("environment_id"),
          slots.get("source")
        };
    properties = slots.get("properties");
    positionId = positionIdSlot;
  }

  /** True when the table has every Flexprice column, with text and time types. */
  static boolean matches(TableDefinition table) {
    for (String name : TEXT_COLUMNS) {
      if (table.column(name).filter(c -> isText(TypeParser.parse(c.type()))).isEmpty()) {
        return false;
      }
    }
    return table
        .column(TIMESTAMP)
        .filter(c -> isTime(WriterFactory.base(TypeParser.parse(c.type()))))
        .isPresent();
  }

  private static boolean isText(ColumnType type) {
    return WriterFactory.base(type) instanceof ColumnType.StringType;
  }

  static boolean isTime(ColumnType base) {
    return base instanceof ColumnType.DateTimeType || base instanceof ColumnType.DateTime64Type;
  }

  /** Null when the event keeps the contract (filling in its id), else its rejection. */
  Rejection check(SourceRecord record, RowValues values) {
    FieldValue[] slots = values.slots;
    if (!isText(slots[id]) || !isText(slots[eventName])) {
      return Rejection.of(record, RejectReason.BAD_FIELD, "id and event_name must be strings");
    }
    if (isBlank(slots[id])) {
      slots[id].copyOf(values.positionId(positionId, record));
    }
    if (isBlank(slots[eventName])) {
      return reject(record, slots, RejectReason.MISSING_EVENT_NAME, "event_name is required");
    }
    if (!isText(slots[customer]) || isBlank(slots[customer])) {
      return reject(
          record,
          slots,
          RejectReason.MISSING_EXTERNAL_CUSTOMER_ID,
          "external_customer_id is required and must be a string");
    }
    for (int slot : optionalText) {
      if (!isText(slots[slot])) {
        return reject(
            record,
            slots,
            RejectReason.BAD_FIELD,
            "customer_id, tenant_id, environment_id and source must be strings");
      }
    }
    Kind kind = slots[properties].kind();
    if (kind != Kind.OBJECT && !slots[properties].isMissing()) {
      return reject(
          record,
          slots,
          RejectReason.BAD_PROPERTIES,
          "properties must be an object, got " + describe(kind));
    }
    return null;
  }

  /** A rejection carrying the event's id and name, where they could be read. */
  Rejection reject(SourceRecord record, FieldValue[] slots, RejectReason reason, String detail) {
    return new Rejection(record, reason, detail, text(slots[id]), text(slots[eventName]));
  }

  private static String text(FieldValue value) {
    return value.kind() == Kind.STRING || value.kind() == Kind.NUMBER ? value.asString() : null;
  }

  private static boolean isText(FieldValue value) {
    return value.isMissing() || value.kind() == Kind.STRING || value.kind() == Kind.NUMBER;
  }

  private static boolean isBlank(FieldValue value) {
    if (value.isMissing()) {
      return true;
    }
    byte[] bytes = value.bytes();
    for (int i = value.start(); i < value.end(); i++) {
      if (!Character.isWhitespace(bytes[i])) {
        return false;
      }
    }
    return true;
  }

  private static String describe(Kind kind) {
    return switch (kind) {
      case ARRAY -> "ARRAY";
      case STRING -> "STRING";
      case NUMBER -> "NUMBER";
      case BOOLEAN -> "BOOLEAN";
      default -> kind.name();
    };
  }
}
