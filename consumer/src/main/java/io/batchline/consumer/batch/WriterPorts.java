package io.batchline.consumer.batch;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What a writer needs to write a batch: the table, the dead-letter topic, the classifier, time, and
 * the threads on which the parts of a refused batch are tried at once.
 */
public record WriterPorts(
    EventSink sink,
    DeadLetterSink deadLetters,
    RetryClassifier classifier,
    Clock clock,
    Executor probes) {}
