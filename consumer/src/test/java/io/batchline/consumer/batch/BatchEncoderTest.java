package io.batchline.consumer.batch;

import static io.batchline.consumer.batch.Records.P0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

class BatchEncoderTest {

  @Test
  void theBodyDigestIsTheSameWhicheverXxHashImplementationRuns() {
    List<SourceRecord> records = Records.events(P0, 0, 300);
    PendingBatch batch =
        new PendingBatch(P0, records, new OffsetRange(0, 299), FlushTrigger.SIZE, Instant.EPOCH, 0);

    EncodedBatch encoded = BatchEncoder.encode(batch, new TestRowEncoder(""), 1 << 20);

    byte[] body = Arrays.copyOf(encoded.body().array(), encoded.body().size());
    assertThat(body.length).isGreaterThan(1000);
    assertThat(encoded.digest())
        .isEqualTo(XXHashFactory.safeInstance().hash64().hash(body, 0, body.length, 0x6261746368L))
        .isEqualTo(
            XXHashFactory.nativeInstance().hash64().hash(body, 0, body.length, 0x6261746368L));
  }
}
