package io.batchline.consumer.kafka;

import io.batchline.consumer.batch.EventBytes;
import io.batchline.consumer.batch.PartitionKey;
import io.batchline.consumer.batch.SourceRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** What a poll returned, as the pipeline's records. */
final class ConsumedRecords {

  /**
   * A view is kept when its array is at most this much larger than the value: the array then holds
   * one record, as the client reads each record of a compressed batch into an array of its own.
   */
  static final int VIEW_SLACK_BYTES = 1024;

  private ConsumedRecords() {}

  static List<SourceRecord> toSourceRecords(ConsumerRecords<byte[], ByteBuffer> records) {
    List<SourceRecord> result = new ArrayList<>(records.count());
    for (var tp : records.partitions()) {
      PartitionKey partition = new PartitionKey(tp.topic(), tp.partition());
      for (ConsumerRecord<byte[], ByteBuffer> record : records.records(tp)) {
        result.add(
            new SourceRecord(
                partition,
                record.offset(),
                record.timestamp(),
                value(record.value()),
                record.key(),
                headers(record.headers())));
      }
    }
    return result;
  }

  /**
   * The value as a view into the array the client read it into, saving a copy of every event,
   * unless that array is shared with other records (an uncompressed batch is read in place from the
   * fetch response): a view would then keep the whole response alive while the batch is held, so
   * the value is copied out.
   */
  static EventBytes value(ByteBuffer value) {
    if (value == null) {
      return null;
    }
    int length = value.remaining();
    if (value.hasArray() && value.array().length - length <= length + VIEW_SLACK_BYTES) {
      int from = value.arrayOffset() + value.position();
      return new EventBytes(value.array(), from, from + length);
    }
    byte[] copy = new byte[length];
    value.duplicate().get(copy);
    return EventBytes.of(copy);
  }

  static SourceRecord.Headers headers(Headers headers) {
    if (headers.toArray().length == 0) {
      return SourceRecord.Headers.NONE;
    }
    return name -> {
      Header header = headers.lastHeader(name);
      return header == null ? null : header.value();
    };
  }
}
