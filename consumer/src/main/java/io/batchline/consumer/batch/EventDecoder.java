package io.batchline.consumer.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.CharConversionException;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Decodes Flexprice-compatible JSON events and validates them. Never throws for bad input: every
 * problem becomes a {@link Rejection} with a reason.
 */
public final class EventDecoder {

  /** ClickHouse {@code DateTime} is an unsigned 32-bit count of seconds. */
  private static final Instant LATEST_TIMESTAMP = Instant.ofEpochSecond(0xFFFF_FFFFL);

  private final ObjectMapper json =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private final int maxEventBytes;

  public EventDecoder(int maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  public Decoded decode(SourceRecord record) {
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
    JsonNode root;
    try {
      root = json.readTree(value);
    } catch (CharConversionException e) {
      return reject(record, RejectReason.INVALID_UTF8, firstLine(e));
    } catch (IOException e) {
      boolean utf8 = e.getMessage() != null && e.getMessage().contains("UTF-8");
      return reject(record, utf8 ? RejectReason.INVALID_UTF8 : RejectReason.NOT_JSON, firstLine(e));
    }
    if (root == null || root.isMissingNode()) {
      return reject(record, RejectReason.EMPTY, "record value is empty");
    }
    if (!root.isObject()) {
      return reject(
          record, RejectReason.NOT_AN_OBJECT, "expected a JSON object, got " + root.getNodeType());
    }
    return decodeObject(record, root);
  }

  private Decoded decodeObject(SourceRecord record, JsonNode root) {
    String id = optionalText(root, "id");
    String eventName = optionalText(root, "event_name");
    if (id == BAD || eventName == BAD) {
      return reject(record, RejectReason.BAD_FIELD, "id and event_name must be strings");
    }
    if (eventName == null || eventName.isBlank()) {
      return new Decoded.Invalid(
          new Rejection(
              record, RejectReason.MISSING_EVENT_NAME, "event_name is required", id, null));
    }
    String customer = optionalText(root, "external_customer_id");
    if (customer == BAD || customer == null || customer.isBlank()) {
      return new Decoded.Invalid(
          new Rejection(
              record,
              RejectReason.MISSING_EXTERNAL_CUSTOMER_ID,
              "external_customer_id is required and must be a string",
              id,
              eventName));
    }
    String customerId = optionalText(root, "customer_id");
    String tenantId = optionalText(root, "tenant_id");
    String environmentId = optionalText(root, "environment_id");
    String source = optionalText(root, "source");
    if (customerId == BAD || tenantId == BAD || environmentId == BAD || source == BAD) {
      return new Decoded.Invalid(
          new Rejection(
              record,
              RejectReason.BAD_FIELD,
              "customer_id, tenant_id, environment_id and source must be strings",
              id,
              eventName));
    }
    Instant timestamp;
    try {
      timestamp = timestamp(root.get("timestamp"), record.timestampMillis());
    } catch (IllegalArgumentException e) {
      return new Decoded.Invalid(
          new Rejection(record, RejectReason.BAD_TIMESTAMP, e.getMessage(), id, eventName));
    }
    JsonNode properties = root.get("properties");
    if (properties != null && !properties.isNull() && !properties.isObject()) {
      return new Decoded.Invalid(
          new Rejection(
              record,
              RejectReason.BAD_PROPERTIES,
              "properties must be an object, got " + properties.getNodeType(),
              id,
              eventName));
    }
    String propertiesJson;
    try {
      propertiesJson =
          properties == null || properties.isNull() ? "{}" : json.writeValueAsString(properties);
    } catch (JsonProcessingException e) {
      return new Decoded.Invalid(
          new Rejection(record, RejectReason.BAD_PROPERTIES, firstLine(e), id, eventName));
    }
    return new Decoded.Valid(
        new Event(
            id == null || id.isBlank() ? record.positionId() : id,
            orEmpty(tenantId),
            orEmpty(environmentId),
            customer,
            orEmpty(customerId),
            eventName,
            orEmpty(source),
            timestamp,
            propertiesJson,
            record));
  }

  private static Instant timestamp(JsonNode node, long recordTimestampMillis) {
    Instant result;
    if (node == null || node.isNull()) {
      result = Instant.ofEpochMilli(recordTimestampMillis);
    } else if (node.isIntegralNumber() && node.canConvertToLong()) {
      result = Instant.ofEpochMilli(node.longValue());
    } else if (node.isTextual()) {
      try {
        result = OffsetDateTime.parse(node.textValue()).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "timestamp '" + node.textValue() + "' is not RFC 3339 or epoch milliseconds");
      }
    } else {
      throw new IllegalArgumentException(
          "timestamp must be an RFC 3339 string or epoch milliseconds, got " + node.getNodeType());
    }
    if (result.isBefore(Instant.EPOCH) || result.isAfter(LATEST_TIMESTAMP)) {
      throw new IllegalArgumentException("timestamp " + result + " is outside 1970..2106");
    }
    return result;
  }

  /** Marks a field that is present but not a string or number; compared by identity. */
  private static final String BAD = new String("<bad>");

  private static String optionalText(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    return node.isNumber() ? node.asText() : BAD;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static Decoded reject(SourceRecord record, RejectReason reason, String detail) {
    return new Decoded.Invalid(Rejection.of(record, reason, detail));
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
