package io.batchline.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerVersionTest {

  @Test
  void parsesServerVersions() {
    assertThat(ServerVersion.parse("18.16.1").supportsDeduplicationToken()).isFalse();
    assertThat(ServerVersion.parse("22.1.3.7").supportsDeduplicationToken()).isFalse();
    assertThat(ServerVersion.parse("22.2.2.1").supportsDeduplicationToken()).isTrue();
    assertThat(ServerVersion.parse("25.3.1.2703").supportsDeduplicationToken()).isTrue();
    assertThat(ServerVersion.parse("23.6.1").supportsRowBinaryWithDefaults()).isFalse();
    assertThat(ServerVersion.parse("23.7.1").supportsRowBinaryWithDefaults()).isTrue();
    assertThat(ServerVersion.parse("24.9.1").supportsJsonAsString()).isFalse();
    assertThat(ServerVersion.parse("26.9.2.1").supportsJsonAsString()).isTrue();
    assertThatThrownBy(() -> ServerVersion.parse("unknown"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
