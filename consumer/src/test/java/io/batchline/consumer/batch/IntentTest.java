package io.batchline.consumer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IntentTest {

  @Test
  void roundTripsThroughCommitMetadata() {
    Intent intent =
        new Intent(
            new OffsetRange(100, 299),
            Instant.parse("2026-12-06T10:00:00.123Z"),
            "3f2c9d4e-0000-4000-8000-00000000a11e:0:100-299:5be0c0a3d1f2e4b7");

    assertThat(intent.metadata())
        .isEqualTo(
            "batchline:v1 range=100-299 ingested=1796551200123"
                + " token=3f2c9d4e-0000-4000-8000-00000000a11e:0:100-299:5be0c0a3d1f2e4b7");
    assertThat(Intent.parse(intent.metadata())).contains(intent);
    assertThat(intent.metadata().length()).isLessThan(4096);
  }

  @Test
  void anythingElseIsNoIntent() {
    assertThat(Intent.parse("")).isEmpty();
    assertThat(Intent.parse(null)).isEmpty();
    assertThat(Intent.parse("written by another tool")).isEmpty();
    assertThat(Intent.parse("batchline:v1 range=9-3 ingested=1 token=t")).isEmpty();
    assertThat(Intent.parse("batchline:v2 range=1-3 ingested=1 token=t")).isEmpty();
  }
}
