package io.batchline.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.consumer.batch.EventBytes;
import io.batchline.consumer.batch.SourceRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ConsumedRecordsTest {

  private static final byte[] EVENT = "{\"id\":\"a\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void aValueInAnArrayOfItsOwnRecordIsKeptAsAViewWithoutACopy() {
    byte[] record = new byte[EVENT.length + 40];
    System.arraycopy(EVENT, 0, record, 25, EVENT.length);

    EventBytes value = ConsumedRecords.value(ByteBuffer.wrap(record, 25, EVENT.length).slice());

    assertThat(value.array()).isSameAs(record);
    assertThat(value.copy()).isEqualTo(EVENT);
  }

  @Test
  void aValueInAnArraySharedWithOtherRecordsIsCopiedOut() {
    byte[] response = new byte[1 << 20];
    System.arraycopy(EVENT, 0, response, 5000, EVENT.length);

    EventBytes value = ConsumedRecords.value(ByteBuffer.wrap(response, 5000, EVENT.length).slice());

    assertThat(value.array()).isNotSameAs(response).isEqualTo(EVENT);
    assertThat(value.from()).isZero();
  }

  @Test
  void aDirectBufferIsCopiedAndATombstoneStaysNull() {
    ByteBuffer direct = ByteBuffer.allocateDirect(EVENT.length).put(EVENT).flip();

    assertThat(ConsumedRecords.value(direct).copy()).isEqualTo(EVENT);
    assertThat(direct.remaining()).isEqualTo(EVENT.length);
    assertThat(ConsumedRecords.value(null)).isNull();
  }

  @Test
  void headersAreLookedUpByNameAndNoHeadersNeedNoLookUp() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("tenant", "t1".getBytes(StandardCharsets.UTF_8));
    headers.add("tenant", "t2".getBytes(StandardCharsets.UTF_8));

    assertThat(ConsumedRecords.headers(headers).lastValue("tenant"))
        .isEqualTo("t2".getBytes(StandardCharsets.UTF_8));
    assertThat(ConsumedRecords.headers(headers).lastValue("other")).isNull();
    assertThat(ConsumedRecords.headers(new RecordHeaders())).isSameAs(SourceRecord.Headers.NONE);
  }
}
