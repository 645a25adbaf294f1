package io.batchline.consumer.table;

import io.batchline.consumer.table.ColumnType.DateTime64Type;

/**
 * Date, Date32, DateTime and DateTime64 from every form {@link Timestamps} reads. Values outside a
 * type's range are mismatches, never clamped. A date of a time is its UTC date.
 */
final class TimeWriters {

  /** DateTime64 and Date32 hold 1900-01-01 00:00:00 to 2299-12-31 23:59:59.999999999. */
  static final long EARLIEST_WIDE = -2_208_988_800L;

  static final long LATEST_WIDE = 10_413_791_999L;

  private static final long LATEST_DATETIME = 0xFFFF_FFFFL;
  private static final long LATEST_DATE_DAY = 0xFFFF;

  private TimeWriters() {}

  /** The time point of a value, or a mismatch naming the accepted forms. */
  static void read(FieldValue value, TimePoint into, String type) throws ValueMismatch {
    if (!Timestamps.parse(value, into)) {
      throw new ValueMismatch(
          value.preview()
              + " is not a valid "
              + type
              + " (RFC 3339 text, or epoch seconds, milliseconds or microseconds)");
    }
  }

  static ValueWriter dateTime(String type) {
    return (value, out) -> {
      TimePoint time = new TimePoint();
      read(value, time, type);
      if (time.seconds < 0 || time.seconds > LATEST_DATETIME) {
        throw outOfRange(time, type, "1970-01-01T00:00:00Z..2106-02-07T06:28:15Z");
      }
      out.writeLittleEndian(time.seconds, 4);
    };
  }

  static ValueWriter dateTime64(DateTime64Type type) {
    int precision = type.precision();
    long ticksPerSecond = Timestamps.POWERS[precision];
    long nanosPerTick = Timestamps.POWERS[9 - precision];
    return (value, out) -> {
      TimePoint time = new TimePoint();
      read(value, time, type.text());
      if (time.seconds < EARLIEST_WIDE || time.seconds > LATEST_WIDE) {
        throw outOfRange(time, type.text(), "1900-01-01..2299-12-31");
      }
      long ticks;
      try {
        ticks =
            Math.addExact(
                Math.multiplyExact(time.seconds, ticksPerSecond), time.nanos / nanosPerTick);
      } catch (ArithmeticException e) {
        throw outOfRange(time, type.text(), "the range of its precision");
      }
      out.writeLittleEndian(ticks, 8);
    };
  }

  static ValueWriter date(String type, boolean wide) {
    return (value, out) -> {
      TimePoint time = new TimePoint();
      read(value, time, type);
      long day = Math.floorDiv(time.seconds, 86_400);
      if (wide) {
        if (time.seconds < EARLIEST_WIDE || time.seconds > LATEST_WIDE) {
          throw outOfRange(time, type, "1900-01-01..2299-12-31");
        }
        out.writeLittleEndian(day, 4);
      } else {
        if (day < 0 || day > LATEST_DATE_DAY) {
          throw outOfRange(time, type, "1970-01-01..2149-06-06");
        }
        out.writeLittleEndian(day, 2);
      }
    };
  }

  private static ValueMismatch outOfRange(TimePoint time, String type, String range) {
    return new ValueMismatch(time.toInstant() + " is outside " + type + "'s range " + range);
  }
}
