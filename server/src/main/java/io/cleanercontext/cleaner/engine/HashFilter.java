package io.cleanercontext.cleaner.engine;

import java.util.Collection;

/**
 * The hashes of a fixed set of strings as one bit each: "absent" is certain, "present" means the
 * set must still be asked. A caller that builds keys from pieces ("linked" + "in") hashes them
 * piece by piece ({@link #extend}) and makes and looks up the key only when the filter lets it
 * through: most keys a turn tries are in no list. Immutable once built.
 */
final class HashFilter {

  private final long[] bits;
  private final int mask;

  /** A filter of about eight bits per key (a power of two), for {@code keys}. */
  HashFilter(Collection<String> keys) {
    int size = Integer.highestOneBit(Math.max(64, keys.size() * 8) - 1) << 1;
    bits = new long[size >>> 6];
    mask = size - 1;
    for (String k : keys) {
      int b = slot(k.hashCode());
      bits[b >>> 6] |= 1L << b;
    }
  }

  /** False when no key has {@link String#hashCode} {@code hash}. */
  boolean mayContain(int hash) {
    int b = slot(hash);
    return (bits[b >>> 6] & (1L << b)) != 0;
  }

  /** The {@link String#hashCode} of a string whose start hashes to {@code hash}, with {@code s}. */
  static int extend(int hash, String s) {
    int h = hash;
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + s.charAt(i);
    }
    return h;
  }

  private int slot(int hash) {
    return (hash * 0x9E3779B9 >>> 7) & mask;
  }
}
