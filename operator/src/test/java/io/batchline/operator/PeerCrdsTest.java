package io.batchline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The upstream CRDs the ITs check against are the released files, byte for byte. */
class PeerCrdsTest {

  private static final Path DIR = Path.of("src/test/resources/peer-crds");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "keda.sh_scaledobjects.yaml",
        "monitoring.coreos.com_podmonitors.yaml",
        "monitoring.coreos.com_prometheusrules.yaml"
      })
  void eachFileHasTheDigestItsProvenanceNames(String file)
      throws IOException, NoSuchAlgorithmException {
    var digest =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(DIR.resolve(file))));
    var readme = Files.readString(DIR.resolve("README.md"));
    var row =
        Pattern.compile("\\| `" + Pattern.quote(file) + "` \\|.*\\| `([0-9a-f]{64})` \\|")
            .matcher(readme);

    assertThat(row.find()).as("README.md has a row for %s", file).isTrue();
    assertThat(digest).isEqualTo(row.group(1));
  }
}
