package io.batchline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the consumer image starts the JVM, read from {@code consumer/src/main/docker/Containerfile}
 * so that tests run the consumer with the same collector, heap shape and malloc settings as its
 * pods: the {@code -XX:} options of the ENTRYPOINT, except the heap's share of the memory limit,
 * and the {@code MALLOC_...} variables of the ENV. bench/lib/consumer.py reads the same.
 *
 * @param jvmOptions the ENTRYPOINT's {@code -XX:} options that apply outside a container
 * @param heapPercentOfLimit the ENTRYPOINT's {@code -XX:MaxRAMPercentage}
 * @param environment the ENV's {@code MALLOC_...} variables
 */
public record ConsumerImage(
    List<String> jvmOptions, double heapPercentOfLimit, Map<String, String> environment) {

  private static final String HEAP_SHARE = "-XX:MaxRAMPercentage=";

  private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT\\s+\\[(.*)\\]");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
  private static final Pattern MALLOC = Pattern.compile("\\b(MALLOC_[A-Z_]+)=(\\S+)");

  public static ConsumerImage of(Path repoRoot) {
    Path file = repoRoot.resolve("consumer/src/main/docker/Containerfile");
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static ConsumerImage parse(String containerfile) {
    String text = containerfile.replace("\\\n", " ");
    Matcher entrypoint = ENTRYPOINT.matcher(text);
    if (!entrypoint.find()) {
      throw new IllegalStateException("the consumer's Containerfile has no ENTRYPOINT [...]");
    }
    List<String> options = new ArrayList<>();
    double heapPercent = 0;
    Matcher word = QUOTED.matcher(entrypoint.group(1));
    while (word.find() && !word.group(1).equals("-jar")) {
      String option = word.group(1);
      if (option.startsWith(HEAP_SHARE)) {
        heapPercent = Double.parseDouble(option.substring(HEAP_SHARE.length()));
      } else if (option.startsWith("-XX:")) {
        options.add(option);
      }
    }
    if (heapPercent <= 0) {
      throw new IllegalStateException("the consumer's ENTRYPOINT has no " + HEAP_SHARE + "...");
    }
    Map<String, String> environment = new LinkedHashMap<>();
    for (Matcher malloc = MALLOC.matcher(text); malloc.find(); ) {
      environment.put(malloc.group(1), malloc.group(2));
    }
    return new ConsumerImage(List.copyOf(options), heapPercent, Map.copyOf(environment));
  }

  /**
   * The JVM options of a pod whose memory limit gives it a heap of {@code heapMb}: that heap, and
   * {@code -XX:MaxRAM} at the limit, so that the JVM sizes its initial heap (1/64 of the limit) as
   * in the pod rather than from this machine's memory, which would start the heap at its maximum.
   */
  public List<String> launchOptions(int heapMb) {
    long limitMb = (long) Math.ceil(heapMb * 100 / heapPercentOfLimit);
    List<String> launch =
        new ArrayList<>(List.of("-Xmx" + heapMb + "m", "-XX:MaxRAM=" + limitMb + "m"));
    launch.addAll(jvmOptions);
    return List.copyOf(launch);
  }
}
