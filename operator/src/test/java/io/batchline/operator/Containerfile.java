package io.batchline.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The instructions of a Containerfile, with continuation lines joined and comments dropped: enough
 * to check an image's base, user, ports and copied files without building it.
 *
 * @param moduleRoot the build context the file is written for
 */
record Containerfile(Path moduleRoot, List<String> instructions) {

  static final Path CONSUMER = Path.of("consumer/src/main/docker/Containerfile");
  static final Path OPERATOR = Path.of("operator/src/main/docker/Containerfile");

  static Containerfile of(Path relative) {
    var file = RepoFiles.path(relative.toString());
    try {
      var joined = Files.readString(file).replace("\\\n", " ");
      var instructions =
          joined
              .lines()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .toList();
      return new Containerfile(RepoFiles.path(relative.getName(0).toString()), instructions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The arguments of every instruction with this keyword, e.g. "USER". */
  List<String> all(String keyword) {
    return instructions.stream()
        .filter(i -> i.startsWith(keyword + " "))
        .map(i -> i.substring(keyword.length() + 1).strip())
        .toList();
  }

  /**
   * The image of the single FROM, with a {@code ${NAME}} replaced by the default of its ARG: what a
   * build without {@code --build-arg} starts from.
   */
  String baseImage() {
    var from = all("FROM");
    if (from.size() != 1) {
      throw new IllegalStateException("expected one FROM, got " + from);
    }
    var image = from.get(0).split("\\s+")[0];
    for (var arg : all("ARG")) {
      var nameAndDefault = arg.split("=", 2);
      if (nameAndDefault.length == 2) {
        image = image.replace("${" + nameAndDefault[0] + "}", nameAndDefault[1]);
      }
    }
    return image;
  }

  /** The sources of every COPY, without its --flags, relative to the build context. */
  List<String> copySources() {
    var sources = new ArrayList<String>();
    for (var copy : all("COPY")) {
      var words = Arrays.stream(copy.split("\\s+")).filter(w -> !w.startsWith("--")).toList();
      sources.addAll(words.subList(0, words.size() - 1));
    }
    return sources;
  }

  /** Whether a COPY source, a glob like target/quarkus-app/*.jar included, matches a file. */
  boolean exists(String source) {
    if (!source.contains("*")) {
      return Files.exists(moduleRoot.resolve(source));
    }
    var matcher = FileSystems.getDefault().getPathMatcher("glob:" + source);
    var parent = moduleRoot.resolve(source.substring(0, source.lastIndexOf('/')));
    try (Stream<Path> files = Files.isDirectory(parent) ? Files.list(parent) : Stream.empty()) {
      return files.anyMatch(f -> matcher.matches(moduleRoot.relativize(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
