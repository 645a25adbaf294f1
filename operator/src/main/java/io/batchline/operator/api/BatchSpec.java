package io.batchline.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(
    value =
        "!has(self.flushSeconds) || self.flushSeconds != 0 || self.size == 1"
            + " || (has(self.allowZeroFlushSeconds) && self.allowZeroFlushSeconds)",
    fieldPath = ".flushSeconds",
    message =
        "spec.batch.flushSeconds may be 0 only with spec.batch.size 1 (rollback mode) or with"
            + " spec.batch.allowZeroFlushSeconds true")
@ValidationRule(
    value =
        "!has(self.maxEventBytes)"
            + " || self.maxEventBytes <= (has(self.maxBytes) ? self.maxBytes : 33554432)",
    fieldPath = ".maxEventBytes",
    message =
        "spec.batch.maxEventBytes must not exceed spec.batch.maxBytes (the consumer's 32 MiB when"
            + " unset)")
public class BatchSpec {

  public static final int DEFAULT_SIZE = 200;
  public static final int DEFAULT_FLUSH_SECONDS = 5;
  public static final int MAX_FLUSH_SECONDS = 3600;

  @Default("200")
  @Min(1)
  @Max(1_000_000)
  @JsonPropertyDescription("Flush when this many events are buffered.")
  private Integer size = DEFAULT_SIZE;

  @Default("5")
  @Min(0)
  @Max(MAX_FLUSH_SECONDS)
  @JsonPropertyDescription(
      "Flush when the oldest buffered event is this old. 0 means flush after every poll.")
  private Integer flushSeconds = DEFAULT_FLUSH_SECONDS;

  @Min(1024)
  @Max(1_073_741_824)
  @JsonPropertyDescription(
      "Flush when the buffered events reach this many bytes. The consumer's default is 32 MiB.")
  private Long maxBytes;

  @Min(1)
  @Max(1_073_741_824)
  @JsonPropertyDescription(
      "Events larger than this go to the DLQ. The consumer's default is 1 MiB.")
  private Long maxEventBytes;

  @Default("false")
  @JsonPropertyDescription(
      "Opt in to flushSeconds 0 with a size above 1: every poll is flushed as it comes.")
  private Boolean allowZeroFlushSeconds = false;

  public Integer getSize() {
    return size;
  }

  public void setSize(Integer size) {
    this.size = size;
  }

  public Integer getFlushSeconds() {
    return flushSeconds;
  }

  public void setFlushSeconds(Integer flushSeconds) {
    this.flushSeconds = flushSeconds;
  }

  public Long getMaxBytes() {
    return maxBytes;
  }

  public void setMaxBytes(Long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public Long getMaxEventBytes() {
    return maxEventBytes;
  }

  public void setMaxEventBytes(Long maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  public Boolean getAllowZeroFlushSeconds() {
    return allowZeroFlushSeconds;
  }

  public void setAllowZeroFlushSeconds(Boolean allowZeroFlushSeconds) {
    this.allowZeroFlushSeconds = allowZeroFlushSeconds;
  }
}
