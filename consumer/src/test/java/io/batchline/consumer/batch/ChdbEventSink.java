package io.batchline.consumer.batch;

import io.batchline.consumer.table.RowEncoder;
import io.batchline.testkit.ChdbEngine;
import java.util.Arrays;
import java.util.List;

/**
 * The consumer's inserts, bytes and tokens as the core produces them, replayed into the ClickHouse
 * 26.9 engine of chdb with the settings the consumer sends a modern server. This checks the engine
 * only: chdb has no HTTP server, so the HTTP path is not covered here.
 */
final class ChdbEventSink implements EventSink {

  private final ChdbEngine engine;
  private final String table;
  private final String structure;
  private final RowEncoder encoder;
  private final boolean sendTokens;

  ChdbEventSink(
      ChdbEngine engine, String table, String structure, RowEncoder encoder, boolean sendTokens) {
    this.engine = engine;
    this.table = table;
    this.structure = structure;
    this.encoder = encoder;
    this.sendTokens = sendTokens;
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
    String settings =
        sendTokens
            ? "insert_deduplication_token="
                + ChdbEngine.quote(insert.token())
                + ", insert_deduplicate=1, deduplicate_blocks_in_dependent_materialized_views=1"
            : "";
    try {
      engine.insertRowBinary(
          table + " (" + String.join(", ", insert.encoder().columnNames()) + ")",
          structure,
          rows,
          settings);
    } catch (ChdbEngine.ChdbException e) {
      int code = e.getMessage().contains("Too many partitions") ? 252 : 0;
      throw new SinkException(e.getMessage(), code == 0 ? null : code, e);
    }
    return InsertResult.unknown();
  }

  static String structureOf(List<String> columns, java.util.Map<String, String> types) {
    return String.join(", ", columns.stream().map(c -> c + " " + types.get(c)).toList());
  }
}
