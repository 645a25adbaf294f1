package io.batchline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RssSamplerTest {

  @Test
  void readsTheResidentSetSizeOfALiveProcessAndMinusOneForAGoneOne() {
    assertThat(RssSampler.rssKb(ProcessHandle.current().pid())).isPositive();
    assertThat(RssSampler.rssKb(Long.MAX_VALUE)).isEqualTo(-1);
  }
}
