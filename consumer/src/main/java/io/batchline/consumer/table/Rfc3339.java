package io.batchline.consumer.table;

/**
 * RFC 3339 date-times read straight from ASCII bytes: {@code 2025-12-01T10:00:00.123+01:00}, with a
 * space or {@code T} between date and time, optional seconds, fraction and offset (UTC when
 * absent), or a date alone.
 */
final class Rfc3339 {

  private Rfc3339() {}

  static boolean parse(byte[] b, int from, int to, TimePoint into) {
    int year = digits(b, from, 4);
    int month = digits(b, from + 5, 2);
    int day = digits(b, from + 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || b[from + 7] != '-') {
      return false;
    }
    if (day > daysInMonth(year, month)) {
      return false;
    }
    long days = daysFromCivil(year, month, day);
    int i = from + 10;
    if (i == to) {
      into.set(days * 86_400, 0);
      return true;
    }
    if (to - i < 6 || (b[i] != 'T' && b[i] != 't' && b[i] != ' ') || b[i + 3] != ':') {
      return false;
    }
    int hour = digits(b, i + 1, 2);
    int minute = digits(b, i + 4, 2);
    int second = 0;
    i += 6;
    if (i < to && b[i] == ':') {
      if (i + 3 > to) {
        return false;
      }
      second = digits(b, i + 1, 2);
      i += 3;
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return false;
    }
    int nanos = 0;
    if (i < to && (b[i] == '.' || b[i] == ',')) {
      int start = ++i;
      for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
        if (i - start < 9) {
          nanos = nanos * 10 + (b[i] - '0');
        }
      }
      int count = i - start;
      if (count == 0) {
        return false;
      }
      for (int k = count; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetSeconds = offset(b, i, to);
    if (offsetSeconds == Integer.MIN_VALUE) {
      return false;
    }
    into.set(days * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    return true;
  }

  /** Seconds east of UTC, 0 when absent, {@code MIN_VALUE} when malformed. */
  private static int offset(byte[] b, int i, int to) {
    if (i == to) {
      return 0;
    }
    if ((b[i] == 'Z' || b[i] == 'z') && i + 1 == to) {
      return 0;
    }
    if (b[i] != '+' && b[i] != '-') {
      return Integer.MIN_VALUE;
    }
    int sign = b[i] == '-' ? -1 : 1;
    int length = to - i - 1;
    int hours = digits(b, i + 1, 2);
    int minutes =
        switch (length) {
          case 2 -> 0;
          case 4 -> digits(b, i + 3, 2);
          case 5 -> b[i + 3] == ':' ? digits(b, i + 4, 2) : -1;
          default -> -1;
        };
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    return sign * (hours * 3600 + minutes * 60);
  }

  private static int digits(byte[] b, int from, int count) {
    if (from + count > b.length) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + count; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return -1;
      }
      value = value * 10 + (b[i] - '0');
    }
    return value;
  }

  static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468;
  }
}
