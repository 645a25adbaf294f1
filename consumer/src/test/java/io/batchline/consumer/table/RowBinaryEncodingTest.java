package io.batchline.consumer.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each type's RowBinary encoding, byte for byte, as the ClickHouse RowBinary specification gives
 * it: little-endian fixed-width integers in two's complement, decimals as scaled integers of 4, 8,
 * 16 or 32 bytes, LEB128 lengths, UUID as two little-endian halves, IPv6 in network order, a null
 * byte before Nullable values. The hex strings marked (26.9) are what the ClickHouse 26.9 engine
 * itself writes for {@code SELECT <value> FORMAT RowBinary}.
 */
class RowBinaryEncodingTest {

  @ParameterizedTest(name = "{1} as {0} -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "Int8 | -1 | ff",
        "Int8 | 127 | 7f",
        "UInt8 | 255 | ff",
        "Int16 | -2 | feff",
        "UInt16 | 65535 | ffff",
        "Int32 | \"123\" | 7b000000",
        "UInt32 | true | 01000000",
        "Int64 | -9223372036854775808 | 0000000000000080",
        "Int64 | 9223372036854775807 | ffffffffffffff7f",
        "UInt64 | 18446744073709551615 | ffffffffffffffff",
        "Int128 | -2 | feffffffffffffffffffffffffffffff",
        "Int128 | 170141183460469231731687303715884105727 | ffffffffffffffffffffffffffffff7f",
        "UInt128 | 1 | 01000000000000000000000000000000",
        "UInt256 | \"115792089237316195423570985008687907853269984665640564039457584007913129639935\" | ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "Int256 | -57896044618658097711785492504343953926634992332820282019728792003956564819968 | 0000000000000000000000000000000000000000000000000000000000000080",
        "Float32 | 1.5 | 0000c03f",
        "Float64 | -2.5 | 00000000000004c0",
        "Float64 | \"nan\" | 000000000000f87f",
        "Bool | true | 01",
        "Bool | \"false\" | 00",
        "Decimal(9, 2) | -1.5 | 6affffff",
        "Decimal(38, 2) | -1 | 9cffffffffffffffffffffffffffffff",
        "Decimal(18, 6) | \"12.345678\" | 4e61bc0000000000",
        "Decimal(18, 2) | 1.5e3 | f049020000000000",
        "Decimal(18, 2) | 2.500 | fa00000000000000",
        "Decimal(38, 10) | 9999999999999999999999999999.9999999999 | ffffffff3f228a097ac4865aa84c3b4b",
        "Decimal(76, 0) | 1000000000000000000000000000000000000000000000000000000000000000000000000000 | 000000000000000000e88ebe312af28bf2503d977778f0b32b82c281ddfa3502",
        "String | \"\u00e9\" | 02c3a9",
        "String | \"a\\nb\\u00e9\" | 05610a62c3a9",
        "String | 12.50 | 0531322e3530",
        "String | {\"a\": 1} | 087b2261223a20317d",
        "LowCardinality(String) | \"x\" | 0178",
        "FixedString(4) | \"ab\" | 61620000",
        "UUID | \"61f0c404-5cb3-11e7-907b-a6006ad3dba0\" | e711b35c04c4f061a0dbd36a00a67b90",
        "Date | \"2025-12-01\" | c74f",
        "Date32 | \"1900-01-01\" | 219cffff",
        "Date32 | \"2299-12-31T23:00:00Z\" | d1d60100",
        "DateTime | \"2025-12-01T00:00:00Z\" | 80da2c69",
        "DateTime('Europe/Berlin') | 1764547200 | 80da2c69",
        "DateTime | 1764547200000 | 80da2c69",
        "DateTime | 1764547200000000 | 80da2c69",
        "DateTime | \"2025-12-01 01:00:00+01:00\" | 80da2c69",
        "DateTime | \"2025-12-01 00:00\" | 80da2c69",
        "DateTime64(3, 'UTC') | 1764547200.123 | 7b8435d79a010000",
        "DateTime64(3) | \"2025-12-01T00:00:00.123456Z\" | 7b8435d79a010000",
        "DateTime64(9) | \"2025-12-01T00:00:00.123456789Z\" | 15cdc45c54ee7c18",
        "DateTime64(1, 'UTC') | \"1969-12-31 23:59:59.9\" | ffffffffffffffff",
        "Enum8('a' = 1, 'b' = -2) | \"b\" | fe",
        "Enum16('a' = 1, 'b' = 300) | \"b\" | 2c01",
        "Enum16('a' = 1, 'b' = 300) | 300 | 2c01",
        "IPv4 | \"1.2.3.4\" | 04030201",
        "IPv6 | \"2001:db8::1\" | 20010db8000000000000000000000001",
        "IPv6 | \"1.2.3.4\" | 00000000000000000000ffff01020304",
        "IPv6 | \"::\" | 00000000000000000000000000000000",
        "Nullable(UInt8) | null | 01",
        "Nullable(UInt8) | 5 | 0005",
        "LowCardinality(Nullable(String)) | null | 01",
        "Array(UInt8) | [] | 00",
        "Array(LowCardinality(String)) | [\"a\", \"b\"] | 0201610162",
        "Array(Nullable(String)) | [\"a\", null] | 0200016101",
        "Array(Array(UInt8)) | [[1], [2, 3]] | 020101020203",
        "Map(String, UInt8) | {\"a\": 1, \"b\": 2} | 02016101016202",
        "Map(String, Array(String)) | {} | 00",
        "Tuple(UInt8, String) | [1, \"x\"] | 010178",
        "Tuple(a UInt8, b String) | {\"b\": \"x\", \"a\": 1} | 010178",
        "Tuple(a UInt8, b Nullable(String)) | {\"a\": 1} | 0101",
        "Tuple(a UInt8, b String) | {\"c\": [1, {\"x\": 2}], \"a\": 1, \"b\": \"y\"} | 010179",
        "Tuple(a UInt8, b String) | {\"\\u0062\": \"y\", \"a\": 1} | 010179",
        "Array(String) | [\"a\\tb\", \"\"] | 020361096200",
        "Map(String, String) | {\"k\u00e9\\\"\": \"v\\n\"} | 01046bc3a92202760a",
        "Map(String, Array(UInt8)) | { \"a\" : [ 1 , 2 ] , \"b\" : [ ] } | 020161020102016200",
        "JSON | {\"a\": 1} | 087b2261223a20317d",
        "SimpleAggregateFunction(sum, UInt64) | 5 | 0500000000000000",
      })
  void writesTheServersEncoding(String type, String json, String hex) throws ValueMismatch {
    assertThat(Values.hex(type, json)).isEqualTo(hex);
  }

  @ParameterizedTest(name = "{1} is not a {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "Int8 | 128 | is not a valid Int8",
        "UInt8 | -1 | is not a valid UInt8",
        "UInt32 | \"abc\" | is not a valid UInt32",
        "UInt32 | 1.5 | is not a valid UInt32",
        "UInt64 | 18446744073709551616 | is not a valid UInt64",
        "Int256 | 57896044618658097711785492504343953926634992332820282019728792003956564819968 | is not a valid Int256",
        "Float32 | 1e39 | is not a valid Float32",
        "Bool | 2 | is not a valid Bool",
        "Decimal(9, 2) | 10000000.00 | is not a valid Decimal(9, 2)",
        "Decimal(18, 6) | 1.0000001 | has more than 6 decimal places",
        "Decimal(18, 6) | \"1,5\" | is not a valid Decimal(18, 6)",
        "Decimal(38, 2) | 1e40 | is not a valid Decimal(38, 2)",
        "FixedString(2) | \"abc\" | longer than FixedString(2)",
        "UUID | \"61f0c404-5cb3-11e7-907b\" | is not a valid UUID",
        "Date | \"2150-01-01\" | outside Date's range",
        "DateTime | -1 | outside DateTime's range",
        "DateTime | \"2106-02-08T00:00:00Z\" | outside DateTime's range",
        "DateTime | \"yesterday\" | is not a valid DateTime (RFC 3339",
        "DateTime | \"2025-02-30\" | is not a valid DateTime",
        "DateTime | \"2025-12-01T24:00:00Z\" | is not a valid DateTime",
        "DateTime64(9) | \"2263-01-01T00:00:00Z\" | outside DateTime64(9)'s range",
        "DateTime64(3) | \"1899-12-31T23:59:59Z\" | outside DateTime64(3)'s range",
        "Enum8('a' = 1) | \"c\" | is not a value of Enum8('a' = 1)",
        "IPv4 | \"1.2.3.256\" | is not a valid IPv4",
        "IPv6 | \"2001:db8:::1\" | is not a valid IPv6",
        "UInt8 | null | is not a valid UInt8",
        "Array(UInt8) | [1, 300] | is not a valid UInt8",
        "Array(UInt8) | {\"a\": 1} | is not a valid Array(UInt8)",
        "Map(String, UInt8) | [1] | is not a valid Map(String, UInt8)",
        "Tuple(UInt8, String) | [1, \"x\", 3] | has more than 2 elements",
        "Tuple(UInt8, String) | [1] | null is not a valid String",
        "JSON | [1] | is not a valid JSON",
      })
  void refusesWhatDoesNotFit(String type, String json, String message) {
    assertThatThrownBy(() -> Values.hex(type, json))
        .isInstanceOf(ValueMismatch.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "DateTime64({0})")
  @CsvSource({
    "0, 1764547200",
    "1, 17645472001",
    "2, 176454720012",
    "3, 1764547200123",
    "4, 17645472001234",
    "5, 176454720012345",
    "6, 1764547200123456",
    "7, 17645472001234567",
    "8, 176454720012345678",
    "9, 1764547200123456789"
  })
  void dateTime64KeepsEveryDigitOfItsPrecision(int precision, long ticks) throws ValueMismatch {
    String expected =
        HexFormat.of()
            .formatHex(
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(ticks).array());

    assertThat(
            Values.hex(
                "DateTime64(" + precision + ", 'Europe/Berlin')",
                "\"2025-12-01T01:00:00.123456789+01:00\""))
        .isEqualTo(expected);
  }
}
