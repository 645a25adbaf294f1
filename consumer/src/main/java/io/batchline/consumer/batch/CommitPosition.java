package io.batchline.consumer.batch;

/**
 * An offset to commit for a partition, with the metadata stored beside it: an {@link Intent}'s text
 * before an insert, empty after it.
 */
public record CommitPosition(long offset, String metadata) {

  public static CommitPosition delivered(long nextOffset) {
    return new CommitPosition(nextOffset, "");
  }

  public static CommitPosition intent(Intent intent) {
    return new CommitPosition(intent.range().first(), intent.metadata());
  }
}
