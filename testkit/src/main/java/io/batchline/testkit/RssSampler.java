package io.batchline.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a process's resident set size ({@code VmRSS} in {@code /proc/PID/status}, Linux) on a
 * timer, so a test can show that memory stayed bounded through a fault.
 */
public final class RssSampler implements AutoCloseable {

  private final long pid;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "rss-sampler");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicLong peakKb = new AtomicLong();
  private final AtomicLong lastKb = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();

  private RssSampler(long pid) {
    this.pid = pid;
  }

  public static RssSampler start(long pid, Duration every) {
    RssSampler sampler = new RssSampler(pid);
    sampler.timer.scheduleAtFixedRate(sampler::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return sampler;
  }

  private void sample() {
    long kb = rssKb(pid);
    if (kb >= 0) {
      lastKb.set(kb);
      peakKb.accumulateAndGet(kb, Math::max);
      samples.incrementAndGet();
    }
  }

  /** The resident set size of a live process in kB, or -1 when it is gone. */
  public static long rssKb(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
          .filter(line -> line.startsWith("VmRSS:"))
          .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
          .findFirst()
          .orElse(-1);
    } catch (IOException e) {
      return -1;
    }
  }

  public long peakMb() {
    return peakKb.get() / 1024;
  }

  public long lastMb() {
    return lastKb.get() / 1024;
  }

  public long samples() {
    return samples.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
