package io.batchline.operator.model;

import io.batchline.operator.api.ClickHouseSpec;
import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.api.KafkaSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the CRD schema cannot check, and what the object builders need, for pipelines the API server
 * did not validate (render reads files directly). A problem here is reported as InvalidSpec in the
 * status and is not retried: only a new spec can fix it.
 */
public final class SpecValidation {

  /** The metrics Service is named {@code <name>-metrics} and must be a DNS-1035 label. */
  static final int MAX_NAME_LENGTH = 63 - "-metrics".length();

  private static final Pattern DNS_1035 = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern BOOTSTRAP_SERVERS = Pattern.compile(KafkaSpec.BOOTSTRAP_SERVERS);
  private static final Pattern COLUMN_NAME = Pattern.compile(ClickHouseSpec.COLUMN_NAME);
  private static final Pattern COLUMN_SOURCE = Pattern.compile(ClickHouseSpec.COLUMN_SOURCE);

  private SpecValidation() {}

  public static List<String> problems(EventPipeline pipeline) {
    var problems = new ArrayList<String>();
    var name = pipeline.getMetadata().getName();
    if (name == null || !DNS_1035.matcher(name).matches() || name.length() > MAX_NAME_LENGTH) {
      problems.add(
          "metadata.name must be a DNS-1035 label of at most "
              + MAX_NAME_LENGTH
              + " characters (lowercase letters, digits and '-', starting with a letter)");
    }
    var spec = pipeline.getSpec();
    if (spec == null) {
      problems.add("spec is required");
      return problems;
    }
    if (spec.getKafka() == null) {
      problems.add("spec.kafka is required");
    } else {
      requireText(problems, "spec.kafka.bootstrapServers", spec.getKafka().getBootstrapServers());
      var servers = spec.getKafka().getBootstrapServers();
      if (servers != null && !servers.isBlank() && !BOOTSTRAP_SERVERS.matcher(servers).matches()) {
        problems.add(
            "spec.kafka.bootstrapServers must be host:port pairs separated by commas: " + servers);
      }
      requireText(problems, "spec.kafka.topic", spec.getKafka().getTopic());
    }
    if (spec.getClickhouse() == null) {
      problems.add("spec.clickhouse is required");
    } else {
      requireText(problems, "spec.clickhouse.url", spec.getClickhouse().getUrl());
      columnProblems(spec.getClickhouse(), problems);
    }
    if (spec.getAutoscaling() != null && spec.getAutoscaling().getMaxReplicas() == null) {
      problems.add("spec.autoscaling.maxReplicas is required");
    }
    problems.addAll(ConsumerResources.problems(spec.getConsumer()));
    return problems;
  }

  private static void columnProblems(ClickHouseSpec clickhouse, List<String> problems) {
    if (clickhouse.getColumns() == null) {
      return;
    }
    new TreeMap<>(clickhouse.getColumns())
        .forEach(
            (column, source) -> {
              if (!COLUMN_NAME.matcher(column).matches()) {
                problems.add("spec.clickhouse.columns: invalid column name " + column);
              }
              if (source == null || !COLUMN_SOURCE.matcher(source).matches()) {
                problems.add("spec.clickhouse.columns: invalid source " + column + "=" + source);
              }
            });
  }

  private static void requireText(List<String> problems, String field, String value) {
    if (value == null || value.isBlank()) {
      problems.add(field + " is required");
    }
  }
}
