package io.batchline.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InsertSettingsPolicyTest {

  private static Map<String, Object> sent(List<String> known) {
    return InsertSettingsPolicy.from(ServerVersion.parse("23.8.1"), known)
        .forInsert("tok")
        .getAllSettings();
  }

  @Test
  void aModernServerGetsTheTokenDeduplicationForViewsAndSynchronousInserts() {
    Map<String, Object> settings =
        sent(
            List.of(
                "insert_deduplication_token",
                "insert_deduplicate",
                "deduplicate_blocks_in_dependent_materialized_views",
                "async_insert"));

    assertThat(settings.toString())
        .contains("insert_deduplication_token=tok")
        .contains("insert_deduplicate=1")
        .contains("deduplicate_blocks_in_dependent_materialized_views=1")
        .contains("async_insert=0");
  }

  @Test
  void settingsTheServerDoesNotKnowAreNeverSent() {
    Map<String, Object> settings = sent(List.of("insert_deduplicate"));

    assertThat(settings.toString())
        .contains("insert_deduplicate=1")
        .doesNotContain("insert_deduplication_token")
        .doesNotContain("async_insert")
        .doesNotContain("materialized_views");
  }

  @Test
  void onlyTheSettingsItUsesAreKept() {
    InsertSettingsPolicy policy =
        InsertSettingsPolicy.from(
            ServerVersion.parse("18.16.1"), List.of("max_threads", "insert_deduplicate"));

    assertThat(policy.known()).containsExactly("insert_deduplicate");
    assertThat(policy.sendsTokens()).isFalse();
  }
}
