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

    EncodedBatch encoded =
        BatchEncoder.encode(batch, new TestRowEncoder(""), 1 << 20, new BodySizeEstimate());

    byte[] body = Arrays.copyOf(encoded.body().array(), encoded.body().size());
    assertThat(body.length).isGreaterThan(1000);
    assertThat(encoded.digest())
        .isEqualTo(XXHashFactory.safeInstance().hash64().hash(body, 0, body.length, 0x6261746368L))
        .isEqualTo(
            XXHashFactory.nativeInstance().hash64().hash(body, 0, body.length, 0x6261746368L));
  }

  @Test
  void onceABatchWasEncodedTheNextBodyIsAllocatedAtAboutItsSize() {
    BodySizeEstimate sizes = new BodySizeEstimate();
    TestRowEncoder encoder = new TestRowEncoder("");
    BatchEncoder.encode(batchOf(Records.events(P0, 10_000, 10_000)), encoder, 1 << 20, sizes);

    EncodedBatch second =
        BatchEncoder.encode(batchOf(Records.events(P0, 20_000, 10_000)), encoder, 1 << 20, sizes);

    int size = second.body().size();
    assertThat(size).isGreaterThan(64 * 1024);
    assertThat(second.body().array().length).isBetween(size, size + size / 10 + 4096);
  }

  private static PendingBatch batchOf(List<SourceRecord> records) {
    long first = records.get(0).offset();
    return new PendingBatch(
        P0,
        records,
        new OffsetRange(first, first + records.size() - 1),
        FlushTrigger.SIZE,
        Instant.EPOCH,
        records.stream().mapToLong(SourceRecord::sizeBytes).sum());
  }
}
