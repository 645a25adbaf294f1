package io.batchline.consumer.table;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table's PARTITION BY expression, where the consumer can work it out for a row: a column, or
 * {@code toYYYYMM}, {@code toYYYYMMDD}, {@code toDate}, {@code toStartOfMonth}, {@code
 * toStartOfWeek}, {@code toStartOfDay}, {@code toMonday} or {@code toYear} of a column, or a tuple
 * of those. Anything else cannot be computed here, and the key is then unknown.
 */
public final class PartitionKeyExpression {

  private static final Pattern CALL = Pattern.compile("(\\w+)\\(\\s*`?(\\w+)`?\\s*\\)");
  private static final Pattern BARE = Pattern.compile("`?(\\w+)`?");
  private static final List<String> FUNCTIONS =
      List.of(
          "toYYYYMM",
          "toYYYYMMDD",
          "toDate",
          "toStartOfMonth",
          "toStartOfWeek",
          "toStartOfDay",
          "toMonday",
          "toYear");

  /** One part of the key: a function (or none) of a column. */
  record Term(Optional<String> function, int column, ZoneId zone) {}

  private final String text;
  private final List<Term> terms;

  private PartitionKeyExpression(String text, List<Term> terms) {
    this.text = text;
    this.terms = List.copyOf(terms);
  }

  public String text() {
    return text;
  }

  List<Term> terms() {
    return terms;
  }

  static Optional<PartitionKeyExpression> parse(
      String key, List<PlannedColumn> columns, ZoneId serverZone) {
    String inner = key.strip();
    if (inner.isEmpty() || inner.equals("tuple()")) {
      return Optional.empty();
    }
    if (inner.startsWith("tuple(") && inner.endsWith(")")) {
      inner = inner.substring("tuple".length());
    }
    List<String> parts =
        inner.startsWith("(") && inner.endsWith(")")
            ? TypeParser.arguments(inner.substring(1, inner.length() - 1))
            : List.of(inner);
    List<Term> terms = new ArrayList<>();
    for (String part : parts) {
      Optional<Term> term = term(part.strip(), columns, serverZone);
      if (term.isEmpty()) {
        return Optional.empty();
      }
      terms.add(term.get());
    }
    return Optional.of(new PartitionKeyExpression(key.strip(), terms));
  }

  private static Optional<Term> term(String part, List<PlannedColumn> columns, ZoneId serverZone) {
    Matcher call = CALL.matcher(part);
    if (call.matches()) {
      int column = indexOf(columns, call.group(2));
      if (!FUNCTIONS.contains(call.group(1))
          || column < 0
          || !EventTimeColumn.isTime(columns.get(column).type())) {
        return Optional.empty();
      }
      return Optional.of(
          new Term(
              Optional.of(call.group(1)), column, zone(columns.get(column).type(), serverZone)));
    }
    Matcher bare = BARE.matcher(part);
    if (bare.matches()) {
      int column = indexOf(columns, bare.group(1));
      return column < 0
          ? Optional.empty()
          : Optional.of(new Term(Optional.empty(), column, ZoneOffset.UTC));
    }
    return Optional.empty();
  }

  private static int indexOf(List<PlannedColumn> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A time column's own zone, else the server's; a Date column holds the UTC date the consumer
   * wrote.
   */
  private static ZoneId zone(ColumnType type, ZoneId serverZone) {
    ColumnType base = WriterFactory.base(type);
    Optional<String> zone = Optional.empty();
    if (base instanceof ColumnType.DateTimeType dateTime) {
      zone = dateTime.zone();
    } else if (base instanceof ColumnType.DateTime64Type dateTime64) {
      zone = dateTime64.zone();
    } else {
      return ZoneOffset.UTC;
    }
    try {
      return zone.map(ZoneId::of).orElse(serverZone);
    } catch (RuntimeException e) {
      return ZoneOffset.UTC;
    }
  }

  /** The value of a time function for an instant. */
  static String apply(String function, TimePoint time, ZoneId zone) {
    ZonedDateTime at = Instant.ofEpochSecond(time.seconds(), time.nanos()).atZone(zone);
    LocalDate date = at.toLocalDate();
    return switch (function) {
      case "toYYYYMM" -> Integer.toString(date.getYear() * 100 + date.getMonthValue());
      case "toYYYYMMDD" ->
          Integer.toString(
              date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth());
      case "toDate", "toStartOfDay" -> date.toString();
      case "toStartOfMonth" -> date.withDayOfMonth(1).toString();
      case "toStartOfWeek" ->
          date.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)).toString();
      case "toMonday" -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
      case "toYear" -> Integer.toString(date.getYear());
      default -> throw new IllegalArgumentException(function);
    };
  }
}
