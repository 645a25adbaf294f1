package io.batchline.consumer.table;

import java.util.List;

/** Where a column's value comes from: a JSON path in the event, or an attribute of the record. */
public sealed interface Source permits Source.JsonPath, Source.Attribute, Source.Header {

  /** The source as written in {@code clickhouse.columns}. */
  String text();

  /** A field of the event, {@code properties.quantity}: each segment one level down. */
  record JsonPath(List<String> fields) implements Source {
    @Override
    public String text() {
      return String.join(".", fields);
    }
  }

  /** The value of a Kafka header, as bytes (UTF-8 text for a String column). */
  record Header(String name) implements Source {
    @Override
    public String text() {
      return "_header." + name;
    }
  }

  /** A property of the Kafka record or of the insert. */
  enum Attribute implements Source {
    /** The topic's name. */
    TOPIC("_topic"),
    /** The partition number. */
    PARTITION("_partition"),
    /** The record's offset. */
    OFFSET("_offset"),
    /** The Kafka record's timestamp. */
    TIMESTAMP("_timestamp"),
    /** The record key as bytes; null when the record has none. */
    KEY("_key"),
    /** The whole event as JSON text. */
    EVENT("_event"),
    /** The batch's ingestion time: the same for every row of a batch and every replay of it. */
    INGESTED_AT("_ingested_at"),
    /** {@code <topic>-<partition>-<offset>}: the id of an event that carries none. */
    POSITION_ID("_position_id");

    private final String text;

    Attribute(String text) {
      this.text = text;
    }

    @Override
    public String text() {
      return text;
    }
  }
}
