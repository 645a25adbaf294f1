package io.batchline.consumer.table;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ClickHouse column type as the consumer writes it in RowBinary, parsed from the type string the
 * server reports ({@link TypeParser}).
 */
public sealed interface ColumnType {

  /** The type as ClickHouse spells it, for messages and logs. */
  String text();

  /** {@code Int8} .. {@code Int256}, {@code UInt8} .. {@code UInt256}. */
  record IntType(String text, int bits, boolean signed) implements ColumnType {}

  /** {@code Float32}, {@code Float64}. */
  record FloatType(String text, int bits) implements ColumnType {}

  /** {@code Decimal(P, S)}: a little-endian integer of 4, 8, 16 or 32 bytes, scaled by 10^S. */
  record DecimalType(String text, int precision, int scale) implements ColumnType {
    public int bytes() {
      return precision <= 9 ? 4 : precision <= 18 ? 8 : precision <= 38 ? 16 : 32;
    }
  }

  record BoolType(String text) implements ColumnType {}

  record StringType(String text) implements ColumnType {}

  record FixedStringType(String text, int length) implements ColumnType {}

  record UuidType(String text) implements ColumnType {}

  /** {@code Date} (UInt16 days) or {@code Date32} (Int32 days). */
  record DateType(String text, boolean wide) implements ColumnType {}

  /** {@code DateTime([tz])}: UInt32 seconds. */
  record DateTimeType(String text, Optional<String> zone) implements ColumnType {}

  /** {@code DateTime64(P[, tz])}: Int64 ticks of 10^-P seconds. */
  record DateTime64Type(String text, int precision, Optional<String> zone) implements ColumnType {}

  /** {@code Enum8} / {@code Enum16}: names to values. */
  record EnumType(String text, int bits, Map<String, Integer> values) implements ColumnType {}

  /** {@code IPv4} (UInt32) or {@code IPv6} (16 bytes, network order). */
  record IpType(String text, boolean v6) implements ColumnType {}

  record NullableType(String text, ColumnType inner) implements ColumnType {}

  /** Written exactly as its inner type: RowBinary carries no dictionary. */
  record LowCardinalityType(String text, ColumnType inner) implements ColumnType {}

  record ArrayType(String text, ColumnType element) implements ColumnType {}

  record MapType(String text, ColumnType key, ColumnType value) implements ColumnType {}

  /**
   * @param names the element names of a named tuple, else empty
   */
  record TupleType(String text, List<ColumnType> elements, List<String> names)
      implements ColumnType {}

  /** The JSON type (24.10 and newer), written as JSON text under an insert setting. */
  record JsonType(String text) implements ColumnType {}

  /** A type the consumer cannot write; startup refuses a column of this type. */
  record Unsupported(String text, String why) implements ColumnType {}
}
