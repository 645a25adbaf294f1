package io.batchline.consumer;

import net.jpountz.lz4.LZ4Factory;
import net.jpountz.util.Native;

/**
 * Loads lz4-java's native library before the Kafka client (record batch decompression) and the
 * ClickHouse client (request compression) pick their LZ4 codec. lz4-java only uses its native codec
 * when that library is already loaded, or when lz4-java itself was loaded by the JVM's system class
 * loader; under the Quarkus runner's class loader neither was true, so both clients ran the pure
 * Java codec, about a fifth of the consumer's CPU in the large-batch benchmark. When the library
 * cannot be loaded (an unsupported platform, or a temporary directory that does not allow it), the
 * Java codec is used and the reason is logged.
 */
final class Lz4Codec {

  /** Which codec the clients will get, and why when it is not the native one. */
  record Choice(String codec, String fallbackReason) {
    boolean isNative() {
      return fallbackReason == null;
    }
  }

  private Lz4Codec() {}

  static Choice load() {
    try {
      Native.load();
    } catch (RuntimeException | LinkageError e) {
      return new Choice(LZ4Factory.fastestInstance().toString(), e.toString());
    }
    return new Choice(LZ4Factory.fastestInstance().toString(), null);
  }
}
