package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * One text's words for {@link CallWords} (a turn of the window, or the keyterms), read once: each
 * word in lower case, with its last spelling with a capital where no sentence starts (a name:
 * "Reid"), or none ("Sale." at a start is "sale"). An open-addressing table of strings at most half
 * full, and a filter of four bits per slot: most words asked about were never said, and the filter
 * answers nearly all of them without touching the table.
 */
final class TurnWords {

  /** Per slot (a power of two, at most half full): the word in lower case, or null. */
  private final String[] keys;

  /**
   * Per slot: the word's last spelling with a capital mid-sentence, or null; null as a whole when
   * the text names nothing (most user turns).
   */
  private String[] named;

  /** Two bits set per word, in a sixteenth as many longs as slots (at least one). */
  private long[] filter;

  private TurnWords(int slots) {
    keys = new String[slots];
  }

  static TurnWords of(String text) {
    return of(List.of(text));
  }

  /** The words of several texts read in order, as one: a later text's capital wins. */
  static TurnWords of(List<String> texts) {
    List<List<Tokens.Token>> split = new ArrayList<>(texts.size());
    for (String text : texts) {
      split.add(Tokens.split(text));
    }
    return ofTokens(split);
  }

  /** The words of texts already split ({@link Tokens#split}), read in order as one. */
  static TurnWords ofTokens(List<List<Tokens.Token>> split) {
    int size = 0;
    for (List<Tokens.Token> tokens : split) {
      size += tokens.size();
    }
    TurnWords words = new TurnWords(slotsFor(size));
    int distinct = 0;
    for (List<Tokens.Token> tokens : split) {
      for (int i = 0; i < tokens.size(); i++) {
        String core = tokens.get(i).core();
        String lower = tokens.get(i).lower(); // shared with the turn's other readers
        boolean starts = i == 0 || tokens.get(i - 1).endsSentence();
        int slot = words.slot(lower);
        if (slot < 0) {
          slot = -slot - 1;
          words.keys[slot] = lower;
          distinct++;
        }
        if (!starts && !core.equals(lower)) {
          if (words.named == null) {
            words.named = new String[words.keys.length];
          }
          words.named[slot] = core;
        }
      }
    }
    // sized for the tokens, kept for the distinct words: a turn stays in the window for a while
    int slots = slotsFor(distinct);
    TurnWords out = slots < words.keys.length ? words.copy(slots) : words;
    out.filter = new long[Math.max(1, out.keys.length / 16)];
    for (String k : out.keys) {
      if (k != null) {
        int h = k.hashCode();
        out.filter[bit(h, out.filter.length) >>> 6] |= 1L << bit(h, out.filter.length);
        int h2 = second(h);
        out.filter[bit(h2, out.filter.length) >>> 6] |= 1L << bit(h2, out.filter.length);
      }
    }
    return out;
  }

  /** Whether the text has the word (lower case). */
  boolean has(String lower) {
    return slot(lower) >= 0;
  }

  /**
   * The word's last spelling with a capital mid-sentence; the word as stored when the text has it
   * only without one; null when the text lacks it.
   */
  String spelling(String lower) {
    int slot = slot(lower);
    if (slot < 0) {
      return null;
    }
    return named != null && named[slot] != null ? named[slot] : keys[slot];
  }

  /** The word's slot, or minus one minus the free slot where it would go (or -1 if filtered). */
  private int slot(String lower) {
    int h = lower.hashCode();
    if (filter != null && !mayHave(h)) {
      return -1;
    }
    int mask = keys.length - 1;
    for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
      String k = keys[i];
      if (k == null) {
        return -i - 1;
      }
      if (k.equals(lower)) {
        return i;
      }
    }
  }

  private boolean mayHave(int h) {
    int b1 = bit(h, filter.length);
    int b2 = bit(second(h), filter.length);
    return (filter[b1 >>> 6] & (1L << b1)) != 0 && (filter[b2 >>> 6] & (1L << b2)) != 0;
  }

  /** A bit of a filter of {@code longs} longs (a power of two) for hash {@code h}. */
  private static int bit(int h, int longs) {
    return h & (longs * 64 - 1);
  }

  /** A second hash, from the high bits. */
  private static int second(int h) {
    return Integer.rotateLeft(h * 0x9E3779B9, 16);
  }

  private TurnWords copy(int slots) {
    TurnWords out = new TurnWords(slots);
    out.named = named == null ? null : new String[slots];
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null) {
        int slot = -out.slot(keys[i]) - 1;
        out.keys[slot] = keys[i];
        if (named != null) {
          out.named[slot] = named[i];
        }
      }
    }
    return out;
  }

  /** A power of two at least twice the words: a probe ends at a free slot soon. */
  private static int slotsFor(int words) {
    return Integer.highestOneBit(Math.max(1, words) * 2 - 1) << 1;
  }
}
