package io.batchline.consumer.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

  @Inject PipelineHealth health;

  @Override
  public HealthCheckResponse call() {
    String reason = health.notReadyReason();
    return HealthCheckResponse.named("pipeline")
        .status(reason == null)
        .withData("reason", reason == null ? "ok" : reason)
        .build();
  }
}
