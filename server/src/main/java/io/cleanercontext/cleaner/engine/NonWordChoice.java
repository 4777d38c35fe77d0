package io.cleanercontext.cleaner.engine;

/**
 * Which everyday word a non-word the recogniser spelled stands for ("pade up front": paid, "not
 * worth the petral": petrol), or none. The candidates are {@link WordCandidates#ofNonWord}'s: at
 * most two letters from the non-word and sounding like it or one phoneme off.
 *
 * <p>A rule, not the fitted scorer: the gold files hold no misspelt word to fit on, and a non-word
 * is no everyday word to protect, so the evidence asked is the language model's alone, and it must
 * be strong both ways. The best candidate must make the sentence {@value #STRONG} (log10: a hundred
 * times) likelier than the non-word does, and a hundred times likelier than any other candidate.
 * What it leaves: a garble two words fit about as well ("the uplift and the drelling": drilling,
 * drooling), one no word fits ("the frenning tags": frowning), a word the call said (its names and
 * the trade's words, {@link EvidenceStage}), and a name written with a capital.
 */
final class NonWordChoice {

  /**
   * How much likelier (log10) the sentence must read with the word than without, and than with any
   * other.
   */
  static final double STRONG = 2.0;

  private NonWordChoice() {}

  /**
   * @param gains each candidate's LM gain over the non-word (0 for one that may not be proposed)
   * @return the index of the word the non-word stands for, or -1
   */
  static int choose(double[] gains) {
    int best = -1;
    double second = 0;
    for (int k = 0; k < gains.length; k++) {
      if (best < 0 || gains[k] > gains[best]) {
        second = best < 0 ? second : Math.max(second, gains[best]);
        best = k;
      } else {
        second = Math.max(second, gains[k]);
      }
    }
    return best >= 0 && gains[best] >= STRONG && gains[best] - second >= STRONG ? best : -1;
  }
}
