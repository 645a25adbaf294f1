package io.batchline.consumer.table;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable, unsynchronised byte buffer that rows are encoded into before a batch is handed to the
 * client in one write. Writing single bytes straight into the client's compressing stream cost a
 * quarter of the consumer's CPU (JFR, bench/results/2026-11-27-vm.md).
 */
public final class RowBinaryBuffer {

  private byte[] bytes;
  private int size;

  public RowBinaryBuffer() {
    this(64 * 1024);
  }

  public RowBinaryBuffer(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  public void clear() {
    size = 0;
  }

  public int size() {
    return size;
  }

  /** Drops everything written after the first {@code newSize} bytes, e.g. a half-written row. */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
    }
    size = newSize;
  }

  public void writeByte(int value) {
    if (size == bytes.length) {
      grow(1);
    }
    bytes[size++] = (byte) value;
  }

  public void writeBytes(byte[] value) {
    writeBytes(value, 0, value.length);
  }

  public void writeBytes(byte[] value, int offset, int length) {
    if (size + length > bytes.length) {
      grow(length);
    }
    System.arraycopy(value, offset, bytes, size, length);
    size += length;
  }

  /** The low {@code width} bytes of {@code value}, least significant first. */
  public void writeLittleEndian(long value, int width) {
    if (size + width > bytes.length) {
      grow(width);
    }
    for (int i = 0; i < width; i++) {
      bytes[size++] = (byte) (value >>> (8 * i));
    }
  }

  /** An unsigned LEB128 number, as RowBinary writes string lengths and array sizes. */
  public void writeVarUInt(long value) {
    while ((value & ~0x7FL) != 0) {
      writeByte((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    writeByte((int) value);
  }

  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, size);
  }

  /** Writes bytes {@code [from, to)}. */
  public void writeTo(OutputStream out, int from, int to) throws IOException {
    out.write(bytes, from, to - from);
  }

  /** Appends bytes {@code [from, to)} of another buffer. */
  public void append(RowBinaryBuffer other, int from, int to) {
    writeBytes(other.bytes, from, to - from);
  }

  /** The backing array; valid up to {@link #size()} until the next write. */
  public byte[] array() {
    return bytes;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void grow(int more) {
    bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
  }
}
