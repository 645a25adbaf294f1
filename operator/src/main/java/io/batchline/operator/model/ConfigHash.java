package io.batchline.operator.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A short digest of the consumer configuration, put on the pod template so that any change of
 * setting rolls the pods (as Strimzi's {@code strimzi.io/configuration-hash}). It depends only on
 * the entries, never on map order, and each key and value is length-prefixed so that no two
 * different maps can be written the same way.
 */
public final class ConfigHash {

  public static final String ANNOTATION = "batchline.io/config-hash";

  private ConfigHash() {}

  public static String of(Map<String, String> config) {
    var digest = sha256();
    new TreeMap<>(config)
        .forEach(
            (key, value) -> {
              update(digest, key);
              update(digest, value);
            });
    return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
  }

  private static void update(MessageDigest digest, String text) {
    var bytes = text.getBytes(StandardCharsets.UTF_8);
    digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
    digest.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
