package io.batchline.operator.model;

import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/**
 * Lets node drains evict one consumer at a time. maxUnavailable rather than minAvailable, so that a
 * single-replica pipeline can still be drained: the consumer drains on SIGTERM and the Kafka group
 * hands its partitions on, so one missing pod delays events but loses none.
 *
 * <p>{@code unhealthyPodEvictionPolicy: AlwaysAllow}: a consumer is not ready while ClickHouse
 * writes fail, by design, and with the default policy a PDB protects such pods, so an outage of
 * ClickHouse would block every node drain. A pod that is not ready is doing no work that an
 * eviction could interrupt, and its uncommitted events are read again by the next owner.
 */
public final class ConsumerDisruptionBudget {

  public static final String ALWAYS_ALLOW = "AlwaysAllow";

  private ConsumerDisruptionBudget() {}

  public static PodDisruptionBudget build(EventPipeline pipeline) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(PipelineMetadata.owned(pipeline, PipelineMetadata.deploymentName(pipeline)))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withUnhealthyPodEvictionPolicy(ALWAYS_ALLOW)
        .withNewSelector()
        .withMatchLabels(PipelineMetadata.selectorLabels(pipeline))
        .endSelector()
        .endSpec()
        .build();
  }
}
