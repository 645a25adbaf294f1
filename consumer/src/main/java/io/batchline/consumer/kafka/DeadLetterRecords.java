package io.batchline.consumer.kafka;

import io.batchline.consumer.batch.EventBytes;
import io.batchline.consumer.batch.Rejection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Dead-letter records: the rejected payload, unchanged when it fits the topic's {@code
 * max.message.bytes}, with headers {@code batchline.reason}, {@code batchline.error}, {@code
 * batchline.source.topic}, {@code batchline.source.partition} and {@code batchline.source.offset}.
 * A payload that does not fit is truncated; then {@code batchline.original.size} and {@code
 * batchline.original.sha256} describe the original, and the error says it was truncated.
 */
public final class DeadLetterRecords {

  public static final String REASON = "batchline.reason";
  public static final String ERROR = "batchline.error";
  public static final String SOURCE_TOPIC = "batchline.source.topic";
  public static final String SOURCE_PARTITION = "batchline.source.partition";
  public static final String SOURCE_OFFSET = "batchline.source.offset";
  public static final String ORIGINAL_SIZE = "batchline.original.size";
  public static final String ORIGINAL_SHA256 = "batchline.original.sha256";
  private static final int MAX_ERROR_CHARS = 1000;

  /** Record batch and record framing, with room to spare. */
  private static final int FRAMING_BYTES = 512;

  private final String topic;
  private final int maxMessageBytes;

  /**
   * @param maxMessageBytes the dead-letter topic's {@code max.message.bytes}
   */
  public DeadLetterRecords(String topic, int maxMessageBytes) {
    this.topic = topic;
    this.maxMessageBytes = maxMessageBytes;
  }

  public String topic() {
    return topic;
  }

  /** The producer's {@code max.request.size}: enough for the largest record the topic takes. */
  public int maxRequestSize() {
    return Math.max(1_048_576, maxMessageBytes + FRAMING_BYTES);
  }

  ProducerRecord<byte[], byte[]> fitting(Rejection rejection) {
    byte[] value = valueOf(rejection);
    RecordHeaders headers = sourceHeaders(rejection);
    int room = maxMessageBytes - FRAMING_BYTES - headerBytes(headers) - 200;
    if (value == null || value.length <= room) {
      headers.add(ERROR, utf8(truncate(String.valueOf(rejection.detail()))));
      return new ProducerRecord<>(topic, null, null, null, value, headers);
    }
    int kept = Math.max(0, room);
    byte[] truncated = java.util.Arrays.copyOf(value, kept);
    describeOriginal(headers, value);
    headers.add(
        ERROR,
        utf8(
            truncate(
                "payload truncated from "
                    + value.length
                    + " to "
                    + kept
                    + " bytes to fit the dead-letter topic; "
                    + rejection.detail())));
    return new ProducerRecord<>(topic, null, null, null, truncated, headers);
  }

  ProducerRecord<byte[], byte[]> withoutPayload(Rejection rejection) {
    byte[] value = valueOf(rejection);
    RecordHeaders headers = sourceHeaders(rejection);
    if (value != null) {
      describeOriginal(headers, value);
    }
    headers.add(
        ERROR,
        utf8(
            truncate(
                "payload dropped: the broker refused it as too large even truncated; "
                    + rejection.detail())));
    return new ProducerRecord<>(topic, null, null, null, new byte[0], headers);
  }

  private RecordHeaders sourceHeaders(Rejection rejection) {
    var source = rejection.record();
    var headers = new RecordHeaders();
    headers.add(REASON, utf8(rejection.reason().label()));
    headers.add(SOURCE_TOPIC, utf8(source.partition().topic()));
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(source.partition().partition())));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(source.offset())));
    return headers;
  }

  private static void describeOriginal(RecordHeaders headers, byte[] value) {
    headers.add(ORIGINAL_SIZE, utf8(Integer.toString(value.length)));
    headers.add(ORIGINAL_SHA256, utf8(sha256(value)));
  }

  private static int headerBytes(RecordHeaders headers) {
    int bytes = 0;
    for (Header header : headers) {
      bytes += header.key().length() + header.value().length + 10;
    }
    return bytes + MAX_ERROR_CHARS * 4 + 200;
  }

  private static String sha256(byte[] value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  private static String truncate(String detail) {
    return detail.length() > MAX_ERROR_CHARS ? detail.substring(0, MAX_ERROR_CHARS) : detail;
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] valueOf(Rejection rejection) {
    EventBytes value = rejection.record().value();
    return value == null ? null : value.copy();
  }
}
