package io.batchline.consumer.table.legacy;

import io.batchline.consumer.batch.SourceRecord;
import io.batchline.consumer.table.RowBinaryBuffer;
import io.batchline.consumer.table.TableRowEncoder;
import io.batchline.consumer.table.TestTables;
import io.batchline.testkit.EventGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A throwaway measurement, not a test: ns per event to decode and encode the default Flexprice
 * table with the old decoder and encoder and with the generic encoder, alternating rounds on the
 * same machine in the same run, in thread CPU time (the machine is shared). Run with the consumer's
 * test classpath.
 */
public final class EncodeSpeed {

  public static void main(String[] args) {
    int events = 200_000;
    EventGenerator generator = new EventGenerator("speed", 50, TestTables.RECORD_TIME);
    SourceRecord[] records = new SourceRecord[events];
    for (int n = 0; n < events; n++) {
      records[n] =
          new SourceRecord(
              TestTables.P0,
              n,
              TestTables.RECORD_TIME,
              generator.json(n).getBytes(StandardCharsets.UTF_8));
    }
    Map<String, String> types = new LinkedHashMap<>();
    TestTables.flexprice().columns().forEach(c -> types.put(c.name(), c.type()));
    LegacyRowBinaryEncoder legacy =
        new LegacyRowBinaryEncoder(
            LegacyTableSchema.check("db.events", types), new LegacyEventDecoder(1 << 20));
    LegacyEventDecoder legacyDecoder = new LegacyEventDecoder(1 << 20);
    TableRowEncoder generic = TestTables.encoder(TestTables.flexprice());
    RowBinaryBuffer out = new RowBinaryBuffer(64 << 20);
    Instant ingestedAt = Instant.now();
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    List<Double> olds = new java.util.ArrayList<>();
    List<Double> news = new java.util.ArrayList<>();
    for (int round = 0; round < 30; round++) {
      out.clear();
      long start = cpu.getCurrentThreadCpuTime();
      for (SourceRecord record : records) {
        LegacyDecoded decoded = legacyDecoder.decode(record);
        legacy.encode(List.of(((LegacyDecoded.Valid) decoded).event()), ingestedAt, out);
      }
      long legacyNanos = cpu.getCurrentThreadCpuTime() - start;
      int legacyBytes = out.size();
      out.clear();
      start = cpu.getCurrentThreadCpuTime();
      for (SourceRecord record : records) {
        generic.encode(record, ingestedAt, out);
      }
      long genericNanos = cpu.getCurrentThreadCpuTime() - start;
      if (round >= 10) {
        olds.add(legacyNanos / (double) events);
        news.add(genericNanos / (double) events);
      }
      System.out.printf(
          "round %2d: old decoder+encoder %6.1f ns/event, generic encoder %6.1f ns/event (%d vs %d bytes)%n",
          round,
          legacyNanos / (double) events,
          genericNanos / (double) events,
          legacyBytes,
          out.size());
    }
    olds.sort(null);
    news.sort(null);
    System.out.printf(
        "median of rounds 10-29 (thread CPU time): old %.0f ns/event, generic %.0f ns/event%n",
        olds.get(olds.size() / 2), news.get(news.size() / 2));
  }
}
