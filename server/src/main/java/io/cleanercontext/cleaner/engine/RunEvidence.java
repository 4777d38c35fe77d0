package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.Locale;

/**
 * The evidence for hearing a run of words as a name ({@link WordEvidence}): how the sentence reads
 * with the name in the run's place, how common the heard words and the name's words are, how many
 * words the model lacks after the change, and what speaks for the name besides its sound: a term of
 * the call ({@link EvidenceStage#CALL_TERM}) was said, so its rarity is context evidence; a name of
 * the lists ({@link EvidenceStage#LISTED_NAME}) was not, only a cue beside the run called for it.
 */
final class RunEvidence {

  private final LanguageModel lm;
  private final SentenceGain gains;

  RunEvidence(LanguageModel lm, SentenceGain gains) {
    this.lm = lm;
    this.gains = gains;
  }

  /**
   * The evidence for {@code surface} (its lower-case {@code words}) in place of the {@code length}
   * heard words from {@code token}; null for a listed name that does not make the sentence likelier
   * (a name nobody said needs the sentence to call for it, as a word does).
   *
   * @param sentence the model's sentence the run is in; {@code at} is the run's first word in it
   * @param nearPlace 1 when the name is a place near a place the call named ({@link NamedPlaces})
   */
  WordEvidence of(
      String surface,
      String[] words,
      String source,
      double cost,
      List<Tokens.Token> tokens,
      int token,
      int length,
      SentenceGain.Sentence sentence,
      int at,
      double doubt,
      double nearPlace) {
    int[] ids = sentence.ids;
    int[] replacement = new int[words.length];
    int unknown = 0;
    double prior = 0;
    double termPrior = 0;
    for (int j = 0; j < words.length; j++) {
      replacement[j] = lm.id(words[j]);
      unknown += replacement[j] < 0 ? 1 : 0;
      termPrior = Math.min(termPrior, lm.unigram(replacement[j]));
    }
    for (int j = 0; j < length; j++) {
      unknown -= ids[at + j] < 0 ? 1 : 0;
      prior = Math.max(prior == 0 ? -99 : prior, lm.unigram(ids[at + j]));
    }
    boolean listed = source.equals(EvidenceStage.LISTED_NAME);
    double gain =
        gains.gain(sentence, at, length, replacement, gains.asHeard(sentence, at, length));
    if (listed && gain <= 0) {
      return null;
    }
    return new WordEvidence(
        EvidenceStage.heard(tokens, token, length).toLowerCase(Locale.ROOT),
        surface,
        source,
        cost,
        gain,
        prior,
        termPrior,
        listed ? 0.0 : EvidenceStage.rarity(termPrior),
        doubt,
        unknown,
        gains.surprise(sentence, at, length),
        listed ? 1 : 0,
        listed ? 1 : 0,
        nearPlace);
  }
}
