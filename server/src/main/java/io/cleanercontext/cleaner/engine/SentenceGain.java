package io.cleanercontext.cleaner.engine;

import java.util.List;

/**
 * How much likelier a sentence reads with some of its words replaced: log10 P(changed) - log10 P(as
 * heard) under the trigram {@link LanguageModel}, over the trigrams the change touches (the
 * replaced words, the two after them, and the sentence end when it is that close). A word the model
 * lacks costs {@link LanguageModel#UNKNOWN}; the scorer weighs how many such words a change adds.
 */
final class SentenceGain {

  private final LanguageModel lm;

  SentenceGain(LanguageModel lm) {
    this.lm = lm;
  }

  /**
   * @param ids the sentence's word ids (-1 unknown), without sentence markers
   * @param from first replaced position
   * @param length how many words are replaced
   * @param replacement the ids put in their place
   * @param asHeard {@link #asHeard} of the same words
   */
  double gain(int[] ids, int from, int length, int[] replacement, double asHeard) {
    int[] changed = new int[ids.length - length + replacement.length];
    System.arraycopy(ids, 0, changed, 0, from);
    System.arraycopy(replacement, 0, changed, from, replacement.length);
    System.arraycopy(
        ids, from + length, changed, from + replacement.length, ids.length - from - length);
    return score(changed, from, replacement.length + 2) - asHeard;
  }

  /** {@link #gain} for one word replaced by one, without copying the sentence. */
  double gain(int[] ids, int at, int replacement, double asHeard) {
    double s = 0;
    int last = Math.min(at + 3, ids.length + 1);
    for (int j = at; j < last; j++) {
      int w = j == ids.length ? lm.sentenceEnd : word(ids, j, at, replacement);
      int v = j - 1 < 0 ? lm.sentenceStart : word(ids, j - 1, at, replacement);
      int u = j - 2 < 0 ? (j - 1 < 0 ? -1 : lm.sentenceStart) : word(ids, j - 2, at, replacement);
      s += lm.prob(u, v, w);
    }
    return s - asHeard;
  }

  private static int word(int[] ids, int j, int at, int replacement) {
    return j == at ? replacement : ids[j];
  }

  /**
   * The score {@link #gain} compares against: the heard words' trigrams (same for every candidate).
   */
  double asHeard(int[] ids, int from, int length) {
    return score(ids, from, length + 2);
  }

  /**
   * How surprising the heard words are where they stand: minus the mean log10 probability of the
   * words [from, from+length) and the word after them. Plain English reads near 2 ("it rings out"),
   * a misheard name far above ("car and dean in stock").
   */
  double surprise(int[] ids, int from, int length) {
    int count = Math.min(length + 1, ids.length + 1 - from);
    return -score(ids, from, count) / count;
  }

  /** Sum of log10 P(w_j | w_j-2 w_j-1) for j in [from, from+count), the end marker included. */
  private double score(int[] ids, int from, int count) {
    double s = 0;
    int last = Math.min(from + count, ids.length + 1);
    for (int j = from; j < last; j++) {
      int w = j == ids.length ? lm.sentenceEnd : ids[j];
      int v = j - 1 < 0 ? lm.sentenceStart : ids[j - 1];
      int u = j - 2 < 0 ? (j - 1 < 0 ? -1 : lm.sentenceStart) : ids[j - 2];
      s += lm.prob(u, v, w);
    }
    return s;
  }

  /**
   * Where the language model's sentence ends: at any punctuation the recogniser wrote, a comma as
   * much as a stop. The model was trained on unpunctuated text, and a recogniser's comma marks a
   * pause where a phrase ends: "a matter of principle, nobody gives" is scored as "a matter of
   * principle" and then a new start, so the words after the pause neither help nor hurt the word
   * before it ("in Eagle too, my partner" keeps "too": the phrase ends on it).
   */
  static boolean endsPhrase(Tokens.Token t) {
    return !t.trail().isEmpty();
  }

  /** The last token of the phrase token {@code i} is in. */
  static int phraseEnd(List<Tokens.Token> tokens, int i) {
    int j = i;
    while (j < tokens.size() - 1 && !endsPhrase(tokens.get(j))) {
      j++;
    }
    return j;
  }
}
