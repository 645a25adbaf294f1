package io.batchline.consumer.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.data.ClickHouseFormat;
import io.batchline.consumer.batch.DeduplicationToken;
import io.batchline.consumer.batch.Event;
import io.batchline.consumer.batch.EventDecoder;
import io.batchline.consumer.batch.EventSink;
import io.batchline.consumer.batch.SinkException;
import io.batchline.consumer.table.RowBinaryBuffer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes events to ClickHouse with client-v2 as RowBinary. Retries are not done here: the client's
 * own retries are off, and {@link io.batchline.consumer.batch.RetryClassifier} decides.
 */
public final class ClickHouseEventSink implements EventSink, AutoCloseable {

  private final Client client;
  private final String table;
  private final Duration timeout;
  private final Clock clock;
  private TableSchema schema;
  private RowBinaryEncoder encoder;
  private final RowBinaryBuffer rows = new RowBinaryBuffer();
  private ServerVersion version;

  public ClickHouseEventSink(
      String url,
      String username,
      String password,
      String database,
      String table,
      Duration timeout,
      Clock clock) {
    this.client =
        new Client.Builder()
            .addEndpoint(url)
            .setUsername(username)
            .setPassword(password)
            // 18.16 answers compressed responses with an empty body (see FACTS.md).
            .compressServerResponse(false)
            .compressClientRequest(true)
            .setMaxRetries(0)
            .setConnectTimeout(5, java.time.temporal.ChronoUnit.SECONDS)
            .setSocketTimeout(timeout.toMillis())
            .setClientName("batchline-consumer")
            .build();
    this.table = database + "." + table;
    this.timeout = timeout;
    this.clock = clock;
  }

  /**
   * Reads the server version and checks the table. Throws {@link SchemaMismatchException} naming
   * the problem when the table or a column is missing, and {@link SinkException} when the server
   * cannot be reached or answers nonsense.
   */
  public ServerVersion connect() throws SinkException {
    List<String> ping = query("SELECT 1 FORMAT TabSeparated");
    if (!ping.equals(List.of("1"))) {
      throw new SinkException(
          "ClickHouse answered SELECT 1 with " + ping + "; responses are being lost", null);
    }
    version = ServerVersion.parse(query("SELECT version() FORMAT TabSeparated").get(0));
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
    schema = TableSchema.check(table, columns);
    encoder = new RowBinaryEncoder(schema, new EventDecoder(Integer.MAX_VALUE));
    return version;
  }

  public TableSchema schema() {
    return schema;
  }

  @Override
  public void write(List<Event> events) throws SinkException {
    InsertSettings settings = new InsertSettings();
    if (version.supportsDeduplicationToken()) {
      settings.setDeduplicationToken(DeduplicationToken.of(events));
    }
    rows.clear();
    encoder.encode(events, clock.instant(), rows);
    try (InsertResponse response =
        client
            .insert(
                table, schema.columnNames(), rows::writeTo, ClickHouseFormat.RowBinary, settings)
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      verifyWrittenRows(response.getWrittenRows(), events.size());
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

  /** Older servers send no summary (-1); a summary that disagrees means rows were lost. */
  private void verifyWrittenRows(long written, int expected) throws SinkException {
    if (written >= 0 && version.reportsWrittenRows() && written < expected) {
      throw new SinkException(
          "ClickHouse acknowledged " + written + " of " + expected + " rows", 319, null);
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

  private static SinkException translate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ServerException server) {
        return new SinkException(firstLine(server.getMessage()), server.getCode(), failure);
      }
    }
    return new SinkException(firstLine(String.valueOf(failure)), failure);
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
