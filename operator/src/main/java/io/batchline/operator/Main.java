package io.batchline.operator;

import io.batchline.operator.model.ClusterFeatures;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar batchline-operator.jar} runs the operator against the current kubeconfig (or the
 * in-cluster service account); {@code render [--keda] [--pod-monitor] -f pipeline.yaml} prints the
 * objects it would apply, with the operator's settings taken from the same environment variables.
 */
public final class Main {

  private static final String USAGE =
      "usage: batchline-operator [run] | render [--keda] [--pod-monitor] -f <pipeline.yaml>";

  private Main() {}

  /** Exit code of a command that keeps running until the process is stopped. */
  static final int RUNS_UNTIL_STOPPED = -1;

  public static void main(String[] args) throws Exception {
    var code = run(List.of(args), System.out, System.err);
    if (code != RUNS_UNTIL_STOPPED) {
      System.exit(code);
    }
  }

  static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    if (args.isEmpty() || args.equals(List.of("run"))) {
      runOperator();
      return RUNS_UNTIL_STOPPED;
    }
    var file = args.size() - 1;
    var flags = args.size() >= 3 ? args.subList(1, file - 1) : List.<String>of();
    if (args.size() >= 3
        && args.get(0).equals("render")
        && args.get(file - 1).equals("-f")
        && List.of("--keda", "--pod-monitor").containsAll(flags)) {
      var features = new ClusterFeatures(flags.contains("--keda"), flags.contains("--pod-monitor"));
      try (var in = args.get(file).equals("-") ? System.in : new FileInputStream(args.get(file))) {
        var defaults = OperatorSettings.fromEnvironment(System.getenv()).defaults();
        out.print(RenderCommand.render(in, defaults, features));
        return 0;
      } catch (IllegalArgumentException | IOException e) {
        err.println("render: " + e.getMessage());
        return 1;
      }
    }
    err.println(USAGE);
    return 2;
  }

  private static void runOperator() throws InterruptedException {
    var client = new KubernetesClientBuilder().build();
    var operator =
        BatchlineOperator.start(client, OperatorSettings.fromEnvironment(System.getenv()));
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.close();
                  client.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
