package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import org.junit.jupiter.api.Test;

class ConsumerDisruptionBudgetTest {

  @Test
  void letsOneConsumerGoAtATime() {
    var pipeline = TestPipelines.orders();

    var budget = ConsumerDisruptionBudget.build(pipeline);

    assertThat(budget.getMetadata().getName()).isEqualTo("orders");
    assertThat(budget.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(budget.getSpec().getMinAvailable()).isNull();
    assertThat(budget.getSpec().getSelector().getMatchLabels())
        .isEqualTo(PipelineMetadata.selectorLabels(pipeline));
  }
}
