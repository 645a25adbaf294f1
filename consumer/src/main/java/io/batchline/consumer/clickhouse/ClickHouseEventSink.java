package io.batchline.consumer.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.data.ClickHouseFormat;
import io.batchline.consumer.batch.DeduplicationToken;
import io.batchline.consumer.batch.Event;
import io.batchline.consumer.batch.EventSink;
import io.batchline.consumer.batch.SinkException;
import io.batchline.consumer.table.EncoderSettings;
import io.batchline.consumer.table.InsertFormat;
import io.batchline.consumer.table.RowBinaryBuffer;
import io.batchline.consumer.table.RowEncoder;
import io.batchline.consumer.table.TableDefinition;
import io.batchline.consumer.table.TableRowEncoder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Writes events to ClickHouse with client-v2 as RowBinary. Retries are not done here: the client's
 * own retries are off, and {@link io.batchline.consumer.batch.RetryClassifier} decides.
 */
public final class ClickHouseEventSink implements EventSink, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ClickHouseEventSink.class);

  private final Client client;
  private final String table;
  private final Duration timeout;
  private final Clock clock;
  private final EncoderSettings encoderSettings;
  private volatile TableRowEncoder encoder;
  private final RowBinaryBuffer rows = new RowBinaryBuffer();
  private ServerVersion version;
  private String timeZone;

  public ClickHouseEventSink(
      String url,
      String username,
      String password,
      String database,
      String table,
      Duration timeout,
      Clock clock,
      EncoderSettings encoderSettings) {
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
    this.encoderSettings = encoderSettings;
  }

  /**
   * Reads the server version and the table, and builds the table's {@link RowEncoder}. Throws
   * {@link SchemaMismatchException} naming the problem when the table is missing or a column cannot
   * be written, and {@link SinkException} when the server cannot be reached or answers nonsense.
   */
  public ServerVersion connect() throws SinkException {
    List<String> ping = query("SELECT 1 FORMAT TabSeparated");
    if (!ping.equals(List.of("1"))) {
      throw new SinkException(
          "ClickHouse answered SELECT 1 with " + ping + "; responses are being lost", null);
    }
    version = ServerVersion.parse(query("SELECT version() FORMAT TabSeparated").get(0));
    timeZone = query("SELECT timezone() FORMAT TabSeparated").get(0).strip();
    reloadSchema();
    return version;
  }

  /** The encoder for the table as last read; replaced by {@link #reloadSchema()}. */
  public RowEncoder encoder() {
    return encoder;
  }

  /**
   * Reads the table's columns again (after a schema error such as codes 16, 33 or 47) and returns
   * the new encoder, which {@link #encoder()} returns from now on. Throws {@link
   * SchemaMismatchException} when the table no longer fits the events.
   */
  public RowEncoder reloadSchema() throws SinkException {
    String[] dbTable = table.split("\\.", 2);
    TableDefinition definition =
        TableSchemaReader.read(
            this::query, dbTable[0], dbTable[1], TableSchemaReader.features(version, timeZone));
    TableRowEncoder built = encoderSettings.encoderFor(definition);
    LOG.infof(
        "table mapping: %s%n  timestamp window: %s",
        built.plan().describe(), encoderSettings.window());
    encoder = built;
    return built;
  }

  @Override
  public void write(List<Event> events) throws SinkException {
    InsertSettings settings = new InsertSettings();
    if (version.supportsDeduplicationToken()) {
      settings.setDeduplicationToken(DeduplicationToken.of(events));
    }
    RowEncoder rowEncoder = encoder;
    rowEncoder.insertSettings().forEach(settings::serverSetting);
    rows.clear();
    for (Event event : events) {
      rows.writeBytes(event.row());
    }
    ClickHouseFormat format =
        rowEncoder.format() == InsertFormat.ROW_BINARY_WITH_DEFAULTS
            ? ClickHouseFormat.RowBinaryWithDefaults
            : ClickHouseFormat.RowBinary;
    try (InsertResponse response =
        client
            .insert(table, rowEncoder.columnNames(), rows::writeTo, format, settings)
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

  @Override
  public void close() {
    client.close();
  }
}
