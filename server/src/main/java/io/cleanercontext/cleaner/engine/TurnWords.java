package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.Locale;

/**
 * One text's words for {@link CallWords} (a turn of the window, a keyterm), read once: each word in
 * lower case, with its last spelling with a capital where no sentence starts (a name: "Reid"), or
 * none ("Sale." at a start is "sale"). An open-addressing table of strings, about eight bytes a
 * word on top of the words themselves (twelve with a name in it).
 */
final class TurnWords {

  /** Per slot (a power of two, at most half full): the word in lower case, or null. */
  private final String[] keys;

  /**
   * Per slot: the word's last spelling with a capital mid-sentence, or null; null as a whole when
   * the text names nothing (most user turns).
   */
  private String[] named;

  private TurnWords(int slots) {
    keys = new String[slots];
  }

  static TurnWords of(String text) {
    List<Tokens.Token> tokens = Tokens.split(text);
    TurnWords words = new TurnWords(slotsFor(tokens.size()));
    int distinct = 0;
    for (int i = 0; i < tokens.size(); i++) {
      String core = tokens.get(i).core();
      String lower = core.toLowerCase(Locale.ROOT);
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
    // sized for the tokens, kept for the distinct words: a turn stays in the window for a while
    int slots = slotsFor(distinct);
    return slots < words.keys.length ? words.copy(slots) : words;
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

  /** The word's slot, or minus one minus the free slot where it would go. */
  private int slot(String lower) {
    int h = lower.hashCode();
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
