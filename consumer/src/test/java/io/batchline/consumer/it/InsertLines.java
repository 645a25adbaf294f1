package io.batchline.consumer.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inserts a consumer's log names: {@code flushing batch ...} before each insert and {@code
 * successfully flushed batch ...} after it, each with its partition, offset range and token.
 */
record InsertLines(String consumer, String partition, long first, long last, String token) {

  private static final Pattern LINE =
      Pattern.compile(
          "(?:flushing|successfully flushed) batch to ClickHouse .*?partition=(\\S+)"
              + " first_offset=(\\d+) last_offset=(\\d+) token=(\\S+)");

  static List<InsertLines> parse(String consumer, String log) {
    List<InsertLines> inserts = new ArrayList<>();
    for (String line : log.lines().toList()) {
      Matcher m = LINE.matcher(line);
      if (m.find()) {
        inserts.add(
            new InsertLines(
                consumer,
                m.group(1),
                Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)),
                m.group(4)));
      }
    }
    return inserts;
  }

  boolean overlaps(InsertLines other) {
    return partition.equals(other.partition) && first <= other.last && other.first <= last;
  }

  boolean sameInsert(InsertLines other) {
    return partition.equals(other.partition)
        && first == other.first
        && last == other.last
        && token.equals(other.token);
  }

  @Override
  public String toString() {
    return consumer + ":" + partition + ":" + first + "-" + last + ":" + token;
  }
}
