package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.api.PodTemplateOverrides;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerDeploymentTest {

  private static final OperatorDefaults DEFAULTS = OperatorDefaults.standard();

  private static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static String hash(EventPipeline pipeline) {
    return ConsumerDeployment.build(pipeline, DEFAULTS)
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(ConfigHash.ANNOTATION);
  }

  @Test
  void runsTheConsumerImageWithReplicasAndSelector() {
    var deployment = ConsumerDeployment.build(TestPipelines.orders(), DEFAULTS);

    assertThat(deployment.getMetadata().getName()).isEqualTo("orders");
    assertThat(deployment.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .isEqualTo(PipelineMetadata.selectorLabels(TestPipelines.orders()));
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(container(deployment).getImage()).isEqualTo("ghcr.io/batchline/consumer:0.1.0");
  }

  @Test
  void configurationComesFromTheConfigMapAndCredentialsFromTheSecret() {
    var container = container(ConsumerDeployment.build(TestPipelines.orders(), DEFAULTS));

    assertThat(container.getEnvFrom())
        .singleElement()
        .satisfies(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo("orders-config"));
    assertThat(container.getEnv())
        .extracting(EnvVar::getName)
        .containsExactly("QUARKUS_HTTP_PORT", "CLICKHOUSE_USERNAME", "CLICKHOUSE_PASSWORD");
    var password = container.getEnv().get(2);
    assertThat(password.getValue()).isNull();
    assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo(TestPipelines.SECRET);
    assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
  }

  @Test
  void withoutCredentialsNoSecretIsRead() {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().getClickhouse().setUsername(null);
    pipeline.getSpec().getClickhouse().setPassword(null);

    assertThat(container(ConsumerDeployment.build(pipeline, DEFAULTS)).getEnv())
        .extracting(EnvVar::getName)
        .containsExactly("QUARKUS_HTTP_PORT");
  }

  @Test
  void probesUseTheConsumerHealthEndpoints() {
    var container = container(ConsumerDeployment.build(TestPipelines.orders(), DEFAULTS));

    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    assertThat(
            container.getStartupProbe().getPeriodSeconds()
                * container.getStartupProbe().getFailureThreshold())
        .as("seconds a slow JVM start may take before liveness applies")
        .isGreaterThanOrEqualTo(120);
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(container.getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
  }

  @Test
  void podsAreLockedDown() {
    var deployment = ConsumerDeployment.build(TestPipelines.orders(), DEFAULTS);
    var pod = deployment.getSpec().getTemplate().getSpec();
    var container = container(deployment);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getVolumeMounts())
        .singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    assertThat(pod.getVolumes())
        .singleElement()
        .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
  }

  @Test
  void hasRequestsAndLimits() {
    var resources =
        container(ConsumerDeployment.build(TestPipelines.orders(), DEFAULTS)).getResources();

    assertThat(resources.getRequests()).containsKeys("cpu", "memory");
    assertThat(resources.getLimits()).containsEntry("memory", new Quantity("1Gi"));
  }

  @Test
  void graceFollowsTheDrainAndInsertTimeoutsNotTheFlushInterval() {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().getBatch().setFlushSeconds(3600);
    pipeline.getSpec().getConsumer().setDrainTimeoutSeconds(40);

    assertThat(
            ConsumerDeployment.build(pipeline, DEFAULTS)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getTerminationGracePeriodSeconds())
        .isEqualTo(40L + 30 + TerminationGrace.MARGIN_SECONDS);
  }

  @Test
  void theImageIsThePipelinesOrElseTheOperatorsDefault() {
    var pipeline = TestPipelines.orders();
    var upgraded = DEFAULTS.withConsumerImage("ghcr.io/batchline/consumer:0.2.0");

    assertThat(container(ConsumerDeployment.build(pipeline, upgraded)).getImage())
        .isEqualTo("ghcr.io/batchline/consumer:0.2.0");
    pipeline.getSpec().getConsumer().setImage("registry.example.com/consumer:pinned");
    assertThat(container(ConsumerDeployment.build(pipeline, upgraded)).getImage())
        .isEqualTo("registry.example.com/consumer:pinned");
  }

  @Test
  void configHashChangesWithAnySettingButNotWithReplicas() {
    var base = hash(TestPipelines.orders());
    var resized = TestPipelines.orders();
    resized.getSpec().getBatch().setSize(500);
    var scaled = TestPipelines.orders();
    scaled.getSpec().setReplicas(3);

    assertThat(base).isEqualTo(ConfigHash.of(ConsumerSettings.environment(TestPipelines.orders())));
    assertThat(hash(resized)).isNotEqualTo(base);
    assertThat(hash(scaled)).isEqualTo(base);
  }

  @Test
  void podTemplateOverridesApplyButCannotStealTheSelector() {
    var pipeline = TestPipelines.orders();
    var overrides = new PodTemplateOverrides();
    overrides.setLabels(Map.of("team", "billing", PipelineMetadata.INSTANCE_LABEL, "other"));
    overrides.setAnnotations(Map.of("sidecar.istio.io/inject", "false"));
    overrides.setNodeSelector(Map.of("pool", "consumers"));
    overrides.setTolerations(
        List.of(new TolerationBuilder().withKey("dedicated").withOperator("Exists").build()));
    overrides.setServiceAccountName("billing-reader");
    overrides.setPriorityClassName("pipelines");
    overrides.setImagePullSecrets(List.of(new LocalObjectReference("registry-login")));
    overrides.setTopologySpreadConstraints(
        List.of(
            new TopologySpreadConstraintBuilder()
                .withMaxSkew(1)
                .withTopologyKey("topology.kubernetes.io/zone")
                .withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector()
                .addToMatchLabels(PipelineMetadata.INSTANCE_LABEL, "orders")
                .endLabelSelector()
                .build()));
    pipeline.getSpec().setPodTemplate(overrides);

    var template = ConsumerDeployment.build(pipeline, DEFAULTS).getSpec().getTemplate();

    assertThat(template.getMetadata().getLabels())
        .containsEntry("team", "billing")
        .containsEntry(PipelineMetadata.INSTANCE_LABEL, "orders");
    assertThat(template.getMetadata().getAnnotations())
        .containsEntry("sidecar.istio.io/inject", "false")
        .containsKey(ConfigHash.ANNOTATION);
    assertThat(template.getSpec().getNodeSelector()).containsEntry("pool", "consumers");
    assertThat(template.getSpec().getTolerations()).hasSize(1);
    assertThat(template.getSpec().getServiceAccountName()).isEqualTo("billing-reader");
    assertThat(template.getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(template.getSpec().getPriorityClassName()).isEqualTo("pipelines");
    assertThat(template.getSpec().getImagePullSecrets())
        .extracting(LocalObjectReference::getName)
        .containsExactly("registry-login");
    assertThat(template.getSpec().getTopologySpreadConstraints())
        .singleElement()
        .satisfies(c -> assertThat(c.getMaxSkew()).isEqualTo(1));
  }

  @Test
  void kafkaSecretPropertiesReachThePodOnlyThroughSecretKeyRefs() {
    var pipeline = TestPipelines.withKafkaLogin(TestPipelines.orders());

    var container = container(ConsumerDeployment.build(pipeline, DEFAULTS));

    assertThat(container.getEnv())
        .filteredOn(e -> e.getName().equals("KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getValue()).isNull();
              assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("kafka-login");
              assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("jaas");
            });
    assertThat(ConsumerSettings.environment(pipeline))
        .doesNotContainKey("KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
  }

  @Test
  void aRotatedSecretValueChangesThePodTemplateSoThePodsRoll() {
    var pipeline = TestPipelines.orders();
    var secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(TestPipelines.SECRET)
            .withNamespace("shop")
            .withUid("6f1c0b8e-0000-4000-8000-000000000001")
            .endMetadata()
            .addToData("username", "ZGVmYXVsdA==")
            .addToData("password", "b2xk")
            .build();
    var rotated = new SecretBuilder(secret).addToData("password", "bmV3").build();

    var before =
        secretHash(
            ConsumerDeployment.build(
                pipeline, DEFAULTS, SecretReferences.contentHash(pipeline, List.of(secret))));
    var after =
        secretHash(
            ConsumerDeployment.build(
                pipeline, DEFAULTS, SecretReferences.contentHash(pipeline, List.of(rotated))));

    assertThat(before).isNotNull();
    assertThat(after).isNotNull().isNotEqualTo(before);
    assertThat(secretHash(ConsumerDeployment.build(pipeline, DEFAULTS))).isNull();
  }

  private static String secretHash(Deployment deployment) {
    return deployment
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(ConsumerDeployment.SECRET_HASH_ANNOTATION);
  }
}
