package io.batchline.consumer.batch;

import java.time.Clock;

/** What a writer needs to write a batch: the table, the dead-letter topic, the classifier, time. */
public record WriterPorts(
    EventSink sink, DeadLetterSink deadLetters, RetryClassifier classifier, Clock clock) {}
