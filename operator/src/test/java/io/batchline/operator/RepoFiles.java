package io.batchline.operator;

import java.nio.file.Path;

/** Files of the checkout outside this module: deploy/, crds/, the Containerfiles. */
public final class RepoFiles {

  private RepoFiles() {}

  public static Path path(String relative) {
    return Path.of(System.getProperty("batchline.repoRoot", "..")).resolve(relative).normalize();
  }
}
