package io.batchline.testkit;

import java.util.function.LongSupplier;

/**
 * Deterministic Flexprice-style billing events: event {@code n} of a run always has the same id,
 * customer, name and quantity, so a test or the demo knows exactly what must arrive.
 *
 * <p>The benchmark adds two options: {@link #paddedTo(int)} pads each event's properties to about a
 * given size in bytes, and {@link #withLiveTimestamps(LongSupplier)} stamps each event with the
 * time it is generated (just before it is sent) and copies that time, in milliseconds, into {@code
 * properties.sent_ms}, so end-to-end latency can be read back from the table.
 */
public final class EventGenerator {

  static final String[] EVENT_NAMES = {"api_call", "tokens", "storage_gb_hours"};
  private static final String PAD_FIELD = ",\"note\":\"\"";

  private final String runId;
  private final int customers;
  private final long baseTimeMillis;
  private final int targetBytes;
  private final LongSupplier liveClock;

  public EventGenerator(String runId, int customers, long baseTimeMillis) {
    this(runId, customers, baseTimeMillis, 0, null);
  }

  private EventGenerator(
      String runId, int customers, long baseTimeMillis, int targetBytes, LongSupplier liveClock) {
    this.runId = runId;
    this.customers = customers;
    this.baseTimeMillis = baseTimeMillis;
    this.targetBytes = targetBytes;
    this.liveClock = liveClock;
  }

  /** The same events, each padded with a {@code properties.note} string to about this size. */
  public EventGenerator paddedTo(int bytes) {
    return new EventGenerator(runId, customers, baseTimeMillis, bytes, liveClock);
  }

  /** The same events, timestamped by {@code clock} (epoch ms) when {@link #json} is called. */
  public EventGenerator withLiveTimestamps(LongSupplier clock) {
    return new EventGenerator(runId, customers, baseTimeMillis, targetBytes, clock);
  }

  public String id(long n) {
    return runId + "-" + n;
  }

  public String customer(long n) {
    return customerName(n % customers);
  }

  /**
   * {@code cust-} and the index, zero-padded to four digits. Built by hand: as {@code
   * String.format}, three calls per event cost the producer a third of its CPU, which in a latency
   * run it takes from the cores the pipeline shares with it.
   */
  static String customerName(long index) {
    String digits = Long.toString(index);
    return digits.length() >= 4
        ? "cust-" + digits
        : "cust-" + "0000".substring(digits.length()) + digits;
  }

  public String eventName(long n) {
    return EVENT_NAMES[(int) ((n / customers) % EVENT_NAMES.length)];
  }

  /** Quantity 1..10, the numeric property the usage query sums. */
  public long quantity(long n) {
    return 1 + Long.remainderUnsigned(n * 0x9E3779B97F4A7C15L >>> 17, 10);
  }

  public String json(long n) {
    long timestamp = liveClock == null ? baseTimeMillis + n : liveClock.getAsLong();
    StringBuilder json =
        new StringBuilder(Math.max(320, targetBytes + 16))
            .append("{\"id\":\"")
            .append(id(n))
            .append("\",\"event_name\":\"")
            .append(eventName(n))
            .append("\",\"external_customer_id\":\"")
            .append(customer(n))
            .append("\",\"customer_id\":\"int-")
            .append(customer(n))
            .append(
                "\",\"tenant_id\":\"tenant-demo\",\"environment_id\":\"env-prod\","
                    + "\"source\":\"testkit\",")
            .append("\"timestamp\":")
            .append(timestamp)
            .append(",\"properties\":{\"quantity\":")
            .append(quantity(n))
            .append(",\"region\":\"eu-west-1\",\"request_path\":\"/v1/usage/")
            .append(n % 97)
            .append('"');
    if (liveClock != null) {
      json.append(",\"sent_ms\":").append(timestamp);
    }
    int pad = targetBytes - (json.length() + 2) - PAD_FIELD.length();
    if (pad > 0) {
      json.append(",\"note\":\"");
      for (int i = 0; i < pad; i++) {
        json.append((char) ('a' + (n + i) % 26));
      }
      json.append('"');
    }
    return json.append("}}").toString();
  }
}
