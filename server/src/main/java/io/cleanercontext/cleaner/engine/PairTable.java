package io.cleanercontext.cleaner.engine;

import java.util.Arrays;

/**
 * Where an entry of a model's sorted follower lists is, found by hashing instead of a binary
 * search: list {@code l} holds the keys {@code keys[starts[l]] .. keys[starts[l + 1] - 1]}, and
 * {@link #find} answers the index of {@code key} in list {@code l} as {@link
 * Arrays#binarySearch(int[], int, int, int)} would (or -1). A binary search through the long lists
 * of common words ("the", "to": tens of thousands of followers) misses the processor's cache at
 * most of its steps; here a look-up reads one slot, and the lists' arrays only for the entry it
 * names.
 *
 * <p>One {@code int} per slot, open addressing with linear probing, at most 60 % full: the entry's
 * index plus one in the low bits, a fingerprint of the (list, key) hash in the bits left over, so
 * that an entry of another pair is told apart without reading the lists. Immutable once built.
 */
final class PairTable {

  private final int[] slots;
  private final int mask;
  private final int indexBits;
  private final int indexMask;

  /**
   * A table over the lists {@code [starts[l], starts[l + 1])} of {@code keys}, {@code starts}
   * having one more entry than there are lists.
   */
  PairTable(int[] starts, int[] keys) {
    int n = keys.length;
    indexBits = 32 - Integer.numberOfLeadingZeros(n + 1);
    indexMask = indexBits >= 32 ? -1 : (1 << indexBits) - 1;
    int size = powerOfTwoAtLeast((int) Math.ceil(n / MAX_LOAD));
    slots = new int[size];
    mask = size - 1;
    for (int l = 0; l + 1 < starts.length; l++) {
      for (int e = starts[l]; e < starts[l + 1]; e++) {
        int h = hash(l, keys[e]);
        int i = h & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = (e + 1) | (h & ~indexMask);
      }
    }
  }

  /** The index of {@code key} in list {@code list}, or -1 when the list lacks it. */
  int find(int[] starts, int[] keys, int list, int key) {
    int h = hash(list, key);
    int print = h & ~indexMask;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int slot = slots[i];
      if (slot == 0) {
        return -1;
      }
      if ((slot & ~indexMask) == print) {
        int e = (slot & indexMask) - 1;
        if (keys[e] == key && e >= starts[list] && e < starts[list + 1]) {
          return e;
        }
      }
    }
  }

  /** The most of its slots a table fills: a look-up for a pair the model lacks ends soon. */
  static final double MAX_LOAD = 0.6;

  private static int powerOfTwoAtLeast(int n) {
    return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }

  /** Slots in the table (a power of two). */
  int size() {
    return slots.length;
  }

  /** A hash of the pair whose low bits pick the slot and whose high bits are the fingerprint. */
  private static int hash(int list, int key) {
    long x = ((long) list << 32) ^ (key & 0xFFFFFFFFL);
    x *= 0x9E3779B97F4A7C15L;
    x ^= x >>> 29;
    x *= 0xBF58476D1CE4E5B9L;
    return (int) (x ^ (x >>> 32));
  }
}
