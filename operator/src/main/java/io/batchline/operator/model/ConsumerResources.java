package io.batchline.operator.model;

import io.batchline.operator.api.ConsumerSpec;
import io.batchline.operator.api.ContainerResources;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Requests and limits of the consumer container: the spec's, or defaults sized for one JVM. */
public final class ConsumerResources {

  static final Map<String, Quantity> DEFAULT_REQUESTS =
      Map.of("cpu", new Quantity("250m"), "memory", new Quantity("512Mi"));
  static final Map<String, Quantity> DEFAULT_LIMITS =
      Map.of("cpu", new Quantity("2"), "memory", new Quantity("1Gi"));

  private ConsumerResources() {}

  public static ResourceRequirements of(ConsumerSpec consumer) {
    var given = Optional.ofNullable(consumer).map(ConsumerSpec::getResources);
    return new ResourceRequirementsBuilder()
        .withRequests(nonEmpty(given.map(ContainerResources::getRequests), DEFAULT_REQUESTS))
        .withLimits(nonEmpty(given.map(ContainerResources::getLimits), DEFAULT_LIMITS))
        .build();
  }

  /** A request above its limit, which the API server would refuse on the Deployment. */
  public static List<String> problems(ConsumerSpec consumer) {
    var resources = of(consumer);
    var problems = new ArrayList<String>();
    resources
        .getRequests()
        .forEach(
            (name, request) -> {
              var limit = resources.getLimits().get(name);
              var field = "spec.consumer.resources.requests." + name;
              if (!isQuantity(request)) {
                problems.add(field + " is not a quantity: " + request);
              } else if (limit != null && !isQuantity(limit)) {
                problems.add("spec.consumer.resources.limits." + name + " is not a quantity");
              } else if (limit != null
                  && request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                problems.add(field + " (" + request + ") is above its limit (" + limit + ")");
              }
            });
    return problems;
  }

  private static boolean isQuantity(Quantity quantity) {
    try {
      quantity.getNumericalAmount();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Map<String, Quantity> nonEmpty(
      Optional<Map<String, Quantity>> given, Map<String, Quantity> fallback) {
    return new TreeMap<>(given.filter(m -> !m.isEmpty()).orElse(fallback));
  }
}
