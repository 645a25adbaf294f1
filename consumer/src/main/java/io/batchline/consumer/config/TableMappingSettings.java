package io.batchline.consumer.config;

import io.batchline.consumer.table.ColumnMapping;
import io.batchline.consumer.table.EncoderSettings;
import io.batchline.consumer.table.TimestampWindow;
import java.time.Duration;
import java.util.Optional;

/**
 * Validates the settings that decide how events become rows: {@code clickhouse.columns} and the
 * timestamp window. Refuses an invalid value with one line naming the setting.
 */
public final class TableMappingSettings {

  private TableMappingSettings() {}

  public static EncoderSettings resolve(
      Optional<String> columns,
      Optional<Duration> maxAge,
      Optional<Duration> maxFuture,
      int maxEventBytes) {
    ColumnMapping mapping;
    try {
      mapping = ColumnMapping.parse(columns.orElse(""));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException("clickhouse.columns " + e.getMessage());
    }
    requirePositive("event-processing.timestamp-max-age", maxAge);
    requirePositive("event-processing.timestamp-max-future", maxFuture);
    return new EncoderSettings(mapping, new TimestampWindow(maxAge, maxFuture), maxEventBytes);
  }

  private static void requirePositive(String name, Optional<Duration> value) {
    if (value.isPresent() && (value.get().isNegative() || value.get().isZero())) {
      throw new InvalidSettingException(name + " must be positive, got " + value.get());
    }
  }

  public static EncoderSettings resolve(ClickHouseConfig clickHouse, EventProcessingConfig events) {
    return resolve(
        clickHouse.columns(),
        events.timestampMaxAge(),
        events.timestampMaxFuture(),
        events.maxEventBytes());
  }
}
