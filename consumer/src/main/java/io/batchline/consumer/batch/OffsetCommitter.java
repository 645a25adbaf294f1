package io.batchline.consumer.batch;

import java.util.Map;

/** Commits Kafka offsets synchronously. Throws when the commit did not happen. */
public interface OffsetCommitter {

  /**
   * @param offsets per partition, the offset of the next record to read
   */
  void commit(Map<PartitionKey, Long> offsets);
}
