package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.CrdFiles;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CRD's short names and category, as kubectl resolves them against everything the real API
 * server serves: a short name that a built-in resource also has (ep is Endpoints') loses, because
 * kubectl resolves built-in ones first.
 */
class ShortNameIT {

  @Test
  void everyShortNameIsTakenByTheEventPipelinesAlone() {
    var server = RealApiServer.get();
    var shortNames = CrdFiles.load(CrdFiles.committed()).getSpec().getNames().getShortNames();
    var table = server.kubectl().run("api-resources", "--no-headers");

    assertThat(shortNames).isNotEmpty();
    for (var shortName : shortNames) {
      assertThat(resourcesWithShortName(table, shortName))
          .as("resources with the short name %s in:%n%s", shortName, table)
          .containsExactly("eventpipelines");
    }
  }

  @Test
  void theShortNameAndTheCategoryListThePipelines() {
    var server = RealApiServer.get();
    var namespace = server.namespace("short-name");
    server.client().resource(TestPipelines.unsaved("listed", namespace)).create();
    var crd = CrdFiles.load(CrdFiles.committed());

    for (var name : List.of(crd.getSpec().getNames().getShortNames().get(0), "batchline")) {
      assertThat(server.kubectl().run("get", name, "-n", namespace, "-o", "name"))
          .as("kubectl get %s", name)
          .isEqualTo("eventpipeline.batchline.io/listed\n");
    }
  }

  /** The resources whose SHORTNAMES column (the second, comma-separated) holds the name. */
  private static List<String> resourcesWithShortName(String table, String shortName) {
    return table
        .lines()
        .map(line -> line.trim().split("\\s+"))
        .filter(columns -> columns.length == 5)
        .filter(columns -> Arrays.asList(columns[1].split(",")).contains(shortName))
        .map(columns -> columns[0])
        .toList();
  }
}
