package io.batchline.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.consumer.batch.PartitionKey;
import io.batchline.consumer.batch.RejectReason;
import io.batchline.consumer.batch.Rejection;
import io.batchline.consumer.batch.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterRecordsTest {

  private static final int ONE_MIB = 1_048_576;
  private final DeadLetterRecords records = new DeadLetterRecords("events.dlq", ONE_MIB);

  private static Rejection rejection(byte[] value) {
    return Rejection.of(
        new SourceRecord(new PartitionKey("events", 2), 41, 0, value),
        RejectReason.TOO_LARGE,
        "event is big");
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Test
  void aRecordThatFitsGoesUnchangedWithItsSource() {
    byte[] value = "{\"bad\":true}".getBytes(StandardCharsets.UTF_8);

    ProducerRecord<byte[], byte[]> record = records.fitting(rejection(value));

    assertThat(record.value()).isEqualTo(value);
    assertThat(header(record, DeadLetterRecords.REASON)).isEqualTo("too_large");
    assertThat(header(record, DeadLetterRecords.SOURCE_TOPIC)).isEqualTo("events");
    assertThat(header(record, DeadLetterRecords.SOURCE_PARTITION)).isEqualTo("2");
    assertThat(header(record, DeadLetterRecords.SOURCE_OFFSET)).isEqualTo("41");
    assertThat(header(record, DeadLetterRecords.ORIGINAL_SIZE)).isNull();
  }

  @Test
  void aRecordWithinAKilobyteOfTheLimitIsTruncatedAndDescribed() throws Exception {
    byte[] value = new byte[ONE_MIB - 500];

    ProducerRecord<byte[], byte[]> record = records.fitting(rejection(value));

    assertThat(record.value().length).isLessThan(value.length);
    assertThat(header(record, DeadLetterRecords.ORIGINAL_SIZE))
        .isEqualTo(Integer.toString(value.length));
    assertThat(header(record, DeadLetterRecords.ORIGINAL_SHA256))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value)));
    assertThat(header(record, DeadLetterRecords.ERROR))
        .startsWith("payload truncated from " + value.length + " to " + record.value().length);
    int headerBytes = 0;
    for (var h : record.headers()) {
      headerBytes += h.key().length() + h.value().length;
    }
    assertThat(record.value().length + headerBytes).isLessThan(ONE_MIB - 512);
  }

  @Test
  void withoutPayloadKeepsTheDescriptionOnly() {
    ProducerRecord<byte[], byte[]> record = records.withoutPayload(rejection(new byte[5_000_000]));

    assertThat(record.value()).isEmpty();
    assertThat(header(record, DeadLetterRecords.ORIGINAL_SIZE)).isEqualTo("5000000");
    assertThat(header(record, DeadLetterRecords.ERROR)).startsWith("payload dropped");
  }

  @Test
  void theProducerMaySendTheLargestRecordTheTopicTakes() {
    assertThat(new DeadLetterRecords("t", 4 * ONE_MIB).maxRequestSize()).isGreaterThan(4 * ONE_MIB);
    assertThat(records.maxRequestSize()).isGreaterThanOrEqualTo(ONE_MIB);
  }
}
