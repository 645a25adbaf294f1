package io.batchline.consumer.health;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Why the consumer exits, written where Kubernetes reads a container's termination message. The
 * kubelet mounts that file into every container; with it empty, the message is the tail of the log,
 * where a long stack trace from the shutdown can push the reason out. Outside Kubernetes the file
 * does not exist and nothing is written.
 */
public final class TerminationMessage {

  /** The kubelet's default terminationMessagePath, which the consumer pods keep. */
  public static final Path DEFAULT_PATH = Path.of("/dev/termination-log");

  /** Kubernetes keeps at most 4096 bytes of a container's termination message. */
  static final int MAX_BYTES = 4096;

  private final Path path;

  public TerminationMessage(Path path) {
    this.path = path;
  }

  /**
   * @return whether the message was written: false outside Kubernetes or when the file cannot be
   *     written, which must not hide the reason the consumer exits for
   */
  public boolean write(String message) {
    if (!Files.isRegularFile(path)) {
      return false;
    }
    try {
      Files.write(
          path, truncated(message), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  static byte[] truncated(String message) {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_BYTES) {
      return bytes;
    }
    String cut = new String(bytes, 0, MAX_BYTES - 3, StandardCharsets.UTF_8);
    // A code point cut in two decodes to U+FFFD; drop it.
    cut = cut.endsWith("\uFFFD") ? cut.substring(0, cut.length() - 1) : cut;
    return (cut + "…").getBytes(StandardCharsets.UTF_8);
  }
}
