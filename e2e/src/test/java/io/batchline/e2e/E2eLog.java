package io.batchline.e2e;

import java.time.Instant;

/** Timestamped progress lines, so that a run's log reads as a timeline. */
final class E2eLog {

  private E2eLog() {}

  static void say(String format, Object... args) {
    System.out.printf(
        "[e2e %s] %s%n", Instant.now(), args.length == 0 ? format : format(format, args));
    System.out.flush();
  }

  private static String format(String format, Object... args) {
    return String.format(java.util.Locale.ROOT, format, args);
  }
}
