package io.batchline.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.consumer.table.ServerFeatures;
import io.batchline.consumer.table.TableColumn;
import io.batchline.consumer.table.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableSchemaReaderTest {

  @Test
  void readsColumnsDefaultsCommentsAndThePartitionKey() throws Exception {
    List<String> queries = new ArrayList<>();
    TableSchemaReader.Query server =
        sql -> {
          queries.add(sql);
          return sql.contains("system.columns")
              ? List.of(
                  "id\tString\t\t\t",
                  "g\tEnum8(\\'it\\\\\\'s\\' = -2, \\'a b\\' = 1)\t\t\tthe \\tgrade",
                  "c\tLowCardinality(String)\tDEFAULT\tCAST(\\'eu\\', \\'LowCardinality(String)\\')\t")
              : List.of("(toYYYYMM(d), c)");
        };

    TableDefinition table = TableSchemaReader.read(server, "db", "it's", ServerFeatures.OLDEST);

    assertThat(table.name()).isEqualTo("db.it's");
    assertThat(table.columns())
        .containsExactly(
            new TableColumn("id", "String", "", "", ""),
            new TableColumn("g", "Enum8('it\\'s' = -2, 'a b' = 1)", "", "", "the \tgrade"),
            new TableColumn(
                "c",
                "LowCardinality(String)",
                "DEFAULT",
                "CAST('eu', 'LowCardinality(String)')",
                ""));
    assertThat(table.partitionKey()).isEqualTo(Optional.of("(toYYYYMM(d), c)"));
    assertThat(queries.get(0)).contains("table = 'it\\'s'").endsWith("FORMAT TabSeparated");
    assertThat(queries.get(1)).contains("FROM system.tables").contains("name = 'it\\'s'");
  }

  @Test
  void aMissingTableHasNoColumnsAndNoKey() throws Exception {
    TableDefinition table =
        TableSchemaReader.read(sql -> List.of(), "db", "none", ServerFeatures.OLDEST);

    assertThat(table.columns()).isEmpty();
    assertThat(table.partitionKey()).isEmpty();
  }

  @Test
  void serverFeaturesFollowTheVersion() {
    assertThat(TableSchemaReader.features(ServerVersion.parse("18.16.1"), "UTC"))
        .isEqualTo(new ServerFeatures(false, false, "UTC"));
    assertThat(TableSchemaReader.features(ServerVersion.parse("23.7.1.1"), "UTC"))
        .isEqualTo(new ServerFeatures(true, false, "UTC"));
    assertThat(TableSchemaReader.features(ServerVersion.parse("24.10.2"), "Europe/Berlin"))
        .isEqualTo(new ServerFeatures(true, true, "Europe/Berlin"));
  }
}
