package io.batchline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chdb harness itself. An engine check: it runs the ClickHouse 26.9 engine in-process through
 * {@code dev/chdb}, not a server, so it covers no HTTP path.
 */
class ChdbEngineIT {

  private static ChdbEngine engine;

  @BeforeAll
  static void start() {
    engine = ChdbEngine.start();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void isTheModernEngine() {
    assertThat(engine.version()).startsWith("26.9.");
  }

  @Test
  void rowBinaryGoesInThroughAFileAndATokenDropsTheReplay() {
    engine.execute(
        """
        -- a table that keeps deduplication tokens
        CREATE TABLE dedup (id String, ts DateTime64(3, 'UTC'), n UInt32) ENGINE = MergeTree
        ORDER BY id SETTINGS non_replicated_deduplication_window = 100;
        """);
    byte[] row =
        concat(
            new byte[] {2, 'a', 'b'},
            new byte[] {(byte) 0xe8, 3, 0, 0, 0, 0, 0, 0},
            new byte[] {7, 0, 0, 0});
    String structure = "id String, ts DateTime64(3, 'UTC'), n UInt32";

    engine.insertRowBinary("dedup", structure, row, "insert_deduplication_token='t1'");
    engine.insertRowBinary("dedup", structure, row, "insert_deduplication_token='t1'");

    assertThat(engine.query("SELECT id, ts, n FROM dedup", "JSONEachRow"))
        .isEqualTo("{\"id\":\"ab\",\"ts\":\"1970-01-01 00:00:01.000\",\"n\":7}\n");
  }

  @Test
  void decodesRowsWithoutATable() {
    byte[] row = "\u0003\u00e9t\u00e9".getBytes(StandardCharsets.UTF_8);
    row[0] = 5; // "été" is 5 bytes in UTF-8

    assertThat(engine.decodeRowBinary("s String", row, "s, length(s)", "TabSeparated"))
        .isEqualTo("été\t5\n");
  }

  @Test
  void refusedStatementsCarryTheEngineMessage() {
    assertThatThrownBy(() -> engine.query("SELECT * FROM no_such_table"))
        .isInstanceOf(ChdbEngine.ChdbException.class)
        .hasMessageContaining("UNKNOWN_TABLE");
    assertThat(engine.query("SELECT 1")).isEqualTo("1\n");
  }

  @Test
  void aTemporaryEngineTakesItsDirectoryAlongWhenClosed() {
    java.nio.file.Path directory;
    try (ChdbEngine own = ChdbEngine.start()) {
      directory = own.directory();
      own.execute("CREATE TABLE t (id String) ENGINE = MergeTree ORDER BY id;");
      own.insertRowBinary("t", "id String", new byte[] {1, 'x'});
      assertThat(own.query("SELECT count() FROM t")).isEqualTo("1\n");
      assertThat(directory.resolve("data")).isDirectory();
    }

    assertThat(directory).doesNotExist();
  }

  private static byte[] concat(byte[]... parts) {
    int size = 0;
    for (byte[] part : parts) {
      size += part.length;
    }
    byte[] result = new byte[size];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, result, at, part.length);
      at += part.length;
    }
    return result;
  }
}
