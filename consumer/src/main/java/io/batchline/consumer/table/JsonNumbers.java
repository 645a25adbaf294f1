package io.batchline.consumer.table;

/** The JSON number grammar (RFC 8259) over raw bytes, for {@link JsonCursor}. */
final class JsonNumbers {

  /** The longest number accepted, as the Jackson parser that read events before enforced. */
  static final int MAX_LENGTH = 1000;

  private JsonNumbers() {}

  /**
   * The end of the integer part of the number that starts at {@code from}: an optional minus, then
   * 0 or digits without a leading zero.
   */
  static int integerEnd(byte[] bytes, int from, int limit) throws MalformedJson {
    int at = from;
    if (bytes[at] == '-') {
      at++;
    }
    if (at < limit && bytes[at] == '0') {
      at++;
      if (at < limit && isDigit(bytes[at])) {
        throw MalformedJson.notJson("number at byte %d has a leading zero", from);
      }
      return at;
    }
    int digits = at;
    at = digitsEnd(bytes, at, limit);
    if (at == digits) {
      throw MalformedJson.notJson("number at byte %d has no digits", from);
    }
    return at;
  }

  /**
   * The end of the whole number: its integer part ends at {@code integerEnd}, and a fraction and an
   * exponent may follow.
   */
  static int end(byte[] bytes, int from, int integerEnd, int limit) throws MalformedJson {
    int at = integerEnd;
    if (at < limit && bytes[at] == '.') {
      int digits = ++at;
      at = digitsEnd(bytes, at, limit);
      if (at == digits) {
        throw MalformedJson.notJson("number at byte %d has no digit after its decimal point", from);
      }
    }
    if (at < limit && (bytes[at] == 'e' || bytes[at] == 'E')) {
      at++;
      if (at < limit && (bytes[at] == '+' || bytes[at] == '-')) {
        at++;
      }
      int digits = at;
      at = digitsEnd(bytes, at, limit);
      if (at == digits) {
        throw MalformedJson.notJson("number at byte %d has no digit in its exponent", from);
      }
    }
    if (at - from > MAX_LENGTH) {
      throw MalformedJson.notJson(
          "number at byte %d is longer than %d characters", from, MAX_LENGTH);
    }
    return at;
  }

  private static int digitsEnd(byte[] bytes, int from, int limit) {
    int at = from;
    while (at < limit && isDigit(bytes[at])) {
      at++;
    }
    return at;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
