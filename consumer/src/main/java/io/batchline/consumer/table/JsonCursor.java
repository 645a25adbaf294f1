package io.batchline.consumer.table;

import java.nio.charset.StandardCharsets;

/**
 * A strict JSON scanner over one event's bytes (RFC 8259, UTF-8): it moves a position through the
 * input, validating as it goes, and never builds strings or tokens for what it only passes over.
 * Every value it skips is checked as thoroughly as one it reads: structure, numbers, escapes, and
 * that every string is well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
 * The limits are the ones the Jackson parser that came before it enforced: nesting up to 1,000
 * levels, numbers up to 1,000 characters.
 */
final class JsonCursor {

  static final int MAX_DEPTH = 1000;

  /** What a value is, from its first byte. */
  enum Kind {
    OBJECT,
    ARRAY,
    STRING,
    NUMBER,
    TRUE,
    FALSE,
    NULL
  }

  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  private static final byte[] EMPTY = new byte[0];

  private byte[] bytes;
  private int end;
  private int position;
  private int depth;
  private boolean lastStringEscaped;
  private int lastStringEnd;

  /** A cursor with nothing to read until {@link #startEvent} gives it an event. */
  JsonCursor() {
    this(EMPTY, 0, 0);
  }

  /** A cursor at the start of {@code bytes}, after a UTF-8 byte order mark if there is one. */
  JsonCursor(byte[] bytes) {
    this();
    startEvent(bytes, 0, bytes.length);
  }

  /**
   * A cursor over the value in {@code bytes[from, to)}, such as a captured array or object; the
   * offsets it reports are offsets into {@code bytes}.
   */
  JsonCursor(byte[] bytes, int from, int to) {
    this.bytes = bytes;
    this.position = from;
    this.end = to;
  }

  /**
   * Starts over at the event in {@code bytes[from, to)}, after a UTF-8 byte order mark if there is
   * one, so one cursor reads event after event.
   */
  void startEvent(byte[] bytes, int from, int to) {
    boolean bom =
        to - from >= 3
            && bytes[from] == (byte) 0xEF
            && bytes[from + 1] == (byte) 0xBB
            && bytes[from + 2] == (byte) 0xBF;
    this.bytes = bytes;
    this.position = bom ? from + 3 : from;
    this.end = to;
    this.depth = 0;
    this.lastStringEscaped = false;
    this.lastStringEnd = 0;
  }

  int position() {
    return position;
  }

  /** Skips whitespace; false when nothing but whitespace is left. */
  boolean hasMore() {
    while (position < end) {
      byte b = bytes[position];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return true;
      }
      position++;
    }
    return false;
  }

  /** The kind of the value that starts here, after whitespace. */
  Kind peekValue() throws MalformedJson {
    if (!hasMore()) {
      throw malformed("the event ends where a value was expected");
    }
    return switch (bytes[position]) {
      case '{' -> Kind.OBJECT;
      case '[' -> Kind.ARRAY;
      case '"' -> Kind.STRING;
      case 't' -> Kind.TRUE;
      case 'f' -> Kind.FALSE;
      case 'n' -> Kind.NULL;
      case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> Kind.NUMBER;
      default -> throw unexpected("a value");
    };
  }

  /** Passes over the value that starts here, validating all of it. */
  void skipValue() throws MalformedJson {
    Kind kind = peekValue();
    switch (kind) {
      case OBJECT -> skipObject();
      case ARRAY -> skipArray();
      case STRING -> string();
      case NUMBER -> number();
      case TRUE, FALSE, NULL -> literal(kind);
    }
  }

  // The four stepping methods below are written out rather than sharing one helper with the
  // closing byte as a parameter: with the helper, reading an event took 12% longer.

  /** Consumes the {@code '{'} of an object; true when the object is empty (its {@code '}'} too). */
  boolean enterObject() throws MalformedJson {
    enter();
    if (hasMore() && bytes[position] == '}') {
      leave();
      return true;
    }
    return false;
  }

  /**
   * After a member's value: consumes {@code ','} and returns true, or consumes {@code '}'} and
   * returns false.
   */
  boolean nextMember() throws MalformedJson {
    if (hasMore()) {
      byte b = bytes[position];
      if (b == ',') {
        position++;
        return true;
      }
      if (b == '}') {
        leave();
        return false;
      }
    }
    throw unexpected("',' or '}' after an object member");
  }

  /** Consumes the {@code '['} of an array; true when the array is empty (its {@code ']'} too). */
  boolean enterArray() throws MalformedJson {
    enter();
    if (hasMore() && bytes[position] == ']') {
      leave();
      return true;
    }
    return false;
  }

  /**
   * After an array element: consumes {@code ','} and returns true, or consumes {@code ']'} and
   * returns false.
   */
  boolean nextElement() throws MalformedJson {
    if (hasMore()) {
      byte b = bytes[position];
      if (b == ',') {
        position++;
        return true;
      }
      if (b == ']') {
        leave();
        return false;
      }
    }
    throw unexpected("',' or ']' after an array element");
  }

  /**
   * Reads a member's name and the {@code ':'} after it, leaving the cursor before the value.
   *
   * @return the offset of the name's first byte; {@link #lastStringEnd()} is its end
   */
  int memberName() throws MalformedJson {
    if (!hasMore() || bytes[position] != '"') {
      throw unexpected("'\"' to start a member name");
    }
    int from = string();
    if (!hasMore() || bytes[position] != ':') {
      throw unexpected("':' after a member name");
    }
    position++;
    return from;
  }

  /**
   * Passes over a string, leaving the cursor after its closing quote.
   *
   * @return the offset of its first byte after the opening quote
   */
  int string() throws MalformedJson {
    int from = ++position;
    lastStringEscaped = false;
    while (position < end) {
      position = JsonStrings.plainRunEnd(bytes, position, end);
      if (position == end) {
        break;
      }
      int b = bytes[position];
      if (b == '"') {
        lastStringEnd = position++;
        return from;
      }
      if (b == '\\') {
        lastStringEscaped = true;
        position = JsonStrings.escapeEnd(bytes, position, end);
      } else if (b >= 0) {
        throw malformed("control character 0x%02X in a string must be escaped", b);
      } else {
        position = JsonStrings.utf8End(bytes, position, end);
      }
    }
    throw malformed("unterminated string starting at byte %d", from - 1);
  }

  /** The offset of the closing quote of the string last passed over. */
  int lastStringEnd() {
    return lastStringEnd;
  }

  /** True when the string last passed over had escape sequences, so its bytes are not its text. */
  boolean lastStringEscaped() {
    return lastStringEscaped;
  }

  /**
   * Passes over a number.
   *
   * @return true when it has no fraction and no exponent
   */
  boolean number() throws MalformedJson {
    int from = position;
    int integerEnd = JsonNumbers.integerEnd(bytes, from, end);
    position = JsonNumbers.end(bytes, from, integerEnd, end);
    return position == integerEnd;
  }

  /** Passes over {@code true}, {@code false} or {@code null}. */
  void literal(Kind kind) throws MalformedJson {
    literal(
        switch (kind) {
          case TRUE -> TRUE;
          case FALSE -> FALSE;
          case NULL -> NULL;
          default -> throw new IllegalArgumentException(kind + " is not a literal");
        });
  }

  /** Fails unless only whitespace is left. */
  void expectEnd() throws MalformedJson {
    if (hasMore()) {
      throw unexpected("the end of the event after its JSON value");
    }
  }

  private void skipObject() throws MalformedJson {
    if (enterObject()) {
      return;
    }
    do {
      memberName();
      skipValue();
    } while (nextMember());
  }

  private void skipArray() throws MalformedJson {
    if (enterArray()) {
      return;
    }
    do {
      skipValue();
    } while (nextElement());
  }

  private void enter() throws MalformedJson {
    if (++depth > MAX_DEPTH) {
      throw malformed("nesting deeper than %d levels at byte %d", MAX_DEPTH, position);
    }
    position++;
  }

  private void leave() {
    depth--;
    position++;
  }

  private void literal(byte[] word) throws MalformedJson {
    if (end - position < word.length
        || !java.util.Arrays.equals(bytes, position, position + word.length, word, 0, word.length)
        || position + word.length < end && isWordByte(bytes[position + word.length])) {
      throw unexpected("a value");
    }
    position += word.length;
  }

  private static boolean isWordByte(byte b) {
    return b >= 'a' && b <= 'z'
        || b >= 'A' && b <= 'Z'
        || b >= '0' && b <= '9'
        || b == '_'
        || b < 0;
  }

  private MalformedJson unexpected(String expected) {
    if (position >= end) {
      return malformed("the event ends where %s was expected", expected);
    }
    int b = bytes[position] & 0xFF;
    String found = b >= 0x20 && b < 0x7F ? "'" + (char) b + "'" : String.format("0x%02X", b);
    return malformed("unexpected %s at byte %d, expected %s", found, position, expected);
  }

  private static MalformedJson malformed(String format, Object... args) {
    return MalformedJson.notJson(format, args);
  }
}
