package io.batchline.consumer.table;

import io.batchline.consumer.batch.EventBytes;
import io.batchline.consumer.batch.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The values of one row, one per source slot; reused by one thread for row after row of a batch
 * (see {@link TableRowEncoder#rowWriter()}), so that encoding allocates little per event.
 */
final class RowValues {

  final FieldValue[] slots;
  final JsonCursor cursor = new JsonCursor();
  private String cachedTopic;
  private byte[] cachedTopicBytes;

  RowValues(int size) {
    slots = new FieldValue[size];
    for (int i = 0; i < size; i++) {
      slots[i] = new FieldValue();
    }
  }

  void clear() {
    for (FieldValue slot : slots) {
      slot.absent();
    }
  }

  /** Fills the slots of Kafka attributes and other non-JSON sources. */
  void fillAttributes(List<Source> sources, SourceRecord record, Instant ingestedAt) {
    for (int i = 0; i < slots.length; i++) {
      Source source = sources.get(i);
      if (source instanceof Source.Attribute attribute) {
        fill(slots[i], attribute, record, ingestedAt);
      } else if (source instanceof Source.Header header) {
        byte[] value = record.headers().lastValue(header.name());
        if (value == null) {
          slots[i].setNull();
        } else {
          slots[i].text(FieldValue.Kind.STRING, value, 0, value.length);
        }
      }
    }
  }

  private void fill(FieldValue slot, Source.Attribute attribute, SourceRecord record, Instant at) {
    switch (attribute) {
      case TOPIC -> {
        byte[] topic = topicBytes(record.partition().topic());
        slot.text(FieldValue.Kind.STRING, topic, 0, topic.length);
      }
      case PARTITION -> slot.whole(record.partition().partition());
      case OFFSET -> slot.whole(record.offset());
      case TIMESTAMP ->
          slot.instant(
              Math.floorDiv(record.timestampMillis(), 1000),
              (int) Math.floorMod(record.timestampMillis(), 1000) * 1_000_000);
      case KEY -> {
        if (record.key() == null) {
          slot.setNull();
        } else {
          slot.text(FieldValue.Kind.STRING, record.key(), 0, record.key().length);
        }
      }
      case EVENT -> {
        EventBytes value = record.value();
        slot.text(FieldValue.Kind.OBJECT, value.array(), value.from(), value.to());
      }
      case INGESTED_AT -> slot.instant(at.getEpochSecond(), at.getNano());
      case POSITION_ID -> slot.absent();
    }
  }

  /** The position id, worked out only when an event needs it. */
  FieldValue positionId(int slot, SourceRecord record) {
    FieldValue value = slots[slot];
    if (value.kind() == FieldValue.Kind.ABSENT) {
      byte[] id = record.positionId().getBytes(StandardCharsets.UTF_8);
      value.text(FieldValue.Kind.STRING, id, 0, id.length);
    }
    return value;
  }

  private byte[] topicBytes(String topic) {
    if (!topic.equals(cachedTopic)) {
      cachedTopic = topic;
      cachedTopicBytes = topic.getBytes(StandardCharsets.UTF_8);
    }
    return cachedTopicBytes;
  }
}
