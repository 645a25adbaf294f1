package io.batchline.consumer.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

  @Inject PipelineHealth health;

  @Override
  public HealthCheckResponse call() {
    String reason = health.notLiveReason();
    return HealthCheckResponse.named("poll-loop")
        .status(reason == null)
        .withData("reason", reason == null ? "ok" : reason)
        .build();
  }
}
