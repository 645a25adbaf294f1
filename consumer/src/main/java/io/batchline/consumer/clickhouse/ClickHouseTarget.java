package io.batchline.consumer.clickhouse;

/** The server and table rows go to, and the login; the password is never logged. */
public record ClickHouseTarget(
    String url, String username, String password, String database, String table) {

  @Override
  public String toString() {
    return url + " " + database + "." + table + " as " + username;
  }
}
