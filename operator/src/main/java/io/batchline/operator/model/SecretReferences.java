package io.batchline.operator.model;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.api.SecretKeyRef;
import io.batchline.operator.api.SecretValue;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The Secrets a pipeline's pods read, and whether they are there. */
public final class SecretReferences {

  public static final String SECRET_NOT_FOUND = "SecretNotFound";
  public static final String SECRET_KEY_NOT_FOUND = "SecretKeyNotFound";

  /** A missing Secret or key, with the reason used in the Ready condition. */
  public record Problem(String reason, String message) {}

  private SecretReferences() {}

  /** The spec field of each reference, in a stable order. */
  public static Map<String, SecretKeyRef> byField(EventPipeline pipeline) {
    var refs = new LinkedHashMap<String, SecretKeyRef>();
    var clickhouse = pipeline.getSpec().getClickhouse();
    if (clickhouse != null) {
      ref(clickhouse.getUsername()).ifPresent(r -> refs.put("spec.clickhouse.username", r));
      ref(clickhouse.getPassword()).ifPresent(r -> refs.put("spec.clickhouse.password", r));
    }
    return refs;
  }

  public static Set<String> secretNames(EventPipeline pipeline) {
    var names = new TreeSet<String>();
    byField(pipeline).values().forEach(ref -> names.add(ref.getName()));
    return names;
  }

  /** Problems with the referenced Secrets, given the Secrets of the pipeline's namespace. */
  public static List<Problem> problems(EventPipeline pipeline, Collection<Secret> secrets) {
    var namespace = pipeline.getMetadata().getNamespace();
    var problems = new ArrayList<Problem>();
    byField(pipeline)
        .forEach(
            (field, ref) -> {
              var secret =
                  secrets.stream()
                      .filter(s -> Objects.equals(s.getMetadata().getNamespace(), namespace))
                      .filter(s -> ref.getName().equals(s.getMetadata().getName()))
                      .findFirst();
              if (secret.isEmpty()) {
                problems.add(
                    new Problem(
                        SECRET_NOT_FOUND,
                        "Secret " + ref.getName() + " named by " + field + " does not exist"));
              } else if (!hasKey(secret.get(), ref.getKey())) {
                problems.add(
                    new Problem(
                        SECRET_KEY_NOT_FOUND,
                        "Secret "
                            + ref.getName()
                            + " has no key "
                            + ref.getKey()
                            + ", named by "
                            + field));
              }
            });
    return problems;
  }

  private static boolean hasKey(Secret secret, String key) {
    return (secret.getData() != null && secret.getData().containsKey(key))
        || (secret.getStringData() != null && secret.getStringData().containsKey(key));
  }

  private static Optional<SecretKeyRef> ref(SecretValue value) {
    return Optional.ofNullable(value).map(SecretValue::getSecretKeyRef);
  }
}
