package io.cleanercontext.cleaner.engine;

/**
 * A value for each entry of a model's sorted follower lists, found by hashing instead of a binary
 * search: list {@code l} holds the keys {@code keys[starts[l]] .. keys[starts[l + 1] - 1]}, and
 * {@link #find} answers the value of the entry of {@code key} in list {@code l} (its index, or what
 * the model keeps for it), or -1 when the list lacks the key. A binary search through the long
 * lists of common words ("the", "to": tens of thousands of followers) misses the processor's cache
 * at most of its steps.
 *
 * <p>One {@code long} per slot, open addressing with linear probing, at most 60 % full: the list,
 * the key and the value plus one packed side by side, so that a look-up reads one slot (and its
 * neighbours in the same cache line) and nothing else: no fingerprint to check against the lists'
 * arrays, which missed the cache once or twice more per look-up, and no value array to read after.
 * The lists' arrays are not kept. Immutable once built.
 */
final class PairTable {

  private final long[] slots;
  private final int mask;

  /**
   * The pairs as three bits each in one {@code long} of a filter of about eight bits a pair (a
   * sixteenth of the table's size): two look-ups in three are for pairs the model lacks, and the
   * filter, small enough to stay in the processor's last cache, answers nearly all of those without
   * a read of the table, which misses the caches every time.
   */
  private final long[] filter;

  private final int filterMask;
  private final int lists;
  private final int keyBits;
  private final int valueBits;

  /**
   * A table over the lists {@code [starts[l], starts[l + 1])} of {@code keys} (non-negative),
   * {@code starts} having one more entry than there are lists; the value of entry {@code e} is
   * {@code values[e]} (non-negative), or {@code e} itself when {@code values} is null.
   *
   * @throws IllegalArgumentException when a list, key and value do not fit in 64 bits together
   */
  PairTable(int[] starts, int[] keys, int[] values) {
    int n = keys.length;
    lists = Math.max(0, starts.length - 1);
    int maxKey = 0;
    int maxValue = values == null ? n : 0;
    for (int e = 0; e < n; e++) {
      maxKey = Math.max(maxKey, keys[e]);
      maxValue = values == null ? maxValue : Math.max(maxValue, values[e]);
    }
    keyBits = bits(maxKey);
    valueBits = bits(maxValue + 1);
    if (bits(Math.max(0, lists - 1)) + keyBits + valueBits > 64) {
      throw new IllegalArgumentException(
          "a list, key and value take more than 64 bits: "
              + bits(Math.max(0, lists - 1))
              + " + "
              + keyBits
              + " + "
              + valueBits);
    }
    int size = powerOfTwoAtLeast((int) Math.ceil(n / MAX_LOAD));
    slots = new long[size];
    mask = size - 1;
    filter = new long[Math.max(1, size >>> 4)];
    filterMask = filter.length - 1;
    for (int l = 0; l + 1 < starts.length; l++) {
      for (int e = starts[l]; e < starts[l + 1]; e++) {
        long h = hash(l, keys[e]);
        filter[(int) (h >>> 32) & filterMask] |= filterBits(h);
        int i = (int) h & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        long value = (values == null ? e : values[e]) + 1L;
        slots[i] = (pack(l, keys[e]) << valueBits) | value;
      }
    }
  }

  /** The value of {@code key}'s entry in list {@code list}, or -1 when the list lacks it. */
  int find(int list, int key) {
    if (list < 0 || list >= lists || key < 0 || key >>> keyBits != 0) {
      return -1; // in no list: and its bits would spill into another pair's
    }
    long h = hash(list, key);
    long bits = filterBits(h);
    if ((filter[(int) (h >>> 32) & filterMask] & bits) != bits) {
      return -1;
    }
    long packed = pack(list, key);
    for (int i = (int) h & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == 0) {
        return -1;
      }
      if (slot >>> valueBits == packed) {
        return (int) (slot & ((1L << valueBits) - 1)) - 1;
      }
    }
  }

  /** The most of its slots a table fills: a look-up for a pair the model lacks ends soon. */
  static final double MAX_LOAD = 0.6;

  private long pack(int list, int key) {
    return ((long) list << keyBits) | (key & 0xFFFFFFFFL);
  }

  /** The bits that hold every number from 0 to {@code max}. */
  private static int bits(int max) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(max));
  }

  private static int powerOfTwoAtLeast(int n) {
    return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }

  /** Slots in the table (a power of two). */
  int size() {
    return slots.length;
  }

  /**
   * A hash of the pair: its low bits pick the slot, its high bits the filter's long, and bits of
   * the middle the filter's three bits in it.
   */
  private static long hash(int list, int key) {
    long x = ((long) list << 32) ^ (key & 0xFFFFFFFFL);
    x *= 0x9E3779B97F4A7C15L;
    x ^= x >>> 29;
    x *= 0xBF58476D1CE4E5B9L;
    return x ^ (x >>> 31);
  }

  /** The filter's three bits of a pair of this hash, in one long. */
  private static long filterBits(long h) {
    return (1L << (h >>> 20)) | (1L << (h >>> 26)) | (1L << (h >>> 58));
  }
}
