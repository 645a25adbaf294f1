package io.batchline.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Command line for the demo and the benchmark:
 *
 * <pre>
 * java -jar testkit/target/batchline-testkit.jar produce --topic events --count 100000 \
 *     --customers 50 [--run-id demo] [--from 0] [--rate 0] [--bootstrap 127.0.0.1:9092] \
 *     [--event-bytes 0] [--timestamps fixed|now] [--shape events|mixed]
 * </pre>
 *
 * <p>{@code --event-bytes N} pads each event to about N bytes ({@code properties.note}); {@code
 * --timestamps now} stamps each event with its send time and copies it into {@code
 * properties.sent_ms} (the benchmark's latency runs). {@code --shape mixed} produces the events of
 * {@link MixedUsageGenerator} for the 20-column table instead. The defaults keep the demo's events.
 */
public final class Cli {

  private Cli() {}

  public static void main(String[] args) {
    if (args.length == 0 || !args[0].equals("produce")) {
      System.err.println(
          "usage: produce --topic T --count N [--customers C] [--run-id ID] [--from N] [--rate"
              + " EPS] [--bootstrap HOST:PORT] [--event-bytes N] [--timestamps fixed|now]"
              + " [--shape events|mixed]");
      System.exit(64);
    }
    Map<String, String> options = options(args);
    String topic = options.getOrDefault("topic", "events");
    long count = Long.parseLong(options.getOrDefault("count", "100000"));
    long from = Long.parseLong(options.getOrDefault("from", "0"));
    int customers = Integer.parseInt(options.getOrDefault("customers", "50"));
    int rate = Integer.parseInt(options.getOrDefault("rate", "0"));
    String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
    EventGenerator generator =
        new EventGenerator(
            options.getOrDefault("run-id", "demo"), customers, System.currentTimeMillis());
    int eventBytes = Integer.parseInt(options.getOrDefault("event-bytes", "0"));
    if (eventBytes > 0) {
      generator = generator.paddedTo(eventBytes);
    }
    String timestamps = options.getOrDefault("timestamps", "fixed");
    if (timestamps.equals("now")) {
      generator = generator.withLiveTimestamps(System::currentTimeMillis);
    } else if (!timestamps.equals("fixed")) {
      throw new IllegalArgumentException("--timestamps must be fixed or now, got " + timestamps);
    }
    String shape = options.getOrDefault("shape", "events");
    LongFunction<String> key = generator::customer;
    LongFunction<String> json = generator::json;
    if (shape.equals("mixed")) {
      MixedUsageGenerator mixed =
          new MixedUsageGenerator(
              options.getOrDefault("run-id", "demo"), customers, System.currentTimeMillis() / 1000);
      key = mixed::customer;
      json = mixed::json;
    } else if (!shape.equals("events")) {
      throw new IllegalArgumentException("--shape must be events or mixed, got " + shape);
    }
    long started = System.nanoTime();
    try (EventProducer producer = new EventProducer(bootstrap)) {
      producer.produce(
          topic,
          key,
          json,
          from,
          count,
          rate,
          EventProducer.progressStep(count),
          done ->
              System.out.printf(
                  "produced %,d / %,d events (%.0f events/s)%n",
                  done, count, done / ((System.nanoTime() - started) / 1e9)));
    }
    System.out.printf(
        "produced %,d events to %s in %.1f s%n", count, topic, (System.nanoTime() - started) / 1e9);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected an option, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }
}
