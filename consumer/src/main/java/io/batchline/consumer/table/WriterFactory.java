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
import java.util.List;
import java.util.Optional;

/** Resolves a column type to its writer, once per column; or says why it cannot be written. */
public final class WriterFactory {

  /** The writer, or why there is none. */
  public sealed interface Resolution {
    record Writer(ValueWriter writer) implements Resolution {}

    record Refused(String why) implements Resolution {}
  }

  private WriterFactory() {}

  public static Resolution resolve(ColumnType type) {
    Optional<String> problem = problem(type);
    return problem.isPresent()
        ? new Resolution.Refused(problem.get())
        : new Resolution.Writer(writer(type));
  }

  /** The first unsupported part of a type, anywhere inside it. */
  static Optional<String> problem(ColumnType type) {
    if (type instanceof Unsupported unsupported) {
      return Optional.of(unsupported.why());
    }
    if (type instanceof NullableType nullable) {
      return problem(nullable.inner());
    }
    if (type instanceof LowCardinalityType low) {
      return problem(low.inner());
    }
    if (type instanceof ArrayType array) {
      return problem(array.element());
    }
    if (type instanceof MapType map) {
      return problem(map.key()).or(() -> problem(map.value()));
    }
    if (type instanceof TupleType tuple) {
      return tuple.elements().stream()
          .map(WriterFactory::problem)
          .flatMap(Optional::stream)
          .findFirst();
    }
    return Optional.empty();
  }

  static ValueWriter writer(ColumnType type) {
    if (type instanceof IntType integer) {
      return NumberWriters.integer(integer);
    } else if (type instanceof FloatType floating) {
      return NumberWriters.floating(floating);
    } else if (type instanceof DecimalType decimal) {
      return new DecimalWriter(decimal);
    } else if (type instanceof BoolType bool) {
      return NumberWriters.bool(bool.text());
    } else if (type instanceof StringType) {
      return TextWriters.string();
    } else if (type instanceof FixedStringType fixed) {
      return TextWriters.fixedString(fixed);
    } else if (type instanceof UuidType) {
      return TextWriters.uuid();
    } else if (type instanceof EnumType enumeration) {
      return TextWriters.enumeration(enumeration);
    } else if (type instanceof IpType ip) {
      return ip.v6() ? IpWriters.ipv6() : IpWriters.ipv4();
    } else if (type instanceof DateType date) {
      return TimeWriters.date(date.text(), date.wide());
    } else if (type instanceof DateTimeType dateTime) {
      return TimeWriters.dateTime(dateTime.text());
    } else if (type instanceof DateTime64Type dateTime64) {
      return TimeWriters.dateTime64(dateTime64);
    } else if (type instanceof NullableType nullable) {
      return CompositeWriters.nullable(writer(nullable.inner()));
    } else if (type instanceof LowCardinalityType low) {
      return writer(low.inner());
    } else if (type instanceof ArrayType array) {
      return CompositeWriters.array(writer(array.element()), array.text());
    } else if (type instanceof MapType map) {
      return CompositeWriters.map(writer(map.key()), writer(map.value()), map.text());
    } else if (type instanceof TupleType tuple) {
      List<ValueWriter> elements = new ArrayList<>();
      tuple.elements().forEach(element -> elements.add(writer(element)));
      return CompositeWriters.tuple(tuple, List.copyOf(elements));
    } else if (type instanceof JsonType json) {
      return CompositeWriters.json(json.text());
    }
    throw new IllegalArgumentException("cannot write " + type.text());
  }

  /** True for Nullable(T), also inside LowCardinality. */
  public static boolean isNullable(ColumnType type) {
    return type instanceof NullableType
        || type instanceof LowCardinalityType low && low.inner() instanceof NullableType;
  }

  /** The type under Nullable and LowCardinality. */
  public static ColumnType base(ColumnType type) {
    if (type instanceof NullableType nullable) {
      return base(nullable.inner());
    }
    if (type instanceof LowCardinalityType low) {
      return base(low.inner());
    }
    return type;
  }
}
