package io.cleanercontext.cleaner.engine;

import java.util.List;

/**
 * A turn's words as heard, for comparing runs of them with names ({@link TermSounds}, {@link
 * ListedNameRuns}): lower case, each word's id in the language model, and each word's phonemes
 * looked up the first time a run with it is compared (most words never are: a run must first pass
 * the cheap tests). Once per turn, again after a change; one thread's.
 */
final class HeardWords {

  // what is known of a word, as bits
  private static final int ASKED_STOPWORD = 1;
  private static final int STOPWORD = 2;
  private static final int ASKED_EVERYDAY = 4;
  private static final int EVERYDAY = 8;

  private final List<Tokens.Token> tokens;
  private final String[] lower;

  /** Per word: its id in the language model (-1: none), by which its facts are looked up. */
  private final int[] ids;

  private final byte[][] phones;

  /** Per word: its letters and digits in lower case ({@link Tokens#joinedKey}), when asked. */
  private final String[] keys;

  /** Per word, what {@link TermSounds#plausibleRun} asked of it, as bits (0: nothing yet). */
  private final byte[] known;

  private final IdAnswers everyday;
  private final IdAnswers stopwords;
  private final Pronunciations dictionary;

  /**
   * @param ids each word's id in the language model ({@link LanguageModel#id} of its lower case)
   * @param everyday per id: an everyday lower-case word?
   * @param stopwords per id: a function word?
   */
  HeardWords(
      List<Tokens.Token> tokens,
      int[] ids,
      IdAnswers everyday,
      IdAnswers stopwords,
      Pronunciations dictionary) {
    this.tokens = tokens;
    this.lower = new String[tokens.size()];
    for (int i = 0; i < lower.length; i++) {
      lower[i] = tokens.get(i).lower();
    }
    this.ids = ids;
    this.phones = new byte[lower.length][];
    this.keys = new String[lower.length];
    this.known = new byte[lower.length];
    this.everyday = everyday;
    this.stopwords = stopwords;
    this.dictionary = dictionary;
  }

  /** Whether the word at {@code i} is a function word ({@link CommonWords#isStopword}). */
  boolean stopword(int i) {
    return (facts(i) & STOPWORD) != 0;
  }

  /** Whether the word at {@code i} is an everyday lower-case word (asked once per turn). */
  boolean everyday(int i) {
    if ((known[i] & ASKED_EVERYDAY) == 0) {
      boolean isEveryday = everyday.test(ids[i], lower[i]);
      known[i] = (byte) (facts(i) | ASKED_EVERYDAY | (isEveryday ? EVERYDAY : 0));
    }
    return (known[i] & EVERYDAY) != 0;
  }

  private int facts(int i) {
    if (known[i] == 0) {
      known[i] = (byte) (ASKED_STOPWORD | (stopwords.test(ids[i], lower[i]) ? STOPWORD : 0));
    }
    return known[i];
  }

  List<Tokens.Token> tokens() {
    return tokens;
  }

  /** The word at {@code i} in lower case. */
  String lower(int i) {
    return lower[i];
  }

  /** The language model's id of the word at {@code i} (-1: none). */
  int id(int i) {
    return ids[i];
  }

  /**
   * The letters-only key of the words [start, start+length) as one: each word's key, made once a
   * turn, one after another.
   */
  String key(int start, int length) {
    for (int i = start; i < start + length; i++) {
      if (keys[i] == null) {
        keys[i] = tokens.get(i).joined();
      }
    }
    if (length == 1) {
      return keys[start];
    }
    StringBuilder sb = new StringBuilder();
    for (int i = start; i < start + length; i++) {
      sb.append(keys[i]);
    }
    return sb.toString();
  }

  /** The phonemes of the words [start, start+length), one after another. */
  byte[] run(int start, int length) {
    pronounce(start, length);
    return TermSounds.concat(phones, start, length);
  }

  /** How many phonemes {@link #run} of the same words has, without making it. */
  int runLength(int start, int length) {
    pronounce(start, length);
    int n = 0;
    for (int i = start; i < start + length; i++) {
      n += phones[i].length;
    }
    return n;
  }

  /**
   * The phoneme at {@code index} (less than {@link #runLength}) of {@link #run} of the words from
   * {@code start}, without making the run.
   */
  byte runPhone(int start, int index) {
    int at = index;
    int i = start;
    while (at >= phones[i].length) {
      at -= phones[i].length;
      i++;
    }
    return phones[i][at];
  }

  private void pronounce(int start, int length) {
    for (int i = start; i < start + length; i++) {
      if (phones[i] == null) {
        List<byte[]> known = dictionary.of(ids[i], lower[i]);
        phones[i] = known.isEmpty() ? LetterToSound.pronounce(lower[i]) : known.get(0);
      }
    }
  }
}
