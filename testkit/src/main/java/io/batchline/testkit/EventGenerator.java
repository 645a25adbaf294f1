package io.batchline.testkit;

import java.util.Locale;

/**
 * Deterministic Flexprice-style billing events: event {@code n} of a run always has the same id,
 * customer, name and quantity, so a test or the demo knows exactly what must arrive.
 */
public final class EventGenerator {

  static final String[] EVENT_NAMES = {"api_call", "tokens", "storage_gb_hours"};

  private final String runId;
  private final int customers;
  private final long baseTimeMillis;

  public EventGenerator(String runId, int customers, long baseTimeMillis) {
    this.runId = runId;
    this.customers = customers;
    this.baseTimeMillis = baseTimeMillis;
  }

  public String id(long n) {
    return runId + "-" + n;
  }

  public String customer(long n) {
    return String.format(Locale.ROOT, "cust-%04d", n % customers);
  }

  public String eventName(long n) {
    return EVENT_NAMES[(int) ((n / customers) % EVENT_NAMES.length)];
  }

  /** Quantity 1..10, the numeric property the usage query sums. */
  public long quantity(long n) {
    return 1 + Long.remainderUnsigned(n * 0x9E3779B97F4A7C15L >>> 17, 10);
  }

  public String json(long n) {
    return "{\"id\":\""
        + id(n)
        + "\",\"event_name\":\""
        + eventName(n)
        + "\",\"external_customer_id\":\""
        + customer(n)
        + "\",\"customer_id\":\"int-"
        + customer(n)
        + "\",\"tenant_id\":\"tenant-demo\",\"environment_id\":\"env-prod\",\"source\":\"testkit\","
        + "\"timestamp\":"
        + (baseTimeMillis + n)
        + ",\"properties\":{\"quantity\":"
        + quantity(n)
        + ",\"region\":\"eu-west-1\",\"request_path\":\"/v1/usage/"
        + (n % 97)
        + "\"}}";
  }
}
