package io.batchline.e2e;

import static org.awaitility.Awaitility.await;

import io.batchline.testkit.ClickHouseHttp;
import io.batchline.testkit.EventGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Checks a run by its ids, not by counts: every id the load produced must be in the table, and rows
 * beyond one per id are duplicates, counted before and after {@code FINAL}.
 */
final class IdCheck {

  /** A run's figures. Duplicates before FINAL are replays the table has not merged away yet. */
  record Figures(
      long produced,
      long present,
      List<String> missing,
      long rowsBeforeFinal,
      long rowsAfterFinal) {

    long duplicatesBeforeFinal() {
      return rowsBeforeFinal - present;
    }

    long duplicatesAfterFinal() {
      return rowsAfterFinal - present;
    }

    @Override
    public String toString() {
      return "produced=%d present=%d missing=%d duplicates_before_final=%d duplicates_after_final=%d%s"
          .formatted(
              produced,
              present,
              missing.size(),
              duplicatesBeforeFinal(),
              duplicatesAfterFinal(),
              missing.isEmpty()
                  ? ""
                  : " first_missing=" + missing.subList(0, Math.min(5, missing.size())));
    }
  }

  private final ClickHouseHttp clickHouse;
  private final String table;

  IdCheck(ClickHouseHttp clickHouse, String table) {
    this.clickHouse = clickHouse;
    this.table = table;
  }

  long present(EventGenerator events) {
    return clickHouse.queryLong(
        "SELECT uniqExact(id) FROM "
            + table
            + " WHERE id LIKE '"
            + events.id(0).replaceAll("-0$", "")
            + "-%'");
  }

  /** Waits until all {@code produced} ids of the run are present, then returns the figures. */
  Figures awaitAll(EventGenerator events, long produced, Duration timeout) {
    try {
      await("all " + produced + " ids in " + table)
          .atMost(timeout)
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> present(events) >= produced);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      E2eLog.say("not every id arrived: %s", figures(events, produced));
      throw e;
    }
    return figures(events, produced);
  }

  Figures figures(EventGenerator events, long produced) {
    var prefix = events.id(0).replaceAll("-0$", "");
    var where = " WHERE id LIKE '" + prefix + "-%'";
    var ids = new HashSet<>(clickHouse.queryLines("SELECT DISTINCT id FROM " + table + where));
    var missing = new ArrayList<String>();
    for (long n = 0; n < produced; n++) {
      if (!ids.contains(events.id(n))) {
        missing.add(events.id(n));
      }
    }
    var rows = clickHouse.queryLong("SELECT count() FROM " + table + where);
    var rowsFinal = clickHouse.queryLong("SELECT count() FROM " + table + " FINAL" + where);
    return new Figures(produced, ids.size(), missing, rows, rowsFinal);
  }
}
