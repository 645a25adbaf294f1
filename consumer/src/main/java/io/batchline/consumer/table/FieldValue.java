package io.batchline.consumer.table;

import java.nio.charset.StandardCharsets;

/**
 * One source value of one row, as a view into bytes that already exist (the event, a header, the
 * key) wherever possible, so that reading a value allocates nothing. Mutable and reused: a row's
 * values live only until the row is written.
 */
public final class FieldValue {

  /** What the value is. Text kinds point at bytes; numbers and instants are held directly. */
  public enum Kind {
    /** The source has no value for this row (a missing field). */
    ABSENT,
    /** JSON {@code null}, or a missing key or header. */
    NULL,
    /** UTF-8 text, unescaped. */
    STRING,
    /** A JSON number, as its text; {@link #integral()} says whether it had no fraction. */
    NUMBER,
    BOOLEAN,
    /** Raw JSON text of an object. */
    OBJECT,
    /** Raw JSON text of an array. */
    ARRAY,
    /** A whole number from a Kafka attribute: {@link #longValue()}. */
    LONG,
    /** A point in time: {@link #longValue()} epoch seconds and {@link #nanos()}. */
    INSTANT
  }

  private Kind kind = Kind.ABSENT;
  private byte[] bytes;
  private int start;
  private int end;
  private long longValue;
  private int nanos;
  private boolean flag;

  public Kind kind() {
    return kind;
  }

  public boolean isMissing() {
    return kind == Kind.ABSENT || kind == Kind.NULL;
  }

  public byte[] bytes() {
    return bytes;
  }

  public int start() {
    return start;
  }

  public int end() {
    return end;
  }

  public int length() {
    return end - start;
  }

  /** For NUMBER: no fraction and no exponent. For BOOLEAN: the value. */
  public boolean integral() {
    return flag;
  }

  public boolean booleanValue() {
    return flag;
  }

  public long longValue() {
    return longValue;
  }

  public int nanos() {
    return nanos;
  }

  public FieldValue absent() {
    kind = Kind.ABSENT;
    bytes = null;
    return this;
  }

  public FieldValue setNull() {
    kind = Kind.NULL;
    bytes = null;
    return this;
  }

  public FieldValue text(Kind textKind, byte[] source, int from, int to) {
    kind = textKind;
    bytes = source;
    start = from;
    end = to;
    return this;
  }

  public FieldValue number(byte[] source, int from, int to, boolean isIntegral) {
    text(Kind.NUMBER, source, from, to);
    flag = isIntegral;
    return this;
  }

  public FieldValue bool(boolean value) {
    kind = Kind.BOOLEAN;
    flag = value;
    return this;
  }

  public FieldValue whole(long value) {
    kind = Kind.LONG;
    longValue = value;
    return this;
  }

  public FieldValue instant(long epochSecond, int nanoOfSecond) {
    kind = Kind.INSTANT;
    longValue = epochSecond;
    nanos = nanoOfSecond;
    return this;
  }

  public FieldValue copyOf(FieldValue other) {
    kind = other.kind;
    bytes = other.bytes;
    start = other.start;
    end = other.end;
    longValue = other.longValue;
    nanos = other.nanos;
    flag = other.flag;
    return this;
  }

  /** True when the text bytes equal {@code other} (text kinds only). */
  public boolean textEquals(byte[] other) {
    return java.util.Arrays.equals(bytes, start, end, other, 0, other.length);
  }

  /** The value as text for a message, shortened; allocates, so only for errors and logs. */
  public String preview() {
    String text =
        switch (kind) {
          case ABSENT -> "(absent)";
          case NULL -> "null";
          case BOOLEAN -> Boolean.toString(flag);
          case LONG -> Long.toString(longValue);
          case INSTANT -> java.time.Instant.ofEpochSecond(longValue, nanos).toString();
          case STRING -> '"' + new String(bytes, start, end - start, StandardCharsets.UTF_8) + '"';
          default -> new String(bytes, start, end - start, StandardCharsets.UTF_8);
        };
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  /** The text of a text kind as a String; allocates. */
  public String asString() {
    return new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }
}
