package io.batchline.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the committed CRD promises users, checked field by field. */
class CrdSchemaTest {

  private static CustomResourceDefinition crd;
  private static CustomResourceDefinitionVersion version;
  private static JSONSchemaProps spec;

  @BeforeAll
  static void load() {
    crd = CrdFiles.load(CrdFiles.committed());
    version = crd.getSpec().getVersions().get(0);
    spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
  }

  @Test
  void isNamespacedBatchlineV1alpha1WithShortNameEvpInCategoryBatchline() {
    assertThat(crd.getMetadata().getName()).isEqualTo("eventpipelines.batchline.io");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("evp");
    assertThat(crd.getSpec().getNames().getCategories()).containsExactly("batchline");
    assertThat(version.getName()).isEqualTo("v1alpha1");
  }

  @Test
  void hasStatusAndScaleSubresources() {
    var subresources = version.getSubresources();

    assertThat(subresources.getStatus()).isNotNull();
    assertThat(subresources.getScale().getSpecReplicasPath()).isEqualTo(".spec.replicas");
    assertThat(subresources.getScale().getStatusReplicasPath()).isEqualTo(".status.replicas");
    assertThat(subresources.getScale().getLabelSelectorPath()).isEqualTo(".status.selector");
  }

  @Test
  void printerColumnsComeInTheDeclaredOrder() {
    assertThat(version.getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName)
        .containsExactly("Topic", "Batch", "Flush", "Replicas", "Ready", "Status", "Age");
  }

  @Test
  void schemaDefaultsAreTheJavaDefaults() {
    var batch = spec.getProperties().get("batch").getProperties();
    var consumer = spec.getProperties().get("consumer").getProperties();
    var clickhouse = spec.getProperties().get("clickhouse").getProperties();

    assertThat(batch.get("size").getDefault().asInt()).isEqualTo(new BatchSpec().getSize());
    assertThat(batch.get("flushSeconds").getDefault().asInt())
        .isEqualTo(new BatchSpec().getFlushSeconds());
    assertThat(consumer.get("image").getDefault())
        .as("no schema default: the operator's BATCHLINE_CONSUMER_IMAGE applies")
        .isNull();
    assertThat(clickhouse.get("table").getDefault().asText())
        .isEqualTo(new ClickHouseSpec().getTable());
    assertThat(spec.getProperties().get("replicas").getDefault().asInt())
        .isEqualTo(new EventPipelineSpec().getReplicas());
    JsonNode batchDefault = spec.getProperties().get("batch").getDefault();
    assertThat(batchDefault).as("an omitted batch section still gets its defaults").isNotNull();
  }

  @Test
  void credentialsCanOnlyBeSecretKeyRefs() {
    var clickhouse = spec.getProperties().get("clickhouse").getProperties();

    for (var field : List.of("username", "password")) {
      var schema = clickhouse.get(field);
      assertThat(schema.getType()).isEqualTo("object");
      assertThat(schema.getProperties()).containsOnlyKeys("secretKeyRef");
      assertThat(schema.getRequired()).containsExactly("secretKeyRef");
    }
  }

  @Test
  void everyCelRuleMessageNamesASpecField() {
    var rules = new ArrayList<ValidationRule>();
    collectRules(spec, rules);

    assertThat(rules).hasSizeGreaterThanOrEqualTo(5);
    assertThat(rules)
        .allSatisfy(
            r ->
                assertThat(r.getMessage() != null ? r.getMessage() : r.getMessageExpression())
                    .containsPattern("spec\\.\\w+"));
  }

  private static void collectRules(JSONSchemaProps schema, List<ValidationRule> rules) {
    if (schema == null) {
      return;
    }
    if (schema.getXKubernetesValidations() != null) {
      rules.addAll(schema.getXKubernetesValidations());
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(p -> collectRules(p, rules));
    }
    if (schema.getItems() != null) {
      collectRules(schema.getItems().getSchema(), rules);
    }
  }
}
