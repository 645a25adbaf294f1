package io.batchline.consumer.table.legacy;

import io.batchline.consumer.batch.RejectReason;
import io.batchline.consumer.batch.Rejection;
import io.batchline.consumer.batch.SourceRecord;
import io.batchline.consumer.table.legacy.LegacyEventFields.JsonType;
import java.io.CharConversionException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Decodes Flexprice-compatible JSON events and validates them. Never throws for bad input: every
 * problem becomes a {@link Rejection} with a reason.
 */
public final class LegacyEventDecoder {

  /** ClickHouse {@code DateTime} is an unsigned 32-bit count of seconds. */
  private static final Instant LATEST_TIMESTAMP = Instant.ofEpochSecond(0xFFFF_FFFFL);

  private final int maxEventBytes;

  public LegacyEventDecoder(int maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  public LegacyDecoded decode(SourceRecord record) {
    byte[] value = record.value();
    if (value == null) {
      return reject(record, RejectReason.NULL_VALUE, "record value is null (tombstone)");
    }
    if (value.length > maxEventBytes) {
      return reject(
          record,
          RejectReason.TOO_LARGE,
          "event is " + value.length + " bytes, max-event-bytes is " + maxEventBytes);
    }
    LegacyEventFields fields;
    try {
      fields = LegacyEventFields.read(value);
    } catch (LegacyEventFields.MalformedJson e) {
      boolean utf8 =
          e.getCause() instanceof CharConversionException
              || String.valueOf(e.getMessage()).contains("UTF-8");
      return reject(record, utf8 ? RejectReason.INVALID_UTF8 : RejectReason.NOT_JSON, firstLine(e));
    }
    if (fields.rootType() == null) {
      return reject(record, RejectReason.EMPTY, "record value is empty");
    }
    if (fields.rootType() != JsonType.OBJECT) {
      return reject(
          record, RejectReason.NOT_AN_OBJECT, "expected a JSON object, got " + fields.rootType());
    }
    return decodeObject(record, fields);
  }

  private LegacyDecoded decodeObject(SourceRecord record, LegacyEventFields root) {
    String id = optionalText(root, "id");
    String eventName = optionalText(root, "event_name");
    if (id == BAD || eventName == BAD) {
      return reject(record, RejectReason.BAD_FIELD, "id and event_name must be strings");
    }
    if (eventName == null || eventName.isBlank()) {
      return invalid(record, RejectReason.MISSING_EVENT_NAME, "event_name is required", id, null);
    }
    String customer = optionalText(root, "external_customer_id");
    if (customer == BAD || customer == null || customer.isBlank()) {
      return invalid(
          record,
          RejectReason.MISSING_EXTERNAL_CUSTOMER_ID,
          "external_customer_id is required and must be a string",
          id,
          eventName);
    }
    String customerId = optionalText(root, "customer_id");
    String tenantId = optionalText(root, "tenant_id");
    String environmentId = optionalText(root, "environment_id");
    String source = optionalText(root, "source");
    if (customerId == BAD || tenantId == BAD || environmentId == BAD || source == BAD) {
      return invalid(
          record,
          RejectReason.BAD_FIELD,
          "customer_id, tenant_id, environment_id and source must be strings",
          id,
          eventName);
    }
    Instant timestamp;
    try {
      timestamp = timestamp(root.get("timestamp"), record.timestampMillis());
    } catch (IllegalArgumentException e) {
      return invalid(record, RejectReason.BAD_TIMESTAMP, e.getMessage(), id, eventName);
    }
    LegacyEventFields.Value properties = root.get("properties");
    if (properties.type() != JsonType.NULL && properties.type() != JsonType.OBJECT) {
      return invalid(
          record,
          RejectReason.BAD_PROPERTIES,
          "properties must be an object, got " + properties.type(),
          id,
          eventName);
    }
    return new LegacyDecoded.Valid(
        new LegacyEvent(
            id == null || id.isBlank() ? record.positionId() : id,
            orEmpty(tenantId),
            orEmpty(environmentId),
            customer,
            orEmpty(customerId),
            eventName,
            orEmpty(source),
            timestamp,
            properties.type() == JsonType.NULL ? "{}" : properties.text(),
            record));
  }

  private static Instant timestamp(LegacyEventFields.Value value, long recordTimestampMillis) {
    Instant result =
        switch (value.type()) {
          case NULL -> Instant.ofEpochMilli(recordTimestampMillis);
          case INTEGER -> epochMillis(value.text());
          case STRING -> rfc3339(value.text());
          default ->
              throw new IllegalArgumentException(
                  "timestamp must be an RFC 3339 string or epoch milliseconds, got "
                      + value.type());
        };
    if (result.isBefore(Instant.EPOCH) || result.isAfter(LATEST_TIMESTAMP)) {
      throw new IllegalArgumentException("timestamp " + result + " is outside 1970..2106");
    }
    return result;
  }

  private static Instant epochMillis(String text) {
    try {
      return Instant.ofEpochMilli(Long.parseLong(text));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("timestamp " + text + " is out of range");
    }
  }

  private static Instant rfc3339(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "timestamp '" + text + "' is not RFC 3339 or epoch milliseconds");
    }
  }

  /** Marks a field that is present but not a string or number; compared by identity. */
  private static final String BAD = new String("<bad>");

  private static String optionalText(LegacyEventFields root, String field) {
    LegacyEventFields.Value value = root.get(field);
    return switch (value.type()) {
      case NULL -> null;
      case STRING, INTEGER, NUMBER -> value.text();
      default -> BAD;
    };
  }

  private static LegacyDecoded invalid(
      SourceRecord record, RejectReason reason, String detail, String id, String eventName) {
    return new LegacyDecoded.Invalid(new Rejection(record, reason, detail, id, eventName));
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static LegacyDecoded reject(SourceRecord record, RejectReason reason, String detail) {
    return new LegacyDecoded.Invalid(Rejection.of(record, reason, detail));
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
