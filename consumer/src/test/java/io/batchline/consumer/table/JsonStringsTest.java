package io.batchline.consumer.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonStringsTest {

  private static final byte[] SPECIAL = {
    '"', '\\', 0x00, 0x1F, (byte) 0x80, (byte) 0xC3, (byte) 0xFF
  };

  @Test
  void findsTheFirstByteThatEndsAPlainRunEightAtATimeOrNot() {
    Random random = new Random(7);
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] =
            random.nextInt(24) == 0
                ? SPECIAL[random.nextInt(SPECIAL.length)]
                : (byte) (0x20 + random.nextInt(0x60));
      }
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      int to = from + random.nextInt(bytes.length - from + 1);

      assertThat(JsonStrings.plainRunEnd(bytes, from, to))
          .as("bytes %s from %d to %d", java.util.HexFormat.of().formatHex(bytes), from, to)
          .isEqualTo(byteByByte(bytes, from, to));
    }
  }

  private static int byteByByte(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      int b = bytes[i] & 0xFF;
      if (b < 0x20 || b == '"' || b == '\\' || b >= 0x80) {
        return i;
      }
    }
    return to;
  }
}
