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
 * so that tests run the consumer with the same collector and malloc settings as its pods: the
 * {@code -XX:+Use...} options of the ENTRYPOINT and the {@code MALLOC_...} variables of the ENV.
 * bench/lib/consumer.py reads the same two.
 */
public record ConsumerImage(List<String> jvmOptions, Map<String, String> environment) {

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
    Matcher word = QUOTED.matcher(entrypoint.group(1));
    while (word.find() && !word.group(1).equals("-jar")) {
      if (word.group(1).startsWith("-XX:+Use")) {
        options.add(word.group(1));
      }
    }
    Map<String, String> environment = new LinkedHashMap<>();
    for (Matcher malloc = MALLOC.matcher(text); malloc.find(); ) {
      environment.put(malloc.group(1), malloc.group(2));
    }
    return new ConsumerImage(List.copyOf(options), Map.copyOf(environment));
  }
}
