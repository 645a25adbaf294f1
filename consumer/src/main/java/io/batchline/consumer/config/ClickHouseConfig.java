package io.batchline.consumer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where rows are written: {@code CLICKHOUSE_URL}, {@code CLICKHOUSE_DATABASE}, and so on. */
@ConfigMapping(prefix = "clickhouse")
public interface ClickHouseConfig {

  /** HTTP endpoint, for example {@code http://127.0.0.1:8123}. */
  @WithDefault("http://127.0.0.1:8123")
  String url();

  @WithDefault("default")
  String database();

  @WithDefault("events")
  String table();

  @WithDefault("default")
  String username();

  /** From a Kubernetes Secret in production; never logged. */
  Optional<String> password();

  /**
   * Explicit column sources, {@code column=source} joined by commas, for example {@code
   * quantity=properties.quantity,raw=_event,trace=_header.trace-id}. Unmapped columns take the
   * event's top-level field of their name. See {@link io.batchline.consumer.table.ColumnMapping}.
   */
  Optional<String> columns();

  /** Longest time one insert may take before it is retried. */
  @WithDefault("30s")
  Duration insertTimeout();

  /** LZ4-compress insert bodies: less network, more CPU on both ends. */
  @WithDefault("true")
  boolean compress();
}
