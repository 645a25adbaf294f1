package io.batchline.operator.reconciler;

import io.batchline.operator.api.EventPipeline;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A JOSDK Context that serves given secondary resources and counts workflow runs; anything else a
 * reconcile asks for fails the test.
 */
final class FakeContext {

  int workflowRuns;
  private final List<Object> secondaries;

  /** The number of failed attempts before this one that JOSDK's retry reports, if any. */
  Optional<Integer> retryAttempts = Optional.empty();

  /** What the reconcile handed to the workflow's dependents. */
  final Map<Object, Object> values = new HashMap<>();

  FakeContext(Object... secondaries) {
    this.secondaries = List.of(secondaries);
  }

  @SuppressWarnings("unchecked")
  Context<EventPipeline> context() {
    var workflow =
        (ManagedWorkflowAndDependentResourceContext)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ManagedWorkflowAndDependentResourceContext.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("reconcileManagedWorkflow")) {
                    workflowRuns++;
                    return null;
                  }
                  if (method.getName().equals("put")) {
                    values.put(args[0], args[1]);
                    return args[1];
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    return (Context<EventPipeline>)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Context.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "managedWorkflowAndDependentResourceContext" -> workflow;
                  case "getRetryInfo" -> retryAttempts.map(FakeContext::retryInfo);
                  case "getSecondaryResources" -> Set.copyOf(ofType((Class<?>) args[0]));
                  case "getSecondaryResource" ->
                      ofType((Class<?>) args[0]).stream()
                          .findFirst()
                          .map(Optional::of)
                          .orElse(Optional.empty());
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static RetryInfo retryInfo(int attempts) {
    return new RetryInfo() {
      @Override
      public int getAttemptCount() {
        return attempts;
      }

      @Override
      public boolean isLastAttempt() {
        return false;
      }
    };
  }

  private List<Object> ofType(Class<?> type) {
    return secondaries.stream().filter(type::isInstance).toList();
  }
}
