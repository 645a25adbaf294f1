package io.batchline.consumer.batch;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A partition this consumer was given, with what Kafka knows about it: the topic's id (for tokens
 * that cannot collide), and the committed offset with the intent recorded beside it, if any.
 */
public record AssignedPartition(
    PartitionKey partition, UUID topicId, OptionalLong committedOffset, Optional<Intent> intent) {}
