package io.batchline.consumer.batch;

import static io.batchline.consumer.batch.Records.P0;
import static io.batchline.consumer.batch.Records.P1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OffsetLedgerTest {

  private final OffsetLedger ledger = new OffsetLedger();

  @Test
  void nothingIsCommittableWhileTheLowestOffsetIsInFlight() {
    ledger.track(P0, 10);
    ledger.track(P0, 11);
    ledger.track(P0, 12);
    ledger.finish(P0, 11);
    ledger.finish(P0, 12);

    assertThat(ledger.committable()).isEqualTo(Map.of(P0, 10L));
  }

  @Test
  void committableMovesPastFinishedRecords() {
    ledger.track(P0, 10);
    ledger.track(P0, 11);
    ledger.finish(P0, 10);

    assertThat(ledger.committable()).isEqualTo(Map.of(P0, 11L));

    ledger.finish(P0, 11);
    assertThat(ledger.committable()).isEqualTo(Map.of(P0, 12L));
  }

  @Test
  void committedOffsetsAreNotOfferedAgain() {
    ledger.track(P0, 0);
    ledger.finish(P0, 0);
    ledger.markCommitted(ledger.committable());

    assertThat(ledger.committable()).isEmpty();
  }

  @Test
  void forgottenPartitionsAreNotCommitted() {
    ledger.track(P0, 0);
    ledger.track(P1, 0);
    ledger.finish(P0, 0);
    ledger.finish(P1, 0);

    ledger.forget(List.of(P1));

    assertThat(ledger.committable()).isEqualTo(Map.of(P0, 1L));
    assertThat(ledger.inFlight()).isZero();
  }

  @Test
  void recordsFinishedOutOfOrderAreCommittedOnceTheHeadCatchesUp() {
    for (long offset = 0; offset < 3000; offset++) {
      ledger.track(P0, offset);
    }
    ledger.finish(P0, 2);
    ledger.finish(P0, 1);
    assertThat(ledger.committable()).isEqualTo(Map.of(P0, 0L));
    assertThat(ledger.inFlight()).isEqualTo(2998);

    ledger.finish(P0, 0);
    assertThat(ledger.committable()).isEqualTo(Map.of(P0, 3L));

    for (long offset = 3; offset < 3000; offset++) {
      ledger.finish(P0, offset);
    }
    assertThat(ledger.committable()).isEqualTo(Map.of(P0, 3000L));
    assertThat(ledger.inFlight()).isZero();
  }
}
