package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.Map;

/**
 * Function words and the content words that sound like them (to/two, for/four, by/buy, write/right,
 * no/know): where the grammar of the neighbours lets the heard word read as it stands, the model's
 * gain alone does not change it. The trigram model sees two words either side, and these pairs are
 * decided farther away ("What do you have for kids in the summer?" is no "four kids": the question
 * gives "have" its object); so a change needs a grammar cue or a pattern that calls for the other
 * word ({@link WordClassCues}, {@link ConfusionPatterns}). The contexts are data ({@code
 * cleaning/homophone-guards.txt}, in {@code confusions.txt}'s syntax: {@code heard -> candidate :
 * PATTERN}, the pattern where the heard word reads as it stands). Looked up by the heard word, so a
 * word without guards costs one map lookup.
 */
final class FunctionHomophones {

  static final String RESOURCE = "/cleaning/homophone-guards.txt";

  private static final Map<String, List<ConfusionPatterns.Rule>> GUARDS =
      ConfusionPatterns.load(RESOURCE);

  private FunctionHomophones() {}

  /**
   * Whether the candidate is held back at token {@code i}: a function word swapped for another on
   * too little gain ({@link WordCandidates#weakSwap}), or a guard of the pair holding there, when
   * nothing but the model's gain speaks for the candidate ({@code classCue} false, no pattern).
   */
  static boolean holdsBack(
      List<Tokens.Token> tokens, int i, WordCandidates.Candidate c, double gain, boolean classCue) {
    String heard = tokens.get(i).lower();
    if (WordCandidates.weakSwap(heard, c, gain, classCue)) {
      return true;
    }
    List<ConfusionPatterns.Rule> guards = GUARDS.get(heard);
    if (guards == null || classCue || PhraseEchoes.cued(c.source())) {
      return false;
    }
    for (ConfusionPatterns.Rule g : guards) {
      if (g.right().equals(c.word()) && ConfusionPatterns.matches(g, tokens, i)) {
        return true;
      }
    }
    return false;
  }
}
