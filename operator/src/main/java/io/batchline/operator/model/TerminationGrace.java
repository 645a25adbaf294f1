package io.batchline.operator.model;

import io.batchline.operator.api.ConsumerSpec;

/**
 * How long Kubernetes waits after SIGTERM before it kills a consumer pod.
 *
 * <p>{@code grace = drain timeout + insert timeout + MARGIN_SECONDS}, 65 s with the defaults:
 *
 * <ul>
 *   <li>the insert in flight when SIGTERM arrives may take up to the insert timeout;
 *   <li>then the consumer flushes what is buffered at once (a time-triggered flush does not wait
 *       for flushSeconds), commits and leaves the group, all within the drain timeout;
 *   <li>the margin covers the JVM's start of shutdown and its exit.
 * </ul>
 *
 * Both timeouts are written into the ConfigMap (see {@link ConsumerSettings}), so the consumer uses
 * exactly the values this sum is made of. A pod killed before it commits loses nothing (offsets are
 * committed after the insert), but its batch is written again by the next owner of the partitions.
 */
public final class TerminationGrace {

  public static final int MARGIN_SECONDS = 10;

  private TerminationGrace() {}

  public static long seconds(ConsumerSpec consumer) {
    return (long) ConsumerSettings.drainTimeoutSeconds(consumer)
        + ConsumerSettings.insertTimeoutSeconds(consumer)
        + MARGIN_SECONDS;
  }
}
