package io.batchline.operator.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real kubectl binary, run as a user runs it against the test's API server. */
public final class Kubectl {

  private final Path binary;
  private final Path kubeconfig;

  private Kubectl(Path binary, Path kubeconfig) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
  }

  static Kubectl create(Path binary, String kubeconfigYaml) {
    try {
      var file = Files.createTempFile("kubeconfig", ".yaml");
      file.toFile().deleteOnExit();
      Files.writeString(file, kubeconfigYaml);
      return new Kubectl(binary, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs kubectl with the given arguments; fails the test with its stderr unless it exits 0. */
  public String run(String... args) {
    var command =
        new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    try {
      var err = Files.createTempFile("kubectl", ".err");
      var process =
          new ProcessBuilder(command).redirectError(err.toFile()).redirectInput(devNull()).start();
      var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl timed out: " + command);
      }
      var stderr = Files.readString(err);
      Files.delete(err);
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "kubectl "
                + String.join(" ", args)
                + " exited "
                + process.exitValue()
                + ":\n"
                + stderr);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static java.io.File devNull() {
    return new java.io.File("/dev/null");
  }
}
