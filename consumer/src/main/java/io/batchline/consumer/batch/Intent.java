package io.batchline.consumer.batch;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A batch about to be inserted, as recorded in its partition's committed-offset metadata before the
 * insert: its offset range, the ingestion time its rows carry, and its deduplication token. Whoever
 * owns the partition next reads it back and cuts, encodes and tokens its first batch the same way,
 * so that a replay is the same insert and a server that deduplicates drops it.
 */
public record Intent(OffsetRange range, Instant ingestedAt, String token) {

  private static final Pattern FORMAT =
      Pattern.compile("batchline:v1 range=(\\d+)-(\\d+) ingested=(\\d+) token=(\\S+)");

  /** The text stored with the committed offset; well under Kafka's 4,096-byte limit. */
  public String metadata() {
    return "batchline:v1 range="
        + range
        + " ingested="
        + ingestedAt.toEpochMilli()
        + " token="
        + token;
  }

  /** The intent recorded in this metadata; empty for anything else (no intent, another tool). */
  public static Optional<Intent> parse(String metadata) {
    if (metadata == null) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(metadata);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      long first = Long.parseLong(m.group(1));
      long last = Long.parseLong(m.group(2));
      if (last < first) {
        return Optional.empty();
      }
      return Optional.of(
          new Intent(
              new OffsetRange(first, last),
              Instant.ofEpochMilli(Long.parseLong(m.group(3))),
              m.group(4)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
