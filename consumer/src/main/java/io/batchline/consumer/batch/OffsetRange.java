package io.batchline.consumer.batch;

/** The offsets {@code first..last}, both included, of one partition. */
public record OffsetRange(long first, long last) {

  public OffsetRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("not an offset range: " + first + "-" + last);
    }
  }

  public boolean contains(long offset) {
    return offset >= first && offset <= last;
  }

  @Override
  public String toString() {
    return first + "-" + last;
  }
}
