package io.batchline.consumer.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready} and {@code /q/health/live}, both read from {@link PipelineHealth}. */
@ApplicationScoped
public class PipelineHealthChecks {

  @Produces
  @Readiness
  @ApplicationScoped
  HealthCheck readiness(PipelineHealth health) {
    return () -> response("pipeline", health.notReadyReason());
  }

  @Produces
  @Liveness
  @ApplicationScoped
  HealthCheck liveness(PipelineHealth health) {
    return () -> response("poll-loop", health.notLiveReason());
  }

  private static HealthCheckResponse response(String name, String problem) {
    return HealthCheckResponse.named(name)
        .status(problem == null)
        .withData("reason", problem == null ? "ok" : problem)
        .build();
  }
}
