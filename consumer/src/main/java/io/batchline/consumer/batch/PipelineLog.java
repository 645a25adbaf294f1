package io.batchline.consumer.batch;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * The consumer's one logging API: {@code System.Logger}, which Quarkus routes to its own log, so
 * the core stays free of frameworks. Every line ends with {@code pipeline=<name>}; lines about one
 * partition carry {@code partition=<topic>-<n>} as well.
 */
public final class PipelineLog {

  private final System.Logger logger;
  private final String suffix;

  public PipelineLog(Class<?> owner, String pipeline) {
    this.logger = System.getLogger(owner.getName());
    this.suffix = " pipeline=" + pipeline;
  }

  public void info(Supplier<String> message) {
    log(Level.INFO, message, null);
  }

  public void warn(Supplier<String> message) {
    log(Level.WARNING, message, null);
  }

  public void error(Supplier<String> message, Throwable cause) {
    log(Level.ERROR, message, cause);
  }

  public void debug(Supplier<String> message) {
    log(Level.DEBUG, message, null);
  }

  public PipelineLog forClass(Class<?> owner) {
    return new PipelineLog(owner, suffix.substring(" pipeline=".length()));
  }

  private void log(Level level, Supplier<String> message, Throwable cause) {
    if (!logger.isLoggable(level)) {
      return;
    }
    if (cause == null) {
      logger.log(level, message.get() + suffix);
    } else {
      logger.log(level, message.get() + suffix, cause);
    }
  }
}
