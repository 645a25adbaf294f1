package io.batchline.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerCodeTest {

  @Test
  void aCodeOnlyInTheMessageIsFound() {
    assertThat(
            ClickHouseEventSink.serverCode(
                0,
                "Code: 33, e.displayText() = DB::Exception: Cannot read all data. Bytes read: 57."))
        .isEqualTo(33);
  }

  @Test
  void aReportedCodeWins() {
    assertThat(ClickHouseEventSink.serverCode(252, "Code: 1. nonsense")).isEqualTo(252);
  }

  @Test
  void noCodeAtAllIsNone() {
    assertThat(ClickHouseEventSink.serverCode(-1, "Connection reset")).isNull();
  }
}
