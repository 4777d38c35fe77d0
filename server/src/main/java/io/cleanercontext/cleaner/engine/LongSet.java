package io.cleanercontext.cleaner.engine;

/**
 * A set of {@code long}s for one call's bookkeeping (which term was already tried at which
 * position): open addressing with linear probing, doubling when half full, no boxing. A {@code
 * HashSet<Long>} made a {@code Long} and a map node for every pair a turn tries. Not thread-safe.
 */
final class LongSet {

  private long[] keys;
  private boolean[] used;
  private int size;

  /** A set sized for about {@code expected} elements before it grows. */
  LongSet(int expected) {
    int slots = Integer.highestOneBit(Math.max(8, expected * 2) - 1) << 1;
    keys = new long[slots];
    used = new boolean[slots];
  }

  /** Adds {@code key}; true when it was not in the set yet (as {@link java.util.Set#add}). */
  boolean add(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (!used[i]) {
        keys[i] = key;
        used[i] = true;
        if (++size * 2 > keys.length) {
          grow();
        }
        return true;
      }
      if (keys[i] == key) {
        return false;
      }
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    boolean[] oldUsed = used;
    keys = new long[oldKeys.length * 2];
    used = new boolean[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldUsed[j]) {
        int i = slot(oldKeys[j], mask);
        while (used[i]) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        used[i] = true;
      }
    }
  }

  private static int slot(long key, int mask) {
    long x = key * 0x9E3779B97F4A7C15L;
    return (int) (x ^ (x >>> 32)) & mask;
  }
}
