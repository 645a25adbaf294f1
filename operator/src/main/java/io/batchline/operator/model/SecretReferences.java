package io.batchline.operator.model;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.api.SecretKeyRef;
import io.batchline.operator.api.SecretValue;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
    var kafka = pipeline.getSpec().getKafka();
    if (kafka != null && kafka.getSecretProperties() != null) {
      new TreeMap<>(kafka.getSecretProperties())
          .forEach(
              (property, value) ->
                  ref(value)
                      .ifPresent(
                          r -> refs.put("spec.kafka.secretProperties[" + property + "]", r)));
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
    var problems = new ArrayList<Problem>();
    byField(pipeline)
        .forEach(
            (field, ref) -> {
              var secret = find(pipeline, ref, secrets);
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

  /**
   * A digest of the referenced values, for the pod template, so that rotating a credential rolls
   * the pods (a Secret read through an environment variable is only read at container start). Each
   * value is keyed with its Secret's uid: a digest on a Deployment must not let someone who may
   * read Deployments, but not Secrets, test guesses of a weak password. Empty when the pipeline
   * references no Secret or none of them exists yet.
   */
  public static Optional<String> contentHash(EventPipeline pipeline, Collection<Secret> secrets) {
    var digests = new TreeMap<String, String>();
    byField(pipeline)
        .forEach(
            (field, ref) ->
                find(pipeline, ref, secrets)
                    .filter(s -> s.getData() != null && s.getData().containsKey(ref.getKey()))
                    .ifPresent(
                        s ->
                            digests.put(
                                field,
                                keyedDigest(
                                    s.getMetadata().getUid(),
                                    ref.getName() + "/" + ref.getKey(),
                                    s.getData().get(ref.getKey())))));
    return digests.isEmpty() ? Optional.empty() : Optional.of(ConfigHash.of(digests));
  }

  /** The referenced Secret, in the pipeline's namespace. */
  private static Optional<Secret> find(
      EventPipeline pipeline, SecretKeyRef ref, Collection<Secret> secrets) {
    var namespace = pipeline.getMetadata().getNamespace();
    return secrets.stream()
        .filter(s -> Objects.equals(s.getMetadata().getNamespace(), namespace))
        .filter(s -> ref.getName().equals(s.getMetadata().getName()))
        .findFirst();
  }

  private static String keyedDigest(String uid, String location, String value) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      var key = Optional.ofNullable(uid).orElse("").getBytes(StandardCharsets.UTF_8);
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
      mac.update(location.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  private static boolean hasKey(Secret secret, String key) {
    return (secret.getData() != null && secret.getData().containsKey(key))
        || (secret.getStringData() != null && secret.getStringData().containsKey(key));
  }

  private static Optional<SecretKeyRef> ref(SecretValue value) {
    return Optional.ofNullable(value).map(SecretValue::getSecretKeyRef);
  }
}
