package io.batchline.consumer.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnMappingTest {

  @Test
  void parsesPathsAttributesAndHeaders() {
    ColumnMapping mapping =
        ColumnMapping.parse(
            " quantity=properties.quantity, raw=_event,region=properties.region,"
                + "trace=_header.trace-id,t=_topic,p=_partition,o=_offset,ts=_timestamp,k=_key,"
                + "at=_ingested_at,dash=a-b.c_d.9");

    assertThat(mapping.columns())
        .containsExactly(
            java.util.Map.entry("quantity", new Source.JsonPath(List.of("properties", "quantity"))),
            java.util.Map.entry("raw", Source.Attribute.EVENT),
            java.util.Map.entry("region", new Source.JsonPath(List.of("properties", "region"))),
            java.util.Map.entry("trace", new Source.Header("trace-id")),
            java.util.Map.entry("t", Source.Attribute.TOPIC),
            java.util.Map.entry("p", Source.Attribute.PARTITION),
            java.util.Map.entry("o", Source.Attribute.OFFSET),
            java.util.Map.entry("ts", Source.Attribute.TIMESTAMP),
            java.util.Map.entry("k", Source.Attribute.KEY),
            java.util.Map.entry("at", Source.Attribute.INGESTED_AT),
            java.util.Map.entry("dash", new Source.JsonPath(List.of("a-b", "c_d", "9"))));
    assertThat(ColumnMapping.parse("").isEmpty()).isTrue();
    assertThat(ColumnMapping.parse(null).isEmpty()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "quantity | entry 'quantity': expected column=source",
        "a=b, | entry '': expected column=source",
        "1a=b | entry '1a=b': column name must match",
        "a b=c | entry 'a b=c': column name must match",
        "a=b,a=c | entry 'a=c': column a is mapped twice",
        "a=properties..x | entry 'a=properties..x': source must be a JSON path",
        "a= | entry 'a=': source must be a JSON path",
        "a=prop$ | entry 'a=prop$': source must be a JSON path",
        "a=_header. | entry 'a=_header.': header name must match",
        "a=_header.x y | entry 'a=_header.x y': header name must match",
      })
  void refusesABadEntryNamingIt(String text, String message) {
    assertThatThrownBy(() -> ColumnMapping.parse(text)).hasMessageStartingWith(message);
  }
}
