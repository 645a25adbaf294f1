package io.batchline.consumer.clickhouse;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable, unsynchronised byte buffer that a batch is encoded into before it is handed to the
 * client in one write. Writing single bytes straight into the client's compressing stream cost a
 * quarter of the consumer's CPU (JFR, bench/results/2026-11-27-vm.md).
 */
final class RowBinaryBuffer {

  private byte[] bytes = new byte[64 * 1024];
  private int size;

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  void writeByte(int value) {
    if (size == bytes.length) {
      grow(1);
    }
    bytes[size++] = (byte) value;
  }

  void writeBytes(byte[] value) {
    if (size + value.length > bytes.length) {
      grow(value.length);
    }
    System.arraycopy(value, 0, bytes, size, value.length);
    size += value.length;
  }

  void writeLittleEndian(long value, int width) {
    if (size + width > bytes.length) {
      grow(width);
    }
    for (int i = 0; i < width; i++) {
      bytes[size++] = (byte) (value >>> (8 * i));
    }
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, size);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void grow(int more) {
    bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
  }
}
