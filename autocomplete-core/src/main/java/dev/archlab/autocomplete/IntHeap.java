package dev.archlab.autocomplete;

import java.util.Arrays;

/** A binary min-heap of int keys, each carrying three int values; no boxing, grows on demand. */
final class IntHeap {
  private int[] keys = new int[16];
  private int[] first = new int[16];
  private int[] second = new int[16];
  private int[] third = new int[16];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  int topKey() {
    return keys[0];
  }

  int topFirst() {
    return first[0];
  }

  int topSecond() {
    return second[0];
  }

  int topThird() {
    return third[0];
  }

  void push(int key, int a, int b, int c) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      first = Arrays.copyOf(first, size * 2);
      second = Arrays.copyOf(second, size * 2);
      third = Arrays.copyOf(third, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (keys[parent] <= key) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    set(i, key, a, b, c);
  }

  void pop() {
    int last = --size;
    int key = keys[last];
    int a = first[last];
    int b = second[last];
    int c = third[last];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && keys[child + 1] < keys[child]) {
        child++;
      }
      if (keys[child] >= key) {
        break;
      }
      move(child, i);
      i = child;
    }
    set(i, key, a, b, c);
  }

  private void set(int i, int key, int a, int b, int c) {
    keys[i] = key;
    first[i] = a;
    second[i] = b;
    third[i] = c;
  }

  private void move(int from, int to) {
    set(to, keys[from], first[from], second[from], third[from]);
  }
}
