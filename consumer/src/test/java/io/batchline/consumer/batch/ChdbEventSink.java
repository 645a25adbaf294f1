package io.batchline.consumer.batch;

import io.batchline.consumer.clickhouse.ServerVersion;
import io.batchline.consumer.clickhouse.TableSchemaReader;
import io.batchline.consumer.table.EncoderSettings;
import io.batchline.consumer.table.RowEncoder;
import io.batchline.testkit.ChdbEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumer's inserts, bytes and tokens as the core produces them, sent to the ClickHouse 26.9
 * engine of chdb with the settings the consumer sends a modern server. This checks the engine only:
 * chdb has no HTTP server, so the HTTP path is not covered here.
 */
final class ChdbEventSink implements EventSink {

  private final ChdbEngine engine;
  private final String table;
  private final String structure;
  private final RowEncoder encoder;
  private final List<String> refusals = new ArrayList<>();

  private ChdbEventSink(ChdbEngine engine, String table, String structure, RowEncoder encoder) {
    this.engine = engine;
    this.table = table;
    this.structure = structure;
    this.encoder = encoder;
  }

  /** A sink for {@code database.table}, with the consumer's encoder for its columns. */
  static ChdbEventSink forTable(ChdbEngine engine, String database, String table)
      throws SinkException {
    RowEncoder encoder =
        EncoderSettings.DEFAULTS.encoderFor(
            TableSchemaReader.read(
                query -> List.of(engine.query(query).split("\n")),
                database,
                table,
                TableSchemaReader.features(ServerVersion.parse(engine.version()), "UTC")));
    Map<String, String> types = new LinkedHashMap<>();
    for (String line :
        engine.queryLines(
            "SELECT name, type FROM system.columns WHERE database = "
                + ChdbEngine.quote(database)
                + " AND table = "
                + ChdbEngine.quote(table)
                + " ORDER BY position")) {
      String[] nameType = line.split("\t", 2);
      types.put(nameType[0], nameType[1].replace("\\'", "'"));
    }
    String structure =
        String.join(", ", encoder.columnNames().stream().map(c -> c + " " + types.get(c)).toList());
    return new ChdbEventSink(engine, database + "." + table, structure, encoder);
  }

  @Override
  public RowEncoder encoder() {
    return encoder;
  }

  @Override
  public void reloadSchema() {}

  @Override
  public InsertResult insert(Insert insert) throws SinkException {
    byte[] rows = Arrays.copyOfRange(insert.body().array(), insert.from(), insert.to());
    try {
      engine.insertRowBinary(
          table + " (" + String.join(", ", insert.encoder().columnNames()) + ")",
          structure,
          rows,
          "insert_deduplication_token="
              + ChdbEngine.quote(insert.token())
              + ", insert_deduplicate=1, deduplicate_blocks_in_dependent_materialized_views=1");
    } catch (ChdbEngine.ChdbException e) {
      refusals.add(e.getMessage());
      boolean tooManyPartitions = e.getMessage().contains("Too many partitions");
      throw new SinkException(e.getMessage(), tooManyPartitions ? 252 : null, e);
    }
    return InsertResult.unknown();
  }

  /** What the engine refused, in order. */
  List<String> refusals() {
    return refusals;
  }
}
