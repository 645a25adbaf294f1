package io.batchline.consumer.table;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The explicit part of a table mapping, {@code clickhouse.columns}: entries {@code column=source}
 * joined by commas, for example {@code
 * quantity=properties.quantity,raw=_event,trace=_header.trace-id}. A source is a JSON path of
 * dot-separated field names, or one of {@code _topic}, {@code _partition}, {@code _offset}, {@code
 * _timestamp}, {@code _key}, {@code _event}, {@code _ingested_at}, {@code _header.<name>}.
 */
public record ColumnMapping(Map<String, Source> columns) {

  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9_.-]+");

  public static final ColumnMapping NONE = new ColumnMapping(Map.of());

  public ColumnMapping {
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }

  public boolean isEmpty() {
    return columns.isEmpty();
  }

  /**
   * @throws IllegalArgumentException naming the first bad entry
   */
  public static ColumnMapping parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    Map<String, Source> columns = new LinkedHashMap<>();
    for (String raw : text.split(",", -1)) {
      String entry = raw.strip();
      int equals = entry.indexOf('=');
      if (equals < 0) {
        throw bad(entry, "expected column=source");
      }
      String column = entry.substring(0, equals).strip();
      String source = entry.substring(equals + 1).strip();
      if (!COLUMN.matcher(column).matches()) {
        throw bad(entry, "column name must match [A-Za-z_][A-Za-z0-9_]*");
      }
      if (columns.containsKey(column)) {
        throw bad(entry, "column " + column + " is mapped twice");
      }
      columns.put(column, source(entry, source));
    }
    return new ColumnMapping(columns);
  }

  private static Source source(String entry, String source) {
    if (source.startsWith("_header.")) {
      String name = source.substring("_header.".length());
      if (!HEADER.matcher(name).matches()) {
        throw bad(entry, "header name must match [A-Za-z0-9_.-]+");
      }
      return new Source.Header(name);
    }
    if (source.startsWith("_")) {
      for (Source.Attribute attribute : Source.Attribute.values()) {
        if (attribute.text().equals(source) && attribute != Source.Attribute.POSITION_ID) {
          return attribute;
        }
      }
    }
    List<String> fields = Arrays.asList(source.split("\\.", -1));
    for (String field : fields) {
      if (!SEGMENT.matcher(field).matches()) {
        throw bad(
            entry,
            "source must be a JSON path of [A-Za-z0-9_-]+ segments joined by dots, or one of"
                + " _topic, _partition, _offset, _timestamp, _key, _event, _ingested_at,"
                + " _header.<name>");
      }
    }
    return new Source.JsonPath(List.copyOf(fields));
  }

  private static IllegalArgumentException bad(String entry, String why) {
    return new IllegalArgumentException("entry '" + entry + "': " + why);
  }
}
