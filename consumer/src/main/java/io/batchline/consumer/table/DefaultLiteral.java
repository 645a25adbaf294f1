package io.batchline.consumer.table;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DEFAULT expression the consumer can work out itself, for servers that cannot apply a default
 * per row (before 23.7): a number or string literal, possibly in a {@code CAST}, or {@code now()},
 * {@code now64(...)} or {@code today()}, which take the batch's ingestion time.
 */
final class DefaultLiteral {

  private static final Pattern CAST_COMMA = Pattern.compile("(?s)CAST\\((.*),\\s*'[^']*'\\)");
  private static final Pattern CAST_AS = Pattern.compile("(?s)CAST\\((.*)\\s+AS\\s+.*\\)");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
  private static final Pattern NOW = Pattern.compile("(now|now64|today)\\([^)]*\\)");

  /** The value, or the ingestion time. */
  sealed interface Value {
    record Literal(FieldValue value, String text) implements Value {}

    record IngestionTime() implements Value {}
  }

  private DefaultLiteral() {}

  static Optional<Value> evaluate(String expression) {
    String text = expression.strip();
    Matcher cast = CAST_COMMA.matcher(text);
    if (!cast.matches()) {
      cast = CAST_AS.matcher(text);
    }
    if (cast.matches()) {
      text = cast.group(1).strip();
    }
    if (NOW.matcher(text).matches()) {
      return Optional.of(new Value.IngestionTime());
    }
    if (NUMBER.matcher(text).matches()) {
      byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
      return Optional.of(
          new Value.Literal(
              new FieldValue().number(bytes, 0, bytes.length, !text.matches(".*[.eE].*")), text));
    }
    if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
      try {
        byte[] bytes = TypeParser.literal(text).getBytes(StandardCharsets.UTF_8);
        return Optional.of(
            new Value.Literal(
                new FieldValue().text(FieldValue.Kind.STRING, bytes, 0, bytes.length), text));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
