package io.batchline.operator.api;

import io.batchline.operator.RepoFiles;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The CRD as generated into target/ and as committed to crds/. The committed file is the generated
 * one with its printer columns in the order EventPipeline declares them: the generator sorts them
 * by JSON path, which would put Age first.
 */
public final class CrdFiles {

  static final String HEADER =
      """
      # Generated from operator/src/main/java/io/batchline/operator/api by the fabric8
      # crd-generator; do not edit. After changing those classes, rewrite this file with
      #   mvn -pl operator test -Dtest=CrdDriftTest -Dbatchline.updateCrds=true
      """;

  private CrdFiles() {}

  public static Path committed() {
    return Path.of(
        System.getProperty("batchline.committedCrd", "../crds/eventpipelines.batchline.io.yaml"));
  }

  /** crds/ itself, and the copy the Helm chart installs from its own crds/ directory. */
  static List<Path> committedCopies() {
    return List.of(
        committed(),
        RepoFiles.path("deploy/helm/batchline/crds").resolve(committed().getFileName()));
  }

  static Path generated() {
    return Path.of(
        System.getProperty(
            "batchline.generatedCrd", "target/crds/eventpipelines.batchline.io-v1.yml"));
  }

  public static CustomResourceDefinition load(Path path) {
    try (var in = Files.newInputStream(path)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text crds/ must hold, given the generator's output. */
  static String expectedCommittedText() {
    var crd = load(generated());
    var order = declaredColumnNames();
    for (var version : crd.getSpec().getVersions()) {
      List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
      columns.sort(Comparator.comparingInt(c -> order.indexOf(c.getName())));
    }
    return HEADER + Serialization.asYaml(crd);
  }

  static List<String> declaredColumnNames() {
    return Arrays.stream(EventPipeline.class.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name)
        .toList();
  }
}
