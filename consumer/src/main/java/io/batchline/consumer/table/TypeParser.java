package io.batchline.consumer.table;

import io.batchline.consumer.table.ColumnType.ArrayType;
import io.batchline.consumer.table.ColumnType.BoolType;
import io.batchline.consumer.table.ColumnType.DateTime64Type;
import io.batchline.consumer.table.ColumnType.DateTimeType;
import io.batchline.consumer.table.ColumnType.DateType;
import io.batchline.consumer.table.ColumnType.DecimalType;
import io.batchline.consumer.table.ColumnType.EnumType;
import io.batchline.consumer.table.ColumnType.FixedStringType;
import io.batchline.consumer.table.ColumnType.FloatType;
import io.batchline.consumer.table.ColumnType.IntType;
import io.batchline.consumer.table.ColumnType.IpType;
import io.batchline.consumer.table.ColumnType.JsonType;
import io.batchline.consumer.table.ColumnType.LowCardinalityType;
import io.batchline.consumer.table.ColumnType.MapType;
import io.batchline.consumer.table.ColumnType.NullableType;
import io.batchline.consumer.table.ColumnType.StringType;
import io.batchline.consumer.table.ColumnType.TupleType;
import io.batchline.consumer.table.ColumnType.Unsupported;
import io.batchline.consumer.table.ColumnType.UuidType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the type strings of {@code system.columns}, for example {@code Nullable(Decimal(18, 6))}
 * or {@code Enum8('it\'s' = -2, 'a b' = 1)}. Types the consumer cannot write come back as {@link
 * Unsupported} with the reason, so that startup can name the column.
 */
public final class TypeParser {

  private TypeParser() {}

  public static ColumnType parse(String text) {
    String type = text.strip();
    int open = type.indexOf('(');
    if (open < 0) {
      return simple(type);
    }
    if (!type.endsWith(")")) {
      return new Unsupported(type, "unparsable type");
    }
    String family = type.substring(0, open).strip();
    List<String> args = arguments(type.substring(open + 1, type.length() - 1));
    try {
      return parameterized(type, family, args);
    } catch (RuntimeException e) {
      return new Unsupported(type, "unparsable type (" + e.getMessage() + ")");
    }
  }

  private static ColumnType simple(String type) {
    return switch (type) {
      case "Int8", "Int16", "Int32", "Int64", "Int128", "Int256" ->
          new IntType(type, Integer.parseInt(type.substring(3)), true);
      case "UInt8", "UInt16", "UInt32", "UInt64", "UInt128", "UInt256" ->
          new IntType(type, Integer.parseInt(type.substring(4)), false);
      case "Float32", "Float64" -> new FloatType(type, Integer.parseInt(type.substring(5)));
      case "Bool", "Boolean" -> new BoolType(type);
      case "String" -> new StringType(type);
      case "UUID" -> new UuidType(type);
      case "Date" -> new DateType(type, false);
      case "Date32" -> new DateType(type, true);
      case "DateTime" -> new DateTimeType(type, Optional.empty());
      case "IPv4" -> new IpType(type, false);
      case "IPv6" -> new IpType(type, true);
      case "JSON" -> new JsonType(type);
      default -> new Unsupported(type, "type " + type + " is not supported");
    };
  }

  private static ColumnType parameterized(String type, String family, List<String> args) {
    return switch (family) {
      case "Nullable" -> new NullableType(type, parse(single(args)));
      case "LowCardinality" -> new LowCardinalityType(type, parse(single(args)));
      case "Array" -> new ArrayType(type, parse(single(args)));
      case "Map" -> {
        require(args.size() == 2, "Map takes two types");
        yield new MapType(type, parse(args.get(0)), parse(args.get(1)));
      }
      case "Tuple" -> tuple(type, args);
      case "FixedString" -> new FixedStringType(type, Integer.parseInt(single(args)));
      case "Decimal" -> {
        require(args.size() == 2, "Decimal takes precision and scale");
        yield decimal(type, Integer.parseInt(args.get(0)), Integer.parseInt(args.get(1)));
      }
      case "Decimal32" -> decimal(type, 9, Integer.parseInt(single(args)));
      case "Decimal64" -> decimal(type, 18, Integer.parseInt(single(args)));
      case "Decimal128" -> decimal(type, 38, Integer.parseInt(single(args)));
      case "Decimal256" -> decimal(type, 76, Integer.parseInt(single(args)));
      case "DateTime" -> new DateTimeType(type, Optional.of(literal(single(args))));
      case "DateTime64" -> {
        int precision = Integer.parseInt(args.get(0));
        require(precision >= 0 && precision <= 9, "precision 0..9");
        Optional<String> zone =
            args.size() > 1 ? Optional.of(literal(args.get(1))) : Optional.empty();
        yield new DateTime64Type(type, precision, zone);
      }
      case "Enum8" -> enumType(type, 8, args);
      case "Enum16" -> enumType(type, 16, args);
      case "Enum" -> enumType(type, 16, args);
      case "JSON" -> new JsonType(type);
      case "SimpleAggregateFunction" -> {
        require(args.size() == 2, "SimpleAggregateFunction takes a function and a type");
        yield parse(args.get(1));
      }
      case "Object" ->
          new Unsupported(
              type,
              "Object('json') is the deprecated experimental JSON type; use JSON (ClickHouse 24.10"
                  + " and newer)");
      default -> new Unsupported(type, "type " + family + " is not supported");
    };
  }

  private static ColumnType decimal(String type, int precision, int scale) {
    require(precision >= 1 && precision <= 76, "precision 1..76");
    require(scale >= 0 && scale <= precision, "scale 0..precision");
    return new DecimalType(type, precision, scale);
  }

  private static ColumnType tuple(String type, List<String> args) {
    List<ColumnType> elements = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String arg : args) {
      int space = nameEnd(arg);
      if (space > 0) {
        names.add(unquoteName(arg.substring(0, space)));
        elements.add(parse(arg.substring(space)));
      } else {
        elements.add(parse(arg));
      }
    }
    require(names.isEmpty() || names.size() == elements.size(), "tuple names");
    return new TupleType(type, List.copyOf(elements), List.copyOf(names));
  }

  /** The end of a tuple element's name, or -1 when the element is just a type. */
  private static int nameEnd(String arg) {
    if (arg.startsWith("`")) {
      return arg.indexOf('`', 1) + 1;
    }
    for (int i = 0; i < arg.length(); i++) {
      char c = arg.charAt(i);
      if (c == '(') {
        return -1;
      }
      if (Character.isWhitespace(c)) {
        return i;
      }
    }
    return -1;
  }

  private static String unquoteName(String name) {
    return name.startsWith("`") ? name.substring(1, name.length() - 1) : name;
  }

  private static ColumnType enumType(String type, int bits, List<String> args) {
    Map<String, Integer> values = new LinkedHashMap<>();
    for (String arg : args) {
      int end = literalEnd(arg);
      String name = literal(arg.substring(0, end));
      String rest = arg.substring(end).strip();
      require(rest.startsWith("="), "enum element " + arg);
      values.put(name, Integer.parseInt(rest.substring(1).strip()));
    }
    return new EnumType(type, bits, Map.copyOf(values));
  }

  /** Splits at top-level commas, outside parentheses and quotes. */
  static List<String> arguments(String inner) {
    List<String> result = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\'' || c == '`') {
        i = skipQuoted(inner, i);
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        result.add(inner.substring(start, i).strip());
        start = i + 1;
      }
    }
    String last = inner.substring(start).strip();
    if (!last.isEmpty() || !result.isEmpty()) {
      result.add(last);
    }
    return result;
  }

  private static int skipQuoted(String text, int open) {
    char quote = text.charAt(open);
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i++;
        } else {
          return i;
        }
      }
    }
    throw new IllegalArgumentException("unterminated quote");
  }

  private static int literalEnd(String text) {
    require(text.startsWith("'"), "string literal expected in " + text);
    return skipQuoted(text, 0) + 1;
  }

  /** The value of a single-quoted SQL string literal. */
  static String literal(String text) {
    String quoted = text.strip();
    require(
        quoted.length() >= 2 && quoted.startsWith("'") && quoted.endsWith("'"),
        "string literal expected, got " + quoted);
    StringBuilder value = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length() - 1) {
        value.append(quoted.charAt(++i));
      } else if (c == '\'' && quoted.charAt(i + 1) == '\'') {
        value.append('\'');
        i++;
      } else {
        value.append(c);
      }
    }
    return value.toString();
  }

  private static String single(List<String> args) {
    require(args.size() == 1, "one argument expected");
    return args.get(0);
  }

  private static void require(boolean condition, String what) {
    if (!condition) {
      throw new IllegalArgumentException(what);
    }
  }
}
