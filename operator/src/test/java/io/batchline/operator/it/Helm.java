package io.batchline.operator.it;

import io.batchline.operator.RepoFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The helm CLI that tools/build-helm builds from its Go module, run on the chart in deploy/helm.
 * The script prints the binary's path; it builds helm first only when it is not cached.
 */
final class Helm {

  static final Path CHART = RepoFiles.path("deploy/helm/batchline");

  private final Path binary;

  private Helm(Path binary) {
    this.binary = binary;
  }

  static Helm built() {
    var path = run(List.of(RepoFiles.path("tools/build-helm").toString(), "--path")).strip();
    return new Helm(Path.of(path.lines().reduce((a, b) -> b).orElseThrow()));
  }

  /** Runs helm with the given arguments; fails the test with its output unless it exits 0. */
  String run(String... args) {
    var command = new ArrayList<String>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    return run(command);
  }

  List<HasMetadata> template(String namespace, String... sets) {
    var args = new ArrayList<>(List.of("template", "batchline", CHART.toString(), "-n", namespace));
    args.add("--include-crds");
    for (var set : sets) {
      args.add("--set");
      args.add(set);
    }
    return objects(run(args.toArray(String[]::new)));
  }

  static List<HasMetadata> objects(String yaml) {
    var list = new KubernetesList();
    list.setItems(
        Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
    return list.getItems();
  }

  /** Stdout of the command; its stderr goes to the test's output, where build progress shows. */
  private static String run(List<String> command) {
    try {
      var out = Files.createTempFile("helm", ".out");
      var err = Files.createTempFile("helm", ".err");
      var process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(new File("/dev/null"))
              .start();
      if (!process.waitFor(30, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      var text = Files.readString(out);
      var errors = Files.readString(err);
      Files.delete(out);
      Files.delete(err);
      System.err.print(errors);
      if (process.exitValue() != 0) {
        throw new AssertionError(
            String.join(" ", command) + " exited " + process.exitValue() + ":\n" + text + errors);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
