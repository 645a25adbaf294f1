package io.batchline.consumer.table;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The parts of a JSON string that are more than plain bytes: escapes and multi-byte UTF-8. */
final class JsonStrings {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private JsonStrings() {}

  /**
   * The first offset from {@code at} whose byte ends a run of plain string bytes: a quote, a
   * backslash, a control character or the start of a multi-byte sequence; {@code end} if none.
   * Eight bytes are tested at a time.
   */
  static int plainRunEnd(byte[] bytes, int at, int end) {
    int i = at;
    while (i + 8 <= end) {
      long word = (long) LONGS.get(bytes, i);
      long special =
          (word
                  | (word - 0x2020202020202020L)
                  | zeroBytes(word ^ 0x2222222222222222L)
                  | zeroBytes(word ^ 0x5C5C5C5C5C5C5C5CL))
              & HIGH_BITS;
      if (special != 0) {
        return i + (Long.numberOfTrailingZeros(special) >>> 3);
      }
      i += 8;
    }
    while (i < end) {
      byte b = bytes[i];
      if (b < 0x20 || b == '"' || b == '\\') {
        return i;
      }
      i++;
    }
    return end;
  }

  /** The high bit of each byte of the result is set where {@code word} has a zero byte. */
  private static long zeroBytes(long word) {
    return (word - ONES) & ~word;
  }

  /**
   * Validates the escape sequence whose backslash is at {@code at}.
   *
   * @return the offset after it
   */
  static int escapeEnd(byte[] bytes, int at, int end) throws MalformedJson {
    if (at + 1 >= end) {
      throw MalformedJson.notJson("unterminated escape sequence at byte %d", at);
    }
    switch (bytes[at + 1]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        return at + 2;
      }
      case 'u' -> {
        if (at + 6 > end) {
          throw MalformedJson.notJson("unterminated escape sequence at byte %d", at);
        }
        for (int i = at + 2; i < at + 6; i++) {
          if (Character.digit(bytes[i], 16) < 0) {
            throw MalformedJson.notJson("escape sequence at byte %d needs four hex digits", at);
          }
        }
        return at + 6;
      }
      default -> throw MalformedJson.notJson("unknown escape sequence at byte %d", at);
    }
  }

  /**
   * Validates the multi-byte UTF-8 sequence that starts at {@code at}: no overlong forms, no
   * surrogates, nothing past U+10FFFF (RFC 3629).
   *
   * @return the offset after it
   */
  static int utf8End(byte[] bytes, int at, int end) throws MalformedJson {
    int lead = bytes[at] & 0xFF;
    int length;
    int secondMin = 0x80;
    int secondMax = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      secondMin = lead == 0xE0 ? 0xA0 : 0x80;
      secondMax = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      secondMin = lead == 0xF0 ? 0x90 : 0x80;
      secondMax = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
      throw invalid(bytes, at);
    }
    if (at + length > end) {
      throw invalid(bytes, at);
    }
    int second = bytes[at + 1] & 0xFF;
    if (second < secondMin || second > secondMax) {
      throw invalid(bytes, at);
    }
    for (int i = at + 2; i < at + length; i++) {
      if ((bytes[i] & 0xC0) != 0x80) {
        throw invalid(bytes, at);
      }
    }
    return at + length;
  }

  /** The text of a validated string's content {@code [from, to)}, escapes decoded, as UTF-8. */
  static byte[] decoded(byte[] bytes, int from, int to) {
    StringBuilder text = new StringBuilder(to - from);
    int i = from;
    while (i < to) {
      if (bytes[i] != '\\') {
        int run = i;
        while (i < to && bytes[i] != '\\') {
          i++;
        }
        text.append(new String(bytes, run, i - run, StandardCharsets.UTF_8));
        continue;
      }
      byte escaped = bytes[i + 1];
      i += 2;
      switch (escaped) {
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'n' -> text.append('\n');
        case 'r' -> text.append('\r');
        case 't' -> text.append('\t');
        case 'u' -> {
          text.append(
              (char) Integer.parseInt(new String(bytes, i, 4, StandardCharsets.US_ASCII), 16));
          i += 4;
        }
        default -> text.append((char) escaped);
      }
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static MalformedJson invalid(byte[] bytes, int at) {
    return MalformedJson.invalidUtf8(
        "invalid UTF-8 at byte %d (0x%02X) in a string", at, bytes[at] & 0xFF);
  }
}
