package io.cleanercontext.cleaner.engine;

/**
 * The language model's words by spelling: each word's id (its place in the model's list), the first
 * place where a word is listed twice. Open addressing over one {@code long} per slot, at most half
 * full: the word's hash in the high half and its id plus one in the low, so that a look-up reads
 * one slot and touches a word's characters only when the hashes agree. A {@code HashMap<String,
 * Integer>} read a bucket, a node, the key and a boxed id: four places in memory for every word of
 * every turn. Immutable once built.
 */
final class WordIds {

  private final long[] slots;
  private final int mask;
  private final String[] words;

  /** The ids of {@code words}, each word's id its index (the first, for a word listed twice). */
  WordIds(String[] words, int count) {
    this.words = new String[count];
    int size = Integer.highestOneBit(Math.max(4, count * 2) - 1) << 1;
    slots = new long[size];
    mask = size - 1;
    for (int id = 0; id < count; id++) {
      String w = words[id];
      this.words[id] = w;
      int h = w.hashCode();
      int i = spread(h) & mask;
      boolean listed = false;
      while (slots[i] != 0) {
        if ((int) (slots[i] >>> 32) == h && this.words[(int) slots[i] - 1].equals(w)) {
          listed = true;
          break;
        }
        i = (i + 1) & mask;
      }
      if (!listed) {
        slots[i] = ((long) h << 32) | (id + 1L);
      }
    }
  }

  /** The word's id, or -1 when the model does not list it. */
  int id(String word) {
    int h = word.hashCode();
    for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == 0) {
        return -1;
      }
      if ((int) (slot >>> 32) == h) {
        int id = (int) slot - 1;
        if (words[id].equals(word)) {
          return id;
        }
      }
    }
  }

  private static int spread(int h) {
    return (h ^ (h >>> 16)) * 0x9E3779B9 >>> 8;
  }
}
