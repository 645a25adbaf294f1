package io.batchline.operator.model;

import io.batchline.operator.api.BatchSpec;

/**
 * How long Kubernetes waits after SIGTERM before it kills a consumer pod.
 *
 * <p>{@code grace = flushSeconds + 2 × INSERT_TIMEOUT_SECONDS + COMMIT_AND_LEAVE_SECONDS}, that is
 * {@code flushSeconds + 70}:
 *
 * <ul>
 *   <li>{@code flushSeconds}: a time-triggered flush may have just started when SIGTERM arrives;
 *   <li>two insert timeouts (30 s each): the insert in flight, then the final drain insert of
 *       whatever is still buffered;
 *   <li>10 s to commit the offsets and leave the consumer group.
 * </ul>
 *
 * A pod killed before it commits loses nothing (offsets are committed after the insert), but its
 * batch is written again by the next owner of the partitions, so the margin is generous.
 */
public final class TerminationGrace {

  public static final int INSERT_TIMEOUT_SECONDS = 30;
  public static final int COMMIT_AND_LEAVE_SECONDS = 10;

  private TerminationGrace() {}

  public static long seconds(BatchSpec batch) {
    return ConsumerSettings.flushSeconds(batch)
        + 2L * INSERT_TIMEOUT_SECONDS
        + COMMIT_AND_LEAVE_SECONDS;
  }
}
