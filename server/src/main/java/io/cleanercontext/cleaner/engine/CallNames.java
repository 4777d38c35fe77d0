package io.cleanercontext.cleaner.engine;

import java.util.List;

/**
 * The call's names with their phonemes ({@link TermSounds.Said}), in order, and which of them a
 * heard run may sound like at a first glance, as bit masks over the list: per phoneme, the names
 * whose first (second) phoneme is heard alike ({@link Phones#similar}); per length of a run, the
 * names whose length it may have. {@link TermSounds#matches} tests every run of a turn against
 * every name; with the masks, the few names that pass all three tests are visited in their order,
 * and the rest are never touched. Made once per window index ({@link TermIndex#callNames}) and
 * immutable.
 */
final class CallNames {

  static final CallNames NONE = new CallNames(List.of());

  /** Per phoneme q: the phonemes p heard as q ({@link Phones#similar}(p, q)), made once. */
  private static final byte[][] HEARD_AS = heardAs();

  private final List<TermSounds.Said> names;

  /** Longs per mask. */
  private final int words;

  /** Per phoneme p, {@code words} longs: the names whose first phoneme p is heard as. */
  private final long[] first;

  private final long[] second;

  /** Per run length r from 0 to {@link #longest}, {@code words} longs: the names r may match. */
  private final long[] lengths;

  private final int longest;

  CallNames(List<TermSounds.Said> names) {
    this.names = List.copyOf(names);
    int n = this.names.size();
    words = (n + 63) >>> 6;
    int phones = Phones.ALL.size();
    first = new long[phones * words];
    second = new long[phones * words];
    int most = 0;
    for (TermSounds.Said s : this.names) {
      most = Math.max(most, s.phones().length);
    }
    longest = (int) Math.ceil(most * 1.5) + 1; // any longer run is longer than 1.5 times a name
    lengths = new long[(longest + 1) * words];
    for (int t = 0; t < n; t++) {
      byte[] said = this.names.get(t).phones();
      long bit = 1L << t;
      int w = t >>> 6;
      for (byte p : HEARD_AS[said[0]]) {
        first[p * words + w] |= bit;
      }
      for (byte p : HEARD_AS[said[1]]) {
        second[p * words + w] |= bit;
      }
      // a run shorter than 0.6 times the name, or longer than 1.5 times, never fits: only the
      // lengths between are tried
      int from = Math.max(0, (int) Math.floor(said.length * 0.6) - 1);
      int to = Math.min(longest, (int) Math.ceil(said.length * 1.5) + 1);
      for (int r = from; r <= to; r++) {
        if (lengthFits(r, said.length)) {
          lengths[r * words + w] |= bit;
        }
      }
    }
  }

  private static byte[][] heardAs() {
    int phones = Phones.ALL.size();
    byte[][] out = new byte[phones][];
    for (int q = 0; q < phones; q++) {
      byte[] ps = new byte[phones];
      int n = 0;
      for (int p = 0; p < phones; p++) {
        if (Phones.similar((byte) p, (byte) q)) {
          ps[n++] = (byte) p;
        }
      }
      out[q] = java.util.Arrays.copyOf(ps, n);
    }
    return out;
  }

  /** {@link TermSounds#matches}' test of a run's length against a name's, as it was written. */
  static boolean lengthFits(int run, int said) {
    return !(run < said * 0.6
        || run > said * 1.5
        || Math.abs(run - said) * 0.6 > TermSounds.MAX_COST_PER_PHONE * said);
  }

  boolean isEmpty() {
    return names.isEmpty();
  }

  /** Longs per mask: {@link #candidates} is asked for each. */
  int words() {
    return words;
  }

  /** The name at {@code index} of the list. */
  TermSounds.Said get(int index) {
    return names.get(index);
  }

  List<TermSounds.Said> all() {
    return names;
  }

  /**
   * Long {@code word} of the mask of names (bit t of long w: name 64 w + t) that a run of {@code
   * length} phonemes starting with {@code p0} and {@code p1} may sound like: its length fits the
   * name's, and its first phoneme is heard as the name's first or its second as the name's second.
   */
  long candidates(int word, int length, byte p0, byte p1) {
    if (length > longest) {
      return 0;
    }
    return lengths[length * words + word] & (first[p0 * words + word] | second[p1 * words + word]);
  }
}
