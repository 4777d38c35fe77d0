package io.cleanercontext.cleaner.engine;

/**
 * What speaks for replacing a heard word by a candidate, each kind measured on its own.
 *
 * @param heard the word as heard (lower case)
 * @param candidate the word proposed in its place (lower case), or the call's term as spelled
 * @param source where the candidate came from: {@code sound} (the CMU dictionary's words that sound
 *     the same or one phoneme apart) or {@code confusion_set} (cleaning/confusion-sets.txt)
 * @param phoneticDistance phoneme alignment cost between heard word and candidate (0: homophones)
 * @param lmGain log10 probability of the sentence with the candidate minus without it (trigram
 *     model over the words the change touches)
 * @param priorHeard log10 unigram probability of the heard word: the more common, the more evidence
 *     a change needs
 * @param priorCandidate log10 unigram probability of the candidate
 * @param saidInCall when the candidate was said earlier in this call (any speaker) or is in a
 *     keyterm, how rare it is (0 for everyday words, growing with rarity), else 0
 * @param doubt 1 minus the recogniser's confidence in the heard word, 0 when none was given
 * @param unknownWords how many more words the language model lacks after the change (a name the
 *     call said is often one it lacks)
 * @param heardSurprise minus the mean log10 probability of the heard words (and the next) where
 *     they stand: plain English is unsurprising, a misheard word or name is not
 * @param cue 1 when the candidate's source has a pattern calling for it here (a confusion pattern
 *     of cleaning/confusions.txt matched: "way to much"; a name cue beside the run: "on face
 *     book"), else 0
 * @param listedName 1 when the candidate is a name of the lists ({@link KnownNames}) nobody in the
 *     call said, heard as a run of words beside a name cue; else 0 (the scorer weighs such a name
 *     on its own: no context speaks for it)
 * @param nearPlace 1 when that name is a place within {@link NamedPlaces#NEAR_KM} of a place the
 *     call named (the area the business covers); else 0
 */
public record WordEvidence(
    String heard,
    String candidate,
    String source,
    double phoneticDistance,
    double lmGain,
    double priorHeard,
    double priorCandidate,
    double saidInCall,
    double doubt,
    double unknownWords,
    double heardSurprise,
    double cue,
    double listedName,
    double nearPlace) {

  /** Feature names, in the order of {@link #features()} (the scorer's weight file uses them). */
  static final String[] FEATURES = {
    "lm_gain",
    "phonetic_distance",
    "prior_heard",
    "prior_candidate",
    "said_in_call",
    "doubt",
    "unknown_words",
    "heard_surprise",
    "cue",
    "listed_name",
    "near_place"
  };

  double[] features() {
    return new double[] {
      lmGain,
      phoneticDistance,
      priorHeard,
      priorCandidate,
      saidInCall,
      doubt,
      unknownWords,
      heardSurprise,
      cue,
      listedName,
      nearPlace
    };
  }
}
