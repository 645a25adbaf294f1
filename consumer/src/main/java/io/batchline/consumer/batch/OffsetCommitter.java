package io.batchline.consumer.batch;

import java.util.Map;

/**
 * Commits Kafka offsets synchronously, with their metadata. Throws when the commit did not happen.
 */
public interface OffsetCommitter {

  /**
   * @param positions per partition, the offset of the next record to read and its metadata
   */
  void commit(Map<PartitionKey, CommitPosition> positions);
}
