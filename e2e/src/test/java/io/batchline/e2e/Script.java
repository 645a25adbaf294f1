package io.batchline.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the repository's scripts (dev/cluster, dev/stack, dev/images) as a user would, with
 * its output in a log file under e2e/target/e2e-logs that a failure quotes.
 */
final class Script {

  /** What a script printed and how it exited. */
  record Result(int exitCode, String output) {

    /** The value of a {@code NAME=value} line, as {@code dev/cluster status} prints them. */
    String value(String name) {
      return output
          .lines()
          .filter(l -> l.startsWith(name + "="))
          .map(l -> l.substring(name.length() + 1))
          .reduce((first, second) -> second)
          .orElseThrow(() -> new IllegalStateException("no " + name + "= line in:\n" + output));
    }
  }

  private final Path repoRoot;
  private final Path logDir;

  Script(Path repoRoot) {
    this.repoRoot = repoRoot;
    this.logDir = repoRoot.resolve("e2e/target/e2e-logs");
  }

  Result run(
      Duration timeout, Map<String, String> env, Set<Integer> okExitCodes, String... command) {
    var words = new ArrayList<String>(List.of(command));
    words.set(0, repoRoot.resolve(command[0]).toString());
    try {
      Files.createDirectories(logDir);
      var log =
          logDir.resolve(String.join("-", command).replaceAll("[^A-Za-z0-9.-]", "_") + ".log");
      var builder =
          new ProcessBuilder(words)
              .directory(repoRoot.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(env);
      var started = System.nanoTime();
      var process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish in " + timeout + ":\n" + tail(log));
      }
      var output = Files.readString(log, StandardCharsets.UTF_8);
      if (!okExitCodes.contains(process.exitValue())) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited " + process.exitValue() + ":\n" + tail(log));
      }
      E2eLog.say(
          "%s: exit %d after %d ms (log %s)",
          String.join(" ", command),
          process.exitValue(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
          log);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Result run(Duration timeout, String... command) {
    return run(timeout, Map.of(), Set.of(0), command);
  }

  private static String tail(Path log) throws IOException {
    var lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
