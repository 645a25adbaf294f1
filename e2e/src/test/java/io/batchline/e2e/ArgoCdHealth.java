package io.batchline.e2e;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The Argo CD health check that ships in samples/argocd/health.lua, run by lua5.4 on a live
 * EventPipeline as Argo CD runs it (the resource as the global {@code obj}).
 */
final class ArgoCdHealth {

  /** The check's verdict. */
  record Verdict(String status, String message) {}

  private final Path script;

  ArgoCdHealth(Path repoRoot) {
    this.script = repoRoot.resolve("samples/argocd/health.lua");
  }

  Verdict of(GenericKubernetesResource pipeline) {
    var obj =
        Map.of(
            "metadata",
            Map.of(
                "name", pipeline.getMetadata().getName(),
                "generation", pipeline.getMetadata().getGeneration()),
            "status",
            pipeline.getAdditionalProperties().getOrDefault("status", Map.of()));
    var program =
        "obj = "
            + lua(obj)
            + "\nlocal r = dofile('"
            + script
            + "')\nio.write(r.status, '\\t', r.message or '')\n";
    try {
      var process = new ProcessBuilder("lua5.4", "-").redirectErrorStream(true).start();
      process.getOutputStream().write(program.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("lua5.4 " + script + " failed: " + output);
      }
      var parts = output.split("\t", 2);
      return new Verdict(parts[0], parts.length > 1 ? parts[1] : "");
    } catch (IOException e) {
      throw new IllegalStateException("cannot run lua5.4 (dev/test installs it): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A Lua table constructor for JSON-like values. */
  static String lua(Object value) {
    if (value == null) {
      return "nil";
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(e -> "[" + quote(e.getKey().toString()) + "] = " + lua(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ArgoCdHealth::lua).collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return quote(value.toString());
  }

  private static String quote(String s) {
    return "\""
        + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
        + "\"";
  }
}
