package io.cleanercontext.cleaner.engine;

import java.util.Arrays;
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
   * One sentence as heard, its word ids (-1 unknown) without sentence markers. Every word of it is
   * weighed against the same neighbours, so what the model says of the heard words (each trigram's
   * probability, each pair's bigram) is looked up once per sentence, not once per candidate.
   */
  final class Sentence {
    private static final int UNSET = -3;

    final int[] ids;

    /** At k + 1: the bigram index of the words at k - 1 and k (k from -1 to the end marker). */
    private final int[] pairs;

    /** At j: log10 P of the heard word at j (the end marker at ids.length); NaN until asked. */
    private final double[] probs;

    private Sentence(int[] ids) {
      this.ids = ids;
      this.pairs = new int[ids.length + 2];
      this.probs = new double[ids.length + 1];
      Arrays.fill(pairs, UNSET);
      Arrays.fill(probs, Double.NaN);
    }

    /** The word at k: the start marker at -1, nothing before it, the end marker at the end. */
    private int word(int k) {
      if (k < -1) {
        return -1;
      }
      return k == -1 ? lm.sentenceStart : k == ids.length ? lm.sentenceEnd : ids[k];
    }

    /** The bigram index of the heard words at k - 1 and k. */
    private int pair(int k) {
      int p = pairs[k + 1];
      if (p == UNSET) {
        p = lm.bigramIndex(word(k - 1), word(k));
        pairs[k + 1] = p;
      }
      return p;
    }

    /** log10 P(w_j | w_j-2 w_j-1) of the heard words. */
    private double prob(int j) {
      double p = probs[j];
      if (Double.isNaN(p)) {
        p = lm.prob(pair(j - 1), word(j - 1), word(j), pair(j));
        probs[j] = p;
      }
      return p;
    }
  }

  /** The sentence of these word ids as heard. */
  Sentence sentence(int[] ids) {
    return new Sentence(ids);
  }

  /**
   * @param s the sentence as heard
   * @param from first replaced position
   * @param length how many words are replaced
   * @param replacement the ids put in their place
   * @param asHeard {@link #asHeard} of the same words
   */
  double gain(Sentence s, int from, int length, int[] replacement, double asHeard) {
    int[] ids = s.ids;
    int[] changed = new int[ids.length - length + replacement.length];
    System.arraycopy(ids, 0, changed, 0, from);
    System.arraycopy(replacement, 0, changed, from, replacement.length);
    System.arraycopy(
        ids, from + length, changed, from + replacement.length, ids.length - from - length);
    return score(changed, from, replacement.length + 2) - asHeard;
  }

  /**
   * {@link #gain} for the word at {@code at} replaced by one, without copying the sentence: the
   * trigrams ending on the word and on the two after it, which share their pairs (the replacement
   * with the word before it, and with the word after it).
   */
  double gain(Sentence s, int at, int replacement, double asHeard) {
    int before = s.word(at - 1);
    int after = s.word(at + 1);
    int beforeIt = lm.bigramIndex(before, replacement);
    int itAfter = lm.bigramIndex(replacement, after);
    double sum = 0;
    sum += lm.prob(s.pair(at - 1), before, replacement, beforeIt);
    sum += lm.prob(beforeIt, replacement, after, itAfter);
    if (at + 2 <= s.ids.length) {
      sum += lm.prob(itAfter, after, s.word(at + 2), s.pair(at + 2));
    }
    return sum - asHeard;
  }

  /**
   * {@link #gain(Sentence, int, int, double)} when it is above {@code least}; otherwise some value
   * no greater than {@code least}: the sum stops as soon as the language model's greatest
   * probability ({@link LanguageModel#most}) for each trigram still to come could not lift it
   * above, so a candidate the sentence is against costs one or two trigrams, not three. The same
   * arithmetic in the same order: a gain above {@code least} is the very same number.
   */
  double gainAbove(Sentence s, int at, int replacement, double asHeard, double least) {
    int before = s.word(at - 1);
    int after = s.word(at + 1);
    boolean third = at + 2 <= s.ids.length;
    int beforeIt = lm.bigramIndex(before, replacement);
    double sum = 0;
    sum += lm.prob(s.pair(at - 1), before, replacement, beforeIt);
    double most = lm.most;
    double bound = third ? sum + most + most : sum + most;
    if (bound - asHeard <= least) {
      return bound - asHeard;
    }
    int itAfter = lm.bigramIndex(replacement, after);
    sum += lm.prob(beforeIt, replacement, after, itAfter);
    if (third) {
      bound = sum + most;
      if (bound - asHeard <= least) {
        return bound - asHeard;
      }
      sum += lm.prob(itAfter, after, s.word(at + 2), s.pair(at + 2));
    }
    return sum - asHeard;
  }

  /**
   * The score {@link #gain} compares against: the heard words' trigrams (same for every candidate).
   */
  double asHeard(Sentence s, int from, int length) {
    return heard(s, from, length + 2);
  }

  /**
   * How surprising the heard words are where they stand: minus the mean log10 probability of the
   * words [from, from+length) and the word after them. Plain English reads near 2 ("it rings out"),
   * a misheard name far above ("car and dean in stock").
   */
  double surprise(Sentence s, int from, int length) {
    int count = Math.min(length + 1, s.ids.length + 1 - from);
    return -heard(s, from, count) / count;
  }

  /** {@link #score} of the sentence as heard, from its probabilities looked up once. */
  private double heard(Sentence s, int from, int count) {
    double sum = 0;
    int last = Math.min(from + count, s.ids.length + 1);
    for (int j = from; j < last; j++) {
      sum += s.prob(j);
    }
    return sum;
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

  /**
   * A phrase of one word after a comma inside a sentence ("he speaks Spanish, too."): the model's
   * sentence is that word alone, so it scores the word as if said on its own ("two" over "too") and
   * no neighbour speaks for a change. Such a word is not weighed for a word correction.
   */
  static boolean aloneInSentence(int phraseStart, int phraseEnd, int sentenceStart) {
    return phraseStart == phraseEnd && phraseStart > sentenceStart;
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
