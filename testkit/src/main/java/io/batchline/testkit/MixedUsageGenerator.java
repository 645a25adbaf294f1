package io.batchline.testkit;

import java.util.UUID;

/**
 * Deterministic events for the 20-column mixed-type table of {@code
 * samples/clickhouse/usage-mixed.sql} (and its modern variant): event {@code n} of a run always has
 * the same id, customer, quantity and price, so a test or the benchmark knows what must arrive.
 * Each event carries the fields of both variants ({@code tags} for 18.16's arrays, {@code labels}
 * for the modern table's Map); a table takes the fields it has columns for.
 */
public final class MixedUsageGenerator {

  /** The mapping both sample tables are written with. */
  public static final String COLUMNS =
      "quantity=usage.quantity,unit_price=usage.unit_price,attributes=properties,"
          + "kafka_offset=_offset";

  private static final String[] TYPES = {"api_call", "tokens", "storage"};
  private static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-south-1"};

  private final long runSeed;
  private final int customers;
  private final long baseEpochSeconds;

  public MixedUsageGenerator(String runId, int customers, long baseEpochSeconds) {
    this.runSeed = runId.hashCode() & 0xFFFF_FFFFL;
    this.customers = customers;
    this.baseEpochSeconds = baseEpochSeconds;
  }

  /** The event's UUID: the run in the high half, {@code n} in the low half. */
  public UUID id(long n) {
    return new UUID(runSeed << 32 | 0x4000, 0x8000_0000_0000_0000L | n);
  }

  public String customer(long n) {
    return EventGenerator.customerName(n % customers);
  }

  /** Quantity {@code q.q50000} with q in 1..10: six decimal places, exact in Decimal(18, 6). */
  public String quantity(long n) {
    return (1 + Long.remainderUnsigned(n * 0x9E3779B97F4A7C15L >>> 17, 10)) + ".250000";
  }

  public String json(long n) {
    long seconds = baseEpochSeconds + n;
    int type = (int) (n % TYPES.length);
    StringBuilder json = new StringBuilder(600);
    json.append("{\"event_id\":\"").append(id(n)).append('"');
    json.append(",\"account_id\":").append(1_000_000_000_000L + n % customers);
    json.append(",\"customer\":\"").append(customer(n)).append('"');
    json.append(",\"event_type\":\"").append(TYPES[type]).append('"');
    json.append(",\"usage\":{\"quantity\":\"").append(quantity(n)).append('"');
    json.append(",\"unit_price\":0.0000012345}");
    json.append(",\"region\":\"").append(REGIONS[(int) (n % REGIONS.length)]).append('"');
    json.append(",\"tier\":").append(n % 5 == 0 ? "null" : "\"pro\"");
    json.append(",\"occurred_at\":").append(seconds * 1000 + n % 1000);
    json.append(",\"day\":\"").append(java.time.LocalDate.ofEpochDay(seconds / 86_400)).append('"');
    json.append(",\"latency_ms\":").append(n % 997).append(".5");
    json.append(",\"bytes_in\":").append(n % 65_536);
    json.append(",\"bytes_out\":").append(n % 7 == 0 ? "null" : Long.toString(n % 100_000));
    json.append(",\"success\":").append(n % 50 != 0);
    json.append(",\"status_code\":").append(n % 50 != 0 ? 200 : 503);
    json.append(",\"tags\":[\"billing\",\"").append(TYPES[type]).append("\"]");
    json.append(",\"labels\":{\"team\":\"t").append(n % 8).append("\",\"env\":\"prod\"}");
    json.append(",\"client_version\":\"v1.").append(n % 10).append(".0\"");
    json.append(",\"client_ip\":\"10.").append(n >> 16 & 0xFF).append('.');
    json.append(n >> 8 & 0xFF).append('.').append(n & 0xFF).append('"');
    json.append(",\"properties\":{\"request_path\":\"/v1/usage/").append(n % 97);
    json.append("\",\"sdk\":\"java\"}}");
    return json.toString();
  }
}
