package io.batchline.consumer.batch;

import io.batchline.consumer.table.RowBinaryBuffer;
import io.batchline.consumer.table.RowEncoder;

/**
 * One INSERT: bytes {@code [from, to)} of a RowBinary body holding {@code rows} rows, encoded by
 * {@code encoder}, sent with its deduplication token where the server supports tokens.
 */
public record Insert(
    RowEncoder encoder, RowBinaryBuffer body, int from, int to, int rows, String token) {}
