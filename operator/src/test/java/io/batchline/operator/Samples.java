package io.batchline.operator;

import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The EventPipeline samples shipped in samples/. */
public final class Samples {

  public static final List<String> FILES =
      List.of(
          "eventpipeline-balanced.yaml",
          "eventpipeline-high-throughput.yaml",
          "eventpipeline-low-latency.yaml",
          "eventpipeline-autoscaling.yaml",
          "eventpipeline-sasl.yaml",
          "eventpipeline-custom-table.yaml");

  private Samples() {}

  public static Path path(String file) {
    return Path.of(System.getProperty("batchline.samples", "../samples")).resolve(file);
  }

  public static EventPipeline load(String file) {
    try (var in = Files.newInputStream(path(file))) {
      return Serialization.unmarshal(in, EventPipeline.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
