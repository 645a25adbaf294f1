package io.batchline.operator.model;

import io.batchline.operator.api.EventPipelineStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Objects;

/** Whether a newly worked-out status differs from the stored one, so that it is worth writing. */
public final class StatusDiff {

  private StatusDiff() {}

  public static boolean changed(EventPipelineStatus stored, EventPipelineStatus next) {
    var mapper = Serialization.jsonMapper();
    return !Objects.equals(mapper.valueToTree(stored), mapper.valueToTree(next));
  }
}
