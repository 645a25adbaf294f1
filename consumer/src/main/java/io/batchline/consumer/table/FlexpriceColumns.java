package io.batchline.consumer.table;

import io.batchline.consumer.batch.RejectReason;
import java.util.List;

/** Where each Flexprice column's value comes from, and the reason a bad value has always had. */
final class FlexpriceColumns {

  private FlexpriceColumns() {}

  static boolean handles(String column) {
    return FlexpriceRules.TEXT_COLUMNS.contains(column)
        || column.equals(FlexpriceRules.TIMESTAMP)
        || column.equals(FlexpriceRules.INGESTED_AT);
  }

  static Source source(String column) {
    return column.equals(FlexpriceRules.INGESTED_AT)
        ? Source.Attribute.INGESTED_AT
        : new Source.JsonPath(List.of(column));
  }

  static RejectReason mismatchReason(String column) {
    return switch (column) {
      case FlexpriceRules.TIMESTAMP -> RejectReason.BAD_TIMESTAMP;
      case "properties" -> RejectReason.BAD_PROPERTIES;
      default -> RejectReason.BAD_FIELD;
    };
  }
}
