package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.SecretKeyRef;
import io.batchline.operator.api.SecretValue;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretReferencesTest {

  private static Secret secret(String namespace, String name, String... keys) {
    var builder =
        new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata();
    for (var key : keys) {
      builder.addToData(key, "eA==");
    }
    return builder.build();
  }

  @Test
  void namesEachReferencedSecretOnce() {
    var pipeline = TestPipelines.orders();

    assertThat(SecretReferences.secretNames(pipeline)).containsExactly(TestPipelines.SECRET);
    assertThat(SecretReferences.byField(pipeline))
        .containsOnlyKeys("spec.clickhouse.username", "spec.clickhouse.password");
  }

  @Test
  void aMissingSecretIsSecretNotFoundNamingTheField() {
    var problems = SecretReferences.problems(TestPipelines.orders(), List.of());

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0).reason()).isEqualTo("SecretNotFound");
    assertThat(problems.get(0).message())
        .contains(TestPipelines.SECRET)
        .contains("spec.clickhouse.username");
  }

  @Test
  void aSecretInAnotherNamespaceDoesNotCount() {
    var elsewhere = secret("other", TestPipelines.SECRET, "username", "password");

    assertThat(SecretReferences.problems(TestPipelines.orders(), List.of(elsewhere))).hasSize(2);
  }

  @Test
  void aMissingKeyIsSecretKeyNotFound() {
    var withoutPassword = secret("shop", TestPipelines.SECRET, "username");

    assertThat(SecretReferences.problems(TestPipelines.orders(), List.of(withoutPassword)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.reason()).isEqualTo("SecretKeyNotFound");
              assertThat(p.message()).contains("password").contains("spec.clickhouse.password");
            });
  }

  @Test
  void aCompleteSecretHasNoProblem() {
    var complete = secret("shop", TestPipelines.SECRET, "username", "password");

    assertThat(SecretReferences.problems(TestPipelines.orders(), List.of(complete))).isEmpty();
  }

  @Test
  void separateSecretsForUserAndPasswordAreBothNamed() {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().getClickhouse().setUsername(new SecretValue(new SecretKeyRef("user", "u")));

    assertThat(SecretReferences.secretNames(pipeline))
        .containsExactly(TestPipelines.SECRET, "user");
  }
}
