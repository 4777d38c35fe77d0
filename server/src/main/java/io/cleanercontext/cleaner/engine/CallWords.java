package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.function.Supplier;

/**
 * The words said in the call so far ({@link ConversationContext#saidWords}: the keyterms and the
 * window's turns, each read once as it came), fetched on first use: most turns never need them. A
 * word is looked up in each text rather than in one merged map, which every change of the window
 * would rebuild: a turn asks about a few dozen words, a window holds hundreds.
 */
final class CallWords {
  private final Supplier<List<TurnWords>> source;
  private final Supplier<List<TurnPhrases>> phraseSource;

  /** The texts as an array, taken once per turn: a turn asks about dozens of words. */
  private TurnWords[] texts;

  private List<TurnPhrases> phrases;

  /** The words of the texts {@code source} gives, keyterms first, then the turns oldest first. */
  CallWords(Supplier<List<TurnWords>> source) {
    this(source, List::of);
  }

  /** As {@link #CallWords(Supplier)}, with the AI's phrases ({@link TurnPhrases}). */
  CallWords(Supplier<List<TurnWords>> source, Supplier<List<TurnPhrases>> phrases) {
    this.source = source;
    this.phraseSource = phrases;
  }

  /** The neighbouring content words of the AI's turns in the window. */
  List<TurnPhrases> phrases() {
    if (phrases == null) {
      phrases = phraseSource.get();
    }
    return phrases;
  }

  private TurnWords[] texts() {
    TurnWords[] all = texts;
    if (all == null) {
      all = source.get().toArray(new TurnWords[0]);
      texts = all;
    }
    return all;
  }

  /** Whether the call said the word (lower case). */
  boolean contains(String lower) {
    for (TurnWords t : texts()) {
      if (t.has(lower)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The call's spelling of the word (lower case): the latest spelling with a capital where no
   * sentence starts (a name keeps its capital: "Reid"), else the word as given; null when the call
   * never said it.
   */
  String spelling(String lower) {
    TurnWords[] all = texts();
    boolean said = false;
    for (int i = all.length - 1; i >= 0; i--) {
      String spelled = all[i].spelling(lower);
      if (spelled != null && !spelled.equals(lower)) {
        return spelled; // a capital mid-sentence differs from the lower case
      }
      said |= spelled != null;
    }
    return said ? lower : null;
  }
}
