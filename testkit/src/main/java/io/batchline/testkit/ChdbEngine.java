package io.batchline.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ClickHouse 26.9 engine that the chdb Python package embeds, in one persistent session run by
 * {@code dev/chdb session} (which installs chdb into a cached virtualenv on first use).
 *
 * <p>This is an <b>engine check</b>, not a server test: chdb has no HTTP server, so nothing here
 * exercises the HTTP path, the client library or server settings profiles. It shows what a modern
 * engine does with the consumer's own RowBinary bytes, deduplication tokens and DDL. RowBinary goes
 * in through a file, {@code INSERT INTO t SELECT * FROM file('<path>', RowBinary, '<structure>')},
 * because the embedded parser refuses {@code FROM INFILE}.
 *
 * <p>Thread-safe (one request at a time). Close it to stop the Python process.
 */
public final class ChdbEngine implements AutoCloseable {

  /** The engine refused a statement; the message is the engine's own. */
  public static final class ChdbException extends RuntimeException {
    ChdbException(String message) {
      super(message);
    }
  }

  private final Path directory;
  private final boolean temporary;
  private final Path log;
  private final Process process;
  private final OutputStream requests;
  private final InputStream responses;
  private int files;

  private ChdbEngine(Path directory, boolean temporary) throws IOException {
    this.directory = directory;
    this.temporary = temporary;
    this.log = directory.resolve("chdb-session.log");
    Path repoRoot = LocalStack.findRepoRoot();
    process =
        new ProcessBuilder(
                repoRoot.resolve("dev/chdb").toString(),
                "session",
                directory.resolve("data").toString())
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    requests = process.getOutputStream();
    responses = new BufferedInputStream(process.getInputStream());
  }

  /**
   * A new engine whose data lives in a fresh temporary directory, deleted again by {@link
   * #close()}.
   */
  public static ChdbEngine start() {
    Path directory;
    try {
      directory = Files.createTempDirectory("batchline-chdb");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a chdb directory: " + e, e);
    }
    return start(directory, true);
  }

  /** A new engine whose data lives in {@code directory} (kept across sessions). */
  public static ChdbEngine start(Path directory) {
    return start(directory, false);
  }

  private static ChdbEngine start(Path directory, boolean temporary) {
    try {
      Files.createDirectories(directory);
      return new ChdbEngine(directory, temporary);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start dev/chdb session: " + e, e);
    }
  }

  /** Where the engine keeps its data and its session log. */
  public Path directory() {
    return directory;
  }

  /** The engine's version, for example {@code 26.9.2.1}. */
  public String version() {
    return query("SELECT version()").strip();
  }

  /** Runs one statement and returns its result as TabSeparated text. */
  public String query(String sql) {
    return query(sql, "TabSeparated");
  }

  /** Runs one statement and returns its result in {@code format} (JSONEachRow, CSV, ...). */
  public synchronized String query(String sql, String format) {
    return new String(request(sql, format), StandardCharsets.UTF_8);
  }

  /** The result's lines as TabSeparated text; empty for no rows. */
  public List<String> queryLines(String sql) {
    String text = query(sql).strip();
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  /**
   * Runs a script of statements separated by {@code ;} at a line's end; {@code --} lines skipped.
   */
  public void execute(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.strip().endsWith(";")) {
        statements.add(current.toString());
        current.setLength(0);
      }
    }
    statements.add(current.toString());
    for (String statement : statements) {
      String sql = statement.strip();
      if (sql.endsWith(";")) {
        sql = sql.substring(0, sql.length() - 1).strip();
      }
      if (!sql.isEmpty()) {
        query(sql);
      }
    }
  }

  /**
   * Inserts RowBinary rows: {@code INSERT INTO <into> [SETTINGS <settings>] SELECT * FROM file(...,
   * RowBinary, '<structure>')}.
   *
   * @param into the table, optionally with a column list: {@code db.t (id, ts)}
   * @param structure the rows' columns and types as RowBinary carries them, {@code id String, ts
   *     DateTime64(3, 'UTC')}; quotes inside are escaped here
   * @param settings empty, or {@code insert_deduplication_token='t1', ...}
   */
  public void insertRowBinary(String into, String structure, byte[] rows, String settings) {
    insertFrom(into, rows, settings, file -> fileFunction(file, structure));
  }

  /**
   * Inserts rows in {@code format} ({@code RowBinary}, {@code RowBinaryWithDefaults}, ...) whose
   * structure is the insertion table's columns, as an {@code INSERT INTO <into> FORMAT <format>}
   * over HTTP reads them: {@code INSERT INTO <into> [SETTINGS <settings>] SELECT * FROM
   * file('<path>', <format>)}. DEFAULTs of the table apply to RowBinaryWithDefaults rows, and the
   * settings to the reading of the rows.
   *
   * @param into the table, usually with the INSERT's column list: {@code db.t (id, ts)}
   */
  public void insertFile(String into, String format, byte[] rows, String settings) {
    insertFrom(
        into, rows, settings, file -> "file(" + quote(file.toString()) + ", " + format + ")");
  }

  private synchronized void insertFrom(
      String into, byte[] rows, String settings, java.util.function.Function<Path, String> source) {
    Path file = writeRows(rows);
    try {
      query(
          "INSERT INTO "
              + into
              + (settings.isBlank() ? "" : " SETTINGS " + settings)
              + " SELECT * FROM "
              + source.apply(file));
    } finally {
      deleteQuietly(file);
    }
  }

  /** {@link #insertRowBinary(String, String, byte[], String)} without settings. */
  public void insertRowBinary(String into, String structure, byte[] rows) {
    insertRowBinary(into, structure, rows, "");
  }

  /**
   * Decodes RowBinary rows without a table: {@code SELECT <select> FROM file(...)} in {@code
   * format}. {@code select} is {@code *} or expressions over the structure's columns.
   */
  public synchronized String decodeRowBinary(
      String structure, byte[] rows, String select, String format) {
    Path file = writeRows(rows);
    try {
      return query("SELECT " + select + " FROM " + fileFunction(file, structure), format);
    } finally {
      deleteQuietly(file);
    }
  }

  /** A single-quoted SQL string literal, with backslashes and quotes escaped by backslashes. */
  public static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private String fileFunction(Path file, String structure) {
    return "file(" + quote(file.toString()) + ", RowBinary, " + quote(structure) + ")";
  }

  private Path writeRows(byte[] rows) {
    try {
      Path file = directory.resolve("rows-" + (files++) + ".bin");
      Files.write(file, rows);
      return file;
    } catch (IOException e) {
      throw new IllegalStateException("cannot write rows for chdb: " + e, e);
    }
  }

  private byte[] request(String sql, String format) {
    byte[] body = sql.getBytes(StandardCharsets.UTF_8);
    try {
      requests.write(
          ("QUERY " + format + " " + body.length + "\n").getBytes(StandardCharsets.US_ASCII));
      requests.write(body);
      requests.flush();
      String[] header = readLine().split(" ", 2);
      byte[] answer = responses.readNBytes(Integer.parseInt(header[1]));
      if (header[0].equals("ERR")) {
        throw new ChdbException(
            new String(answer, StandardCharsets.UTF_8).strip() + "\n  in: " + abbreviate(sql));
      }
      return answer;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ChdbException chdb) {
        throw chdb;
      }
      throw new IllegalStateException(
          "dev/chdb session failed (" + e + "); its log " + log + ":\n" + logTail(), e);
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = responses.read(); b != '\n'; b = responses.read()) {
      if (b < 0) {
        throw new IOException("the session ended");
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static String abbreviate(String sql) {
    return sql.length() <= 500 ? sql : sql.substring(0, 500) + "...";
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // what cannot be deleted is left where it is, in a temporary directory
    }
  }

  /** Stops the session; a temporary directory from {@link #start()} goes with it. */
  @Override
  public synchronized void close() {
    try {
      requests.close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    if (temporary) {
      deleteTree(directory);
    }
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(ChdbEngine::deleteQuietly);
    } catch (IOException e) {
      System.err.println("[chdb] could not delete " + root + ": " + e);
    }
  }
}
