package io.batchline.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

public class ClickHouseSpec {

  static final String IDENTIFIER = "^[a-zA-Z_][a-zA-Z0-9_]{0,127}$";

  @Required
  @Size(max = 2048)
  @Pattern("^https?://[^\\s]+$")
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
