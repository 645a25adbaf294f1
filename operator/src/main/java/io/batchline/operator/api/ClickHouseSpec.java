package io.batchline.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

public class ClickHouseSpec {

  static final String IDENTIFIER = "^[a-zA-Z_][a-zA-Z0-9_]{0,127}$";

  /** A ClickHouse column name that the consumer can address without quoting. */
  public static final String COLUMN_NAME = "^[A-Za-z_][A-Za-z0-9_]*$";

  /**
   * Where a column's value comes from: a JSON path into the event (dot-separated segments), a Kafka
   * attribute, the whole event as JSON text, the ingestion time, or a Kafka header.
   */
  public static final String COLUMN_SOURCE =
      "^(_topic|_partition|_offset|_timestamp|_key|_event|_ingested_at"
          + "|_header\\.[A-Za-z0-9_.-]+|[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*)$";

  static final int MAX_COLUMNS = 1000;

  @Required
  @Size(max = 2048)
  @Pattern("^https?://[^\\s]+$")
  @ValidationRule(
      value = "!self.matches(r'^[a-zA-Z]+://[^/?#]*@')",
      message =
          "spec.clickhouse.url must not carry credentials (user:password@host): a URL is stored"
              + " in a ConfigMap. Use spec.clickhouse.username and spec.clickhouse.password")
  @JsonPropertyDescription("ClickHouse HTTP endpoint, for example http://clickhouse:8123.")
  private String url;

  @Default("default")
  @Pattern(IDENTIFIER)
  @JsonPropertyDescription("Database of the target table.")
  private String database = "default";

  @Default("events")
  @Pattern(IDENTIFIER)
  @JsonPropertyDescription("Target table. samples/clickhouse/events.sql creates the default one.")
  private String table = "events";

  @Size(max = MAX_COLUMNS)
  @ValidationRule(
      value = "self.all(k, k.matches(r'" + COLUMN_NAME + "'))",
      messageExpression =
          "'spec.clickhouse.columns: a column name is letters, digits and _, not starting with a"
              + " digit; refused: ' + self.filter(k, !k.matches(r'"
              + COLUMN_NAME
              + "'))[0]")
  @ValidationRule(
      value = "self.all(k, self[k].matches(r'" + COLUMN_SOURCE + "'))",
      messageExpression =
          "'spec.clickhouse.columns: a source is a JSON path such as properties.quantity, or one"
              + " of _topic, _partition, _offset, _timestamp, _key, _event, _ingested_at,"
              + " _header.<name>; refused: ' + self.filter(k, !self[k].matches(r'"
              + COLUMN_SOURCE
              + "')).map(k, k + '=' + self[k])[0]")
  @JsonPropertyDescription(
      "Where each column of the table takes its value from, by column name. A source is a JSON"
          + " path into the event (properties.quantity), _topic, _partition, _offset, _timestamp,"
          + " _key, _event (the whole event as JSON text), _ingested_at, or _header.<name>."
          + " Columns not named here take the event field of their own name. Reaches the consumer"
          + " as CLICKHOUSE_COLUMNS, column=source pairs sorted by column and joined with commas.")
  private Map<String, @Size(max = 256) String> columns;

  @JsonPropertyDescription("User name, from a Secret. Defaults to the server's default user.")
  private SecretValue username;

  @JsonPropertyDescription("Password, from a Secret only. Inline passwords are refused.")
  private SecretValue password;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getDatabase() {
    return database;
  }

  public void setDatabase(String database) {
    this.database = database;
  }

  public String getTable() {
    return table;
  }

  public void setTable(String table) {
    this.table = table;
  }

  public Map<String, String> getColumns() {
    return columns;
  }

  public void setColumns(Map<String, String> columns) {
    this.columns = columns;
  }

  public SecretValue getUsername() {
    return username;
  }

  public void setUsername(SecretValue username) {
    this.username = username;
  }

  public SecretValue getPassword() {
    return password;
  }

  public void setPassword(SecretValue password) {
    this.password = password;
  }
}
