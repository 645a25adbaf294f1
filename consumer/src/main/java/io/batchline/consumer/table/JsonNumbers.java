package io.batchline.consumer.table;

/** The JSON number grammar (RFC 8259), over raw bytes. */
final class JsonNumbers {

  /** The longest number accepted, as the Jackson parser that read events before enforced. */
  static final int MAX_LENGTH = 1000;

  private JsonNumbers() {}

  /**
   * The end of the number that starts at {@code from}.
   *
   * @throws MalformedJson when no valid number starts there
   */
  static int end(byte[] bytes, int from, int limit) throws MalformedJson {
    int at = from;
    if (bytes[at] == '-') {
      at++;
    }
    if (at < limit && bytes[at] == '0') {
      at++;
      if (at < limit && isDigit(bytes[at])) {
        throw MalformedJson.notJson("number at byte %d has a leading zero", from);
      }
    } else {
      int digits = at;
      at = digitsEnd(bytes, digits, limit);
      if (at == digits) {
        throw MalformedJson.notJson("number at byte %d has no digits", from);
      }
    }
    if (at < limit && bytes[at] == '.') {
      int digits = at + 1;
      at = digitsEnd(bytes, digits, limit);
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
      at = digitsEnd(bytes, digits, limit);
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

  /** True when the number in {@code bytes[from, to)} has no fraction and no exponent. */
  static boolean integral(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b == '.' || b == 'e' || b == 'E') {
        return false;
      }
    }
    return true;
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
