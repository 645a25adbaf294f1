package io.batchline.consumer.batch;

import java.util.List;

/** What one flush writes: events for ClickHouse and rejections for the dead-letter topic. */
public record Batch(List<Event> events, List<Rejection> rejections) {}
