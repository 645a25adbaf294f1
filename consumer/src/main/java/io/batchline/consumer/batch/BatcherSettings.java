package io.batchline.consumer.batch;

import java.time.Duration;

/**
 * How the batcher cuts, bounds and retries.
 *
 * @param maxEventBytes larger records are dead-lettered as too large, unread
 * @param bisectTimeLimit how long isolating the rows the server rejects may take before the rest of
 *     a refused part is dead-lettered whole
 */
public record BatcherSettings(
    FlushPolicy policy,
    InFlightBudget budget,
    Backoff backoff,
    RateLimiter rateLimiter,
    Duration bisectTimeLimit,
    int maxEventBytes) {}
