package io.batchline.consumer.clickhouse;

import com.clickhouse.client.api.insert.InsertSettings;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings every insert carries, limited to those the server knows (an unknown setting fails
 * the insert with code 115):
 *
 * <ul>
 *   <li>{@code insert_deduplication_token}: the batch's token, so a replay is dropped;
 *   <li>{@code insert_deduplicate=1}: in case a profile turned deduplication off;
 *   <li>{@code deduplicate_blocks_in_dependent_materialized_views=1}: so a dropped replay is not
 *       summed again by materialized views;
 *   <li>{@code async_insert=0}: an asynchronous insert can be acknowledged before it is durable,
 *       and offsets are committed on the acknowledgement.
 * </ul>
 */
public final class InsertSettingsPolicy {

  static final String TOKEN = "insert_deduplication_token";
  static final String DEDUPLICATE = "insert_deduplicate";
  static final String MATERIALIZED_VIEWS = "deduplicate_blocks_in_dependent_materialized_views";
  static final String ASYNC_INSERT = "async_insert";
  static final List<String> USED = List.of(TOKEN, DEDUPLICATE, MATERIALIZED_VIEWS, ASYNC_INSERT);

  private final Set<String> known;

  private InsertSettingsPolicy(Set<String> known) {
    this.known = known;
  }

  /** From the names {@code system.settings} lists among {@link #USED}. */
  public static InsertSettingsPolicy from(ServerVersion version, Collection<String> knownNames) {
    return new InsertSettingsPolicy(
        knownNames.stream().filter(USED::contains).collect(Collectors.toUnmodifiableSet()));
  }

  static String quotedNames() {
    return USED.stream().map(n -> "'" + n + "'").collect(Collectors.joining(","));
  }

  public boolean sendsTokens() {
    return known.contains(TOKEN);
  }

  public Set<String> known() {
    return known;
  }

  InsertSettings forInsert(String token) {
    InsertSettings settings = new InsertSettings();
    if (known.contains(TOKEN)) {
      settings.setDeduplicationToken(token);
    }
    if (known.contains(DEDUPLICATE)) {
      settings.serverSetting(DEDUPLICATE, "1");
    }
    if (known.contains(MATERIALIZED_VIEWS)) {
      settings.serverSetting(MATERIALIZED_VIEWS, "1");
    }
    if (known.contains(ASYNC_INSERT)) {
      settings.serverSetting(ASYNC_INSERT, "0");
    }
    return settings;
  }
}
