package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.function.Supplier;

/**
 * Places the recogniser heard as other words, for {@link KnownNameStage}: "up in rio ranch oh" is
 * Rio Rancho, "round stoke and new castle under line" Newcastle-under-Lyme, "from harrow gate"
 * Harrogate. A run of two to four lower-case words right after a place's preposition (or after
 * "and"/"or" joining it to a place so introduced) becomes a place of {@code places.txt} when four
 * kinds of evidence agree:
 *
 * <ul>
 *   <li>sound: the run's phonemes align with the place's nearly exactly ({@link NameSounds}, at
 *       most {@value #MAX_COST_PER_PHONE} per phoneme of the place), the run is not the place's own
 *       words (casing's job) and neither spells the other with letters left over ("manhattan
 *       were");
 *   <li>the sentence: the language model finds the place's words likelier there than the heard ones
 *       by at least {@value #MIN_GAIN} (log10, {@link SentenceGain}): "up in the air", "in round
 *       numbers", "in turn appoint" read as English, "in rio ranch oh" does not;
 *   <li>the place: a town of at least {@value #MIN_PEOPLE} people, or one within {@link
 *       NamedPlaces#NEAR_KM} of a place the call or the turn named ("from top sham" after Exeter);
 *   <li>the cue: a place's preposition of {@code name-cues.txt} (either use) right before; the run
 *       starts on a content word, does not end on a function word, and the phrase ends after it
 *       ("in new york style" names a style).
 * </ul>
 *
 * Each is needed (docs/CLEANING.md, "Places heard as other words": each one left out makes wrong
 * places in correct text).
 */
final class HeardPlaces {

  static final int MIN_WORDS = 2;
  static final int MAX_WORDS = 4;

  /** Alignment cost per phoneme of the place ({@link Phones#alikeAlignment}). */
  static final double MAX_COST_PER_PHONE = 0.15;

  /** How much likelier (log10) the phrase must read with the place's words. */
  static final double MIN_GAIN = 2.0;

  /** A place this big is known beyond its region: heard without a named place near it. */
  static final float MIN_PEOPLE = 50_000;

  /** How many words before "and"/"or" a cue may stand ("round stoke and ..."). */
  private static final int MAX_LISTED_BEFORE = 3;

  /** A run and the place it is heard as. */
  record Heard(int length, String place) {}

  private HeardPlaces() {}

  /**
   * The place the longest run of words from {@code start} is heard as (of several, the closest in
   * sound), or null.
   *
   * @param named the places the call and the turn named, made when first asked
   */
  static Heard at(List<Tokens.Token> tokens, int start, Supplier<NamedPlaces> named) {
    if (!cued(tokens, start)
        || !tokens.get(start).lowerCaseWord()
        || CommonWords.isStopword(tokens.get(start).lower())) {
      return null;
    }
    int clauseStart = start;
    while (clauseStart > 0 && !SentenceGain.endsPhrase(tokens.get(clauseStart - 1))) {
      clauseStart--;
    }
    int clauseEnd = SentenceGain.phraseEnd(tokens, start);
    Heard best = null;
    double bestCost = Double.MAX_VALUE;
    Gains gains = null;
    for (int k = MIN_WORDS; k <= MAX_WORDS && start + k - 1 <= clauseEnd; k++) {
      if (!tokens.get(start + k - 1).lowerCaseWord()) {
        break; // a run is lower-case words: a capital, a digit or a mark is something else
      }
      if (CommonWords.isStopword(tokens.get(start + k - 1).lower())
          || !KnownNameStage.phraseEndsAfter(tokens, start + k)) {
        continue; // "preston a", "in new york style"
      }
      String heard = Tokens.words(tokens, start, k);
      for (NameSounds.Match m : NameSounds.get().matches(sounds(heard), KnownNames.PLACE)) {
        NameSounds.Name n = m.name();
        double cost = m.cost() / n.phones().length;
        if (cost > MAX_COST_PER_PHONE
            || (best != null && best.length() == k && cost >= bestCost)
            || String.join(" ", n.lower()).equals(heard)
            || spelledWithWordsOver(tokens, start, k, n.joinedKey())
            || !(people(n.spelling()) >= MIN_PEOPLE || named.get().near(n.spelling()) > 0)) {
          continue;
        }
        gains = gains == null ? new Gains(tokens, clauseStart, clauseEnd) : gains;
        if (gains.of(start - clauseStart, k, n.lower()) >= MIN_GAIN) {
          best = new Heard(k, n.spelling());
          bestCost = cost;
        }
      }
    }
    return best;
  }

  private static byte[] sounds(String words) {
    return TermSounds.pronounce(words, Pronunciations.get());
  }

  /**
   * True when some of the run's words, the first or the last ones, spell the place and the rest are
   * words over ("manhattan were"): the place is said already, and casing's.
   */
  private static boolean spelledWithWordsOver(
      List<Tokens.Token> tokens, int start, int len, String placeKey) {
    for (int cut = 1; cut < len; cut++) {
      if (Tokens.words(tokens, start, cut).replace(" ", "").equals(placeKey)
          || Tokens.words(tokens, start + cut, len - cut).replace(" ", "").equals(placeKey)) {
        return true;
      }
    }
    return false;
  }

  /** The phrase of the run as heard, to weigh a place's words in its stead. */
  private static final class Gains {
    private final LanguageModel lm = LanguageModel.get();
    private final SentenceGain gains = new SentenceGain(lm);
    private final SentenceGain.Sentence sentence;

    Gains(List<Tokens.Token> tokens, int clauseStart, int clauseEnd) {
      sentence = gains.sentence(lm.ids(tokens, clauseStart, clauseEnd + 1));
    }

    /** log10 P(phrase with the place's words) - log10 P(phrase as heard). */
    double of(int at, int length, String[] placeWords) {
      int[] place = new int[placeWords.length];
      for (int w = 0; w < place.length; w++) {
        place[w] = lm.id(placeWords[w]);
      }
      return gains.gain(sentence, at, length, place, gains.asHeard(sentence, at, length));
    }
  }

  /**
   * A place's preposition right before {@code start} ("in", "near", "from"), or "and"/"or" joining
   * the run to a place so introduced ("round stoke and ..."), with no punctuation between.
   */
  private static boolean cued(List<Tokens.Token> tokens, int start) {
    if (start == 0 || !tokens.get(start - 1).trail().isEmpty()) {
      return false;
    }
    String before = tokens.get(start - 1).lower();
    if (placeCue(before)) {
      return true;
    }
    if (!before.equals("and") && !before.equals("or")) {
      return false;
    }
    for (int j = start - 3; j >= Math.max(0, start - 2 - MAX_LISTED_BEFORE); j--) {
      if (!tokens.get(j).trail().isEmpty()) {
        return false;
      }
      if (placeCue(tokens.get(j).lower())) {
        return true;
      }
    }
    return false;
  }

  /** A word before a run that calls for a place, for either stage ({@code name-cues.txt}). */
  private static boolean placeCue(String lower) {
    int kinds =
        NameCues.before(lower, NameCues.Use.KNOWN) | NameCues.before(lower, NameCues.Use.LISTED);
    return (kinds & NameCues.PLACE_NAMES) != 0;
  }

  /** The most people any place of this name has (0: not known). */
  static float people(String place) {
    float[] c = KnownNames.get().coordinates(place);
    float most = 0;
    for (int i = 2; c != null && i < c.length; i += 3) {
      most = Math.max(most, c[i]);
    }
    return most;
  }
}
