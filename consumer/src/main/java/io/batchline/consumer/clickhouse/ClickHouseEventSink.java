package io.batchline.consumer.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.data.ClickHouseFormat;
import io.batchline.consumer.batch.EventSink;
import io.batchline.consumer.batch.Insert;
import io.batchline.consumer.batch.InsertResult;
import io.batchline.consumer.batch.PipelineLog;
import io.batchline.consumer.batch.SinkException;
import io.batchline.consumer.table.EncoderSettings;
import io.batchline.consumer.table.InsertFormat;
import io.batchline.consumer.table.RowEncoder;
import io.batchline.consumer.table.TableDefinition;
import io.batchline.consumer.table.TableRowEncoder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
  private final EncoderSettings encoderSettings;
  private final PipelineLog log;
  private volatile TableDefinition definition;
  private volatile TableRowEncoder encoder;
  private ServerVersion version;
  private String timeZone;
  private InsertSettingsPolicy insertSettings;

  /**
   * @param compress LZ4-compress request bodies; worth it when the network, not the CPU, is the
   *     bottleneck
   * @param encoderSettings the user's mapping from events to the table's columns
   */
  public ClickHouseEventSink(
      ClickHouseTarget target,
      Duration timeout,
      boolean compress,
      EncoderSettings encoderSettings,
      PipelineLog log) {
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
    this.encoderSettings = encoderSettings;
    this.log = log;
  }

  /**
   * Reads the server version, the settings it knows and the table, and builds the table's encoder.
   * Throws {@link SchemaMismatchException} naming the problem when the table is missing or a column
   * cannot be written, and {@link SinkException} when the server cannot be reached or answers
   * nonsense.
   */
  public ServerVersion connect() throws SinkException {
    List<String> ping = query("SELECT 1 FORMAT TabSeparated");
    if (!ping.equals(List.of("1"))) {
      throw new SinkException(
          "ClickHouse answered SELECT 1 with " + ping + "; responses are being lost", null);
    }
    version = ServerVersion.parse(query("SELECT version() FORMAT TabSeparated").get(0));
    timeZone = query("SELECT timezone() FORMAT TabSeparated").get(0).strip();
    insertSettings =
        InsertSettingsPolicy.from(
            version,
            query(
                "SELECT name FROM system.settings WHERE name IN ("
                    + InsertSettingsPolicy.quotedNames()
                    + ") FORMAT TabSeparated"));
    reloadSchema();
    return version;
  }

  public ServerVersion version() {
    return version;
  }

  public InsertSettingsPolicy insertSettings() {
    return insertSettings;
  }

  @Override
  public RowEncoder encoder() {
    return encoder;
  }

  /**
   * Reads the table's columns again. Only when they changed is a new encoder built (and its mapping
   * logged), so that a writer can tell from the encoder's identity whether its batch was encoded
   * for other columns. Throws {@link SchemaMismatchException} when the table no longer fits the
   * events.
   */
  @Override
  public synchronized void reloadSchema() throws SinkException {
    String[] dbTable = table.split("\\.", 2);
    TableDefinition read =
        TableSchemaReader.read(
            this::query, dbTable[0], dbTable[1], TableSchemaReader.features(version, timeZone));
    if (read.equals(definition)) {
      return;
    }
    TableRowEncoder built = encoderSettings.encoderFor(read);
    log.info(
        () ->
            "table mapping: "
                + built.plan().describe()
                + "\n  timestamp window: "
                + encoderSettings.window());
    encoder = built;
    definition = read;
  }

  @Override
  public InsertResult insert(Insert insert) throws SinkException {
    RowEncoder rows = insert.encoder();
    InsertSettings settings = insertSettings.forInsert(insert.token());
    rows.insertSettings().forEach(settings::serverSetting);
    ClickHouseFormat format =
        rows.format() == InsertFormat.ROW_BINARY_WITH_DEFAULTS
            ? ClickHouseFormat.RowBinaryWithDefaults
            : ClickHouseFormat.RowBinary;
    try (InsertResponse response =
        client
            .insert(
                table,
                rows.columnNames(),
                out -> insert.body().writeTo(out, insert.from(), insert.to()),
                format,
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

  @Override
  public void close() {
    client.close();
  }
}
