package io.batchline.consumer.batch;

import java.util.concurrent.Executor;

/**
 * What the batcher talks to: the writers' ports, the offset committer, and the threads that encode
 * and write.
 */
public record BatcherPorts(WriterPorts writer, OffsetCommitter committer, Executor writers) {}
