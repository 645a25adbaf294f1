package io.batchline.consumer.table;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON paths a table reads, as a tree of field names: each node knows the value slots that its
 * path fills and the fields below it that anyone needs. Children are found by the raw bytes of a
 * field name, so reading an event builds no strings. Built once; read by many threads.
 */
final class JsonPathIndex {

  private byte[][] names = new byte[0][];
  private JsonPathIndex[] nodes = new JsonPathIndex[0];

  /** Open addressing over {@link #names}: index + 1, or 0 for an empty bucket. */
  private int[] table = new int[1];

  private int[] slots = new int[0];

  /** Registers {@code path} (field names from the root) as the source of {@code slot}. */
  void add(List<String> path, int slot) {
    JsonPathIndex node = this;
    for (String field : path) {
      byte[] name = field.getBytes(StandardCharsets.UTF_8);
      JsonPathIndex next = node.child(name, 0, name.length);
      node = next != null ? next : node.addChild(name);
    }
    int[] grown = Arrays.copyOf(node.slots, node.slots.length + 1);
    grown[node.slots.length] = slot;
    node.slots = grown;
  }

  /** The node for the field whose UTF-8 name is {@code bytes[from, to)}, or null. */
  JsonPathIndex child(byte[] bytes, int from, int to) {
    int mask = table.length - 1;
    for (int bucket = hash(bytes, from, to) & mask; ; bucket = (bucket + 1) & mask) {
      int entry = table[bucket];
      if (entry == 0) {
        return null;
      }
      byte[] name = names[entry - 1];
      if (Arrays.equals(name, 0, name.length, bytes, from, to)) {
        return nodes[entry - 1];
      }
    }
  }

  int[] slots() {
    return slots;
  }

  boolean hasChildren() {
    return names.length > 0;
  }

  private JsonPathIndex addChild(byte[] name) {
    JsonPathIndex child = new JsonPathIndex();
    names = Arrays.copyOf(names, names.length + 1);
    nodes = Arrays.copyOf(nodes, nodes.length + 1);
    names[names.length - 1] = name;
    nodes[nodes.length - 1] = child;
    int size = Integer.highestOneBit(names.length * 4);
    table = new int[size];
    for (int i = 0; i < names.length; i++) {
      int bucket = hash(names[i], 0, names[i].length) & (size - 1);
      while (table[bucket] != 0) {
        bucket = (bucket + 1) & (size - 1);
      }
      table[bucket] = i + 1;
    }
    return child;
  }

  /**
   * From the length and the first and last bytes only: cheap, and names that share them probe on.
   */
  private static int hash(byte[] bytes, int from, int to) {
    int length = to - from;
    if (length == 0) {
      return 0;
    }
    return length * 961 + bytes[from] * 31 + bytes[to - 1];
  }
}
