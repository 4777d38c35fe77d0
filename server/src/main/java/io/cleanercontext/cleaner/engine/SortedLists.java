package io.cleanercontext.cleaner.engine;

import java.util.Arrays;

/**
 * Many sorted lists of ints in one array, list {@code i} at [start[i], start[i+1]), searched for a
 * key: the language model's words that follow each word. The longest lists ("the", "to", "a" are
 * followed by tens of thousands of words) are sampled every {@value #BLOCK}th entry, so a search
 * first finds the block among these few entries, which stay cached for frequent words, and then
 * reads one block of the list instead of jumping through all of it in memory.
 */
final class SortedLists {

  /** Lists at least this long are sampled. */
  static final int SAMPLED = 256;

  /** Entries per block: 64 bytes, one or two cache lines. */
  static final int BLOCK = 16;

  private final int[] start;
  private final int[] entries;

  /** List i's samples, at [sampleStart[i], sampleStart[i+1]). */
  private final int[] samples;

  private final int[] sampleStart;

  /** The lists; each must be sorted (one that is not strictly increasing is never sampled). */
  SortedLists(int[] start, int[] entries) {
    this.start = start;
    this.entries = entries;
    this.sampleStart = new int[start.length];
    int n = 0;
    int[] out = new int[Math.max(16, entries.length / BLOCK)];
    for (int list = 0; list + 1 < start.length; list++) {
      sampleStart[list] = n;
      int from = start[list];
      int to = start[list + 1];
      if (to - from < SAMPLED || !increasing(from, to)) {
        continue; // a short list is searched directly
      }
      for (int i = from; i < to; i += BLOCK) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = entries[i];
      }
    }
    sampleStart[start.length - 1] = n;
    this.samples = Arrays.copyOf(out, n);
  }

  /** The index of {@code key} in {@code list} (in the entries array), or -1. */
  int find(int list, int key) {
    int from = start[list];
    int to = start[list + 1];
    int first = sampleStart[list];
    int last = sampleStart[list + 1];
    if (last > first) {
      int k = Arrays.binarySearch(samples, first, last, key);
      if (k >= 0) {
        return from + (k - first) * BLOCK;
      }
      int block = -k - 2 - first; // the last block that starts below the key
      if (block < 0) {
        return -1;
      }
      from += block * BLOCK;
      to = Math.min(to, from + BLOCK);
    }
    int i = Arrays.binarySearch(entries, from, to, key);
    return i >= 0 ? i : -1;
  }

  private boolean increasing(int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (entries[i] <= entries[i - 1]) {
        return false;
      }
    }
    return true;
  }
}
