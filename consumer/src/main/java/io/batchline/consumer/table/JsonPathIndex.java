package io.batchline.consumer.table;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON paths a table reads, as a tree of field names: each node knows the value slots that its
 * path fills and the fields below it that anyone needs. Built once; read by many threads.
 */
final class JsonPathIndex {

  private final Map<String, JsonPathIndex> children = new HashMap<>();
  private int[] slots = new int[0];

  /** Registers {@code path} (field names from the root) as the source of {@code slot}. */
  void add(List<String> path, int slot) {
    JsonPathIndex node = this;
    for (String field : path) {
      node = node.children.computeIfAbsent(field, f -> new JsonPathIndex());
    }
    int[] grown = java.util.Arrays.copyOf(node.slots, node.slots.length + 1);
    grown[node.slots.length] = slot;
    node.slots = grown;
  }

  JsonPathIndex child(String field) {
    return children.get(field);
  }

  int[] slots() {
    return slots;
  }

  boolean hasChildren() {
    return !children.isEmpty();
  }
}
