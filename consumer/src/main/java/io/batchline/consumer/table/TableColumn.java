package io.batchline.consumer.table;

/**
 * One column as {@code system.columns} describes it.
 *
 * @param defaultKind empty, {@code DEFAULT}, {@code MATERIALIZED}, {@code ALIAS} or {@code
 *     EPHEMERAL}
 * @param defaultExpression the expression of that default, else empty
 */
public record TableColumn(
    String name, String type, String defaultKind, String defaultExpression, String comment) {

  public TableColumn(String name, String type) {
    this(name, type, "", "", "");
  }

  /** The server computes it on every insert; an INSERT may not name it. */
  public boolean isComputed() {
    return defaultKind.equals("MATERIALIZED") || defaultKind.equals("ALIAS");
  }

  /** The server can fill it when the insert leaves it out. */
  public boolean hasDefault() {
    return defaultKind.equals("DEFAULT") || defaultKind.equals("EPHEMERAL");
  }
}
