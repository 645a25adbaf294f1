package io.batchline.operator.model;

import io.batchline.operator.api.ConsumerSpec;
import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.api.PodTemplateOverrides;
import io.batchline.operator.api.SecretValue;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The consumer Deployment. The pod template carries {@link ConfigHash#ANNOTATION} over the
 * ConfigMap's data, so that a change of setting rolls the pods even though the ConfigMap name stays
 * the same, and {@link #SECRET_HASH_ANNOTATION} over the referenced Secret values, so that a
 * rotated credential rolls them too. Pods run as non-root with a read-only root filesystem; {@code
 * /tmp} is a writable emptyDir.
 */
public final class ConsumerDeployment {

  /** How long a consumer may take to serve HTTP before it is restarted. */
  static final int STARTUP_SECONDS = 180;

  public static final String CONTAINER = "consumer";
  public static final int HTTP_PORT = 8080;
  public static final long RUN_AS_USER = 185;
  public static final String SECRET_HASH_ANNOTATION = "batchline.io/secret-hash";

  private ConsumerDeployment() {}

  /** Without the Secrets, as {@code render} does: no secret hash on the pod template. */
  public static Deployment build(EventPipeline pipeline, OperatorDefaults defaults) {
    return build(pipeline, defaults, Optional.empty());
  }

  /**
   * @param secretHash {@link SecretReferences#contentHash} of the referenced Secrets, when any
   *     exists
   */
  public static Deployment build(
      EventPipeline pipeline, OperatorDefaults defaults, Optional<String> secretHash) {
    return new DeploymentBuilder()
        .withMetadata(PipelineMetadata.owned(pipeline, PipelineMetadata.deploymentName(pipeline)))
        .withNewSpec()
        .withReplicas(Optional.ofNullable(pipeline.getSpec().getReplicas()).orElse(1))
        .withNewSelector()
        .withMatchLabels(PipelineMetadata.selectorLabels(pipeline))
        .endSelector()
        .withTemplate(podTemplate(pipeline, image(pipeline, defaults), secretHash))
        .endSpec()
        .build();
  }

  /** spec.consumer.image, or the operator's default when the pipeline sets none. */
  public static String image(EventPipeline pipeline, OperatorDefaults defaults) {
    return Optional.ofNullable(pipeline.getSpec().getConsumer())
        .map(ConsumerSpec::getImage)
        .filter(image -> !image.isBlank())
        .orElse(defaults.consumerImage());
  }

  static PodTemplateSpec podTemplate(
      EventPipeline pipeline, String image, Optional<String> secretHash) {
    var overrides =
        Optional.ofNullable(pipeline.getSpec().getPodTemplate())
            .orElseGet(PodTemplateOverrides::new);
    var labels = new TreeMap<String, String>(orEmpty(overrides.getLabels()));
    labels.putAll(PipelineMetadata.labels(pipeline));
    var annotations = new TreeMap<String, String>(orEmpty(overrides.getAnnotations()));
    annotations.put(ConfigHash.ANNOTATION, ConfigHash.of(ConsumerSettings.environment(pipeline)));
    secretHash.ifPresent(hash -> annotations.put(SECRET_HASH_ANNOTATION, hash));
    var pod =
        new PodSpecBuilder()
            .withAutomountServiceAccountToken(false)
            .withTerminationGracePeriodSeconds(
                TerminationGrace.seconds(pipeline.getSpec().getConsumer()))
            .withServiceAccountName(overrides.getServiceAccountName())
            .withPriorityClassName(overrides.getPriorityClassName())
            .withImagePullSecrets(overrides.getImagePullSecrets())
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser(RUN_AS_USER)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .withContainers(container(pipeline, image))
            .addNewVolume()
            .withName("tmp")
            .withNewEmptyDir()
            .withSizeLimit(new Quantity("256Mi"))
            .endEmptyDir()
            .endVolume()
            .withNodeSelector(overrides.getNodeSelector())
            .withTolerations(overrides.getTolerations())
            .withAffinity(overrides.getAffinity())
            .withTopologySpreadConstraints(overrides.getTopologySpreadConstraints())
            .build();
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withSpec(pod)
        .build();
  }

  private static Container container(EventPipeline pipeline, String image) {
    var consumer =
        Optional.ofNullable(pipeline.getSpec().getConsumer()).orElseGet(ConsumerSpec::new);
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(image)
        .addNewPort()
        .withName("http")
        .withContainerPort(HTTP_PORT)
        .withProtocol("TCP")
        .endPort()
        .addNewEnvFrom()
        .withNewConfigMapRef()
        .withName(PipelineMetadata.configMapName(pipeline))
        .endConfigMapRef()
        .endEnvFrom()
        .withEnv(environment(pipeline))
        .withResources(ConsumerResources.of(consumer))
        .withStartupProbe(startupProbe())
        .withReadinessProbe(probe("/q/health/ready", 5))
        .withLivenessProbe(probe("/q/health/live", 10))
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .build();
  }

  private static List<EnvVar> environment(EventPipeline pipeline) {
    var env = new ArrayList<EnvVar>();
    env.add(new EnvVar("QUARKUS_HTTP_PORT", String.valueOf(HTTP_PORT), null));
    var clickhouse = pipeline.getSpec().getClickhouse();
    secretVariable("CLICKHOUSE_USERNAME", clickhouse.getUsername()).ifPresent(env::add);
    secretVariable("CLICKHOUSE_PASSWORD", clickhouse.getPassword()).ifPresent(env::add);
    Optional.ofNullable(pipeline.getSpec().getKafka().getSecretProperties())
        .ifPresent(
            properties ->
                new TreeMap<>(properties)
                    .forEach(
                        (property, value) ->
                            secretVariable(ConsumerSettings.kafkaPropertyVariable(property), value)
                                .ifPresent(env::add)));
    return env;
  }

  private static Optional<EnvVar> secretVariable(String name, SecretValue value) {
    return Optional.ofNullable(value)
        .map(SecretValue::getSecretKeyRef)
        .map(
            ref ->
                new EnvVarBuilder()
                    .withName(name)
                    .withNewValueFrom()
                    .withNewSecretKeyRef()
                    .withName(ref.getName())
                    .withKey(ref.getKey())
                    .endSecretKeyRef()
                    .endValueFrom()
                    .build());
  }

  /**
   * Holds the liveness probe back until the consumer serves HTTP: on a busy node the JVM took 44 s
   * to start, and the liveness probe alone (10 s + 3 × 10 s) killed it before it was up.
   */
  private static Probe startupProbe() {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath("/q/health/live")
        .withNewPort("http")
        .endHttpGet()
        .withPeriodSeconds(2)
        .withTimeoutSeconds(3)
        .withFailureThreshold(STARTUP_SECONDS / 2)
        .build();
  }

  private static Probe probe(String path, int initialDelaySeconds) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withNewPort("http")
        .endHttpGet()
        .withInitialDelaySeconds(initialDelaySeconds)
        .withPeriodSeconds(10)
        .withTimeoutSeconds(3)
        .withFailureThreshold(3)
        .build();
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
