package io.batchline.consumer.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.data.ClickHouseFormat;
import io.batchline.consumer.batch.EventDecoder;
import io.batchline.consumer.batch.EventSink;
import io.batchline.consumer.batch.Insert;
import io.batchline.consumer.batch.InsertResult;
import io.batchline.consumer.batch.SinkException;
import io.batchline.consumer.table.RowEncoder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes RowBinary batches to ClickHouse with client-v2, several at once from the writer threads.
 * Retries are not done here: the client's own retries are off, and {@link
 * io.batchline.consumer.batch.RetryClassifier} decides.
 */
public final class ClickHouseEventSink implements EventSink, AutoCloseable {

  private final Client client;
  private final String table;
  private final Duration timeout;
  private volatile TableSchema schema;
  private volatile RowEncoder encoder;
  private ServerVersion version;
  private InsertSettingsPolicy insertSettings;

  /**
   * @param compress LZ4-compress request bodies; worth it when the network, not the CPU, is the
   *     bottleneck
   */
  public ClickHouseEventSink(ClickHouseTarget target, Duration timeout, boolean compress) {
    this.client =
        new Client.Builder()
            .addEndpoint(target.url())
            .setUsername(target.username())
            .setPassword(target.password())
            // 18.16 answers compressed responses with an empty body.
            .compressServerResponse(false)
            .compressClientRequest(compress)
            .setMaxRetries(0)
            .setConnectTimeout(5, ChronoUnit.SECONDS)
            .setSocketTimeout(timeout.toMillis())
            .setClientName("batchline-consumer")
            .build();
    this.table = target.database() + "." + target.table();
    this.timeout = timeout;
  }

  /**
   * Reads the server version, the settings it knows and the table. Throws {@link
   * SchemaMismatchException} naming the problem when the table or a column is missing, and {@link
   * SinkException} when the server cannot be reached or answers nonsense.
   */
  public ServerVersion connect() throws SinkException {
    List<String> ping = query("SELECT 1 FORMAT TabSeparated");
    if (!ping.equals(List.of("1"))) {
      throw new SinkException(
          "ClickHouse answered SELECT 1 with " + ping + "; responses are being lost", null);
    }
    version = ServerVersion.parse(query("SELECT version() FORMAT TabSeparated").get(0));
    insertSettings =
        InsertSettingsPolicy.from(
            version,
            query(
                "SELECT name FROM system.settings WHERE name IN ("
                    + InsertSettingsPolicy.quotedNames()
                    + ") FORMAT TabSeparated"));
    readSchema();
    return version;
  }

  public ServerVersion version() {
    return version;
  }

  public InsertSettingsPolicy insertSettings() {
    return insertSettings;
  }

  public TableSchema schema() {
    return schema;
  }

  @Override
  public RowEncoder encoder() {
    return encoder;
  }

  @Override
  public synchronized void reloadSchema() throws SinkException {
    readSchema();
  }

  private void readSchema() throws SinkException {
    String[] dbTable = table.split("\\.", 2);
    Map<String, String> columns = new LinkedHashMap<>();
    for (String line :
        query(
            "SELECT name, type FROM system.columns WHERE database = '"
                + escape(dbTable[0])
                + "' AND table = '"
                + escape(dbTable[1])
                + "' FORMAT TabSeparated")) {
      String[] nameType = line.split("\t", 2);
      columns.put(nameType[0], nameType[1]);
    }
    TableSchema read = TableSchema.check(table, columns);
    if (schema == null || !read.describe().equals(schema.describe())) {
      encoder = new RowBinaryEncoder(read, new EventDecoder(Integer.MAX_VALUE));
      schema = read;
    }
  }

  @Override
  public InsertResult insert(Insert insert) throws SinkException {
    InsertSettings settings = insertSettings.forInsert(insert.token());
    try (InsertResponse response =
        client
            .insert(
                table,
                insert.encoder().columnNames(),
                out -> insert.body().writeTo(out, insert.from(), insert.to()),
                ClickHouseFormat.RowBinary,
                settings)
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return version.reportsWrittenRows()
          ? new InsertResult(OptionalLong.of(response.getWrittenRows()))
          : InsertResult.unknown();
    } catch (ExecutionException e) {
      throw translate(e.getCause());
    } catch (TimeoutException e) {
      throw new SinkException("insert timed out after " + timeout.toMillis() + " ms", 159, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkException("interrupted while inserting", e);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  private List<String> query(String sql) throws SinkException {
    try (QueryResponse response = client.query(sql).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
      return lines;
    } catch (ExecutionException e) {
      throw translate(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkException("interrupted while querying", e);
    } catch (Exception e) {
      throw translate(e);
    }
  }

  static SinkException translate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ServerException server) {
        String message = firstLine(server.getMessage());
        return new SinkException(message, serverCode(server.getCode(), message), failure);
      }
    }
    return new SinkException(firstLine(String.valueOf(failure)), failure);
  }

  private static final Pattern CODE_IN_MESSAGE = Pattern.compile("Code: (\\d+)");

  /**
   * The error code; servers that send no {@code X-ClickHouse-Exception-Code} header (18.16) leave
   * it in the message only, as {@code Code: 33, e.displayText() = ...}.
   */
  static Integer serverCode(int reported, String message) {
    if (reported > 0) {
      return reported;
    }
    Matcher m = CODE_IN_MESSAGE.matcher(String.valueOf(message));
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  private static String firstLine(String message) {
    int newline = message == null ? -1 : message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static String escape(String identifier) {
    return identifier.replace("\\", "\\\\").replace("'", "\\'");
  }

  @Override
  public void close() {
    client.close();
  }
}
