package io.batchline.consumer.batch;

import java.util.HexFormat;
import java.util.UUID;

/**
 * The {@code insert_deduplication_token} of one insert: the topic's id, the partition, the offset
 * range and a digest of the encoded rows, for example {@code
 * 3f2c...-9a1e:0:100-299:5be0c0a3d1f2e4b7}. The topic id (not its name) keeps a recreated or
 * mirrored topic from reusing a token, which would make the server drop new rows as replays.
 */
public final class DeduplicationToken {

  private DeduplicationToken() {}

  public static String of(UUID topicId, PartitionKey partition, OffsetRange range, long digest) {
    return topicId
        + ":"
        + partition.partition()
        + ":"
        + range
        + ":"
        + HexFormat.of().toHexDigits(digest);
  }

  /**
   * The token of a part of an insert (a half when isolating rejected rows, a group when splitting
   * by partition key): derived from the whole insert's token and the part's row indices, so a
   * replay that splits the same way sends the same tokens.
   */
  public static String part(String token, String part) {
    return token + "/" + part;
  }
}
