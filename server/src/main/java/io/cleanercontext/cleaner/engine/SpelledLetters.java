package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Names a user spelled letter by letter that the call need not attest ({@link SpokenNameStage}
 * tries the call's and the lexicon's names first):
 *
 * <ul>
 *   <li>three or more letters, said as single letters or as the names of letters, at most one of
 *       them an everyday word, written in capitals: "d v s a" DVSA, "h o a" HOA, "em ef ay" MFA,
 *       "tee are vees" TRVs;
 *   <li>two single letters, when the spelling dictionaries write them as a name in capitals: "the g
 *       p" GP, "e v chargers" EV, "the i t guy" IT, "our a c unit" AC;
 *   <li>two letters joined by "and" or "n", when the dictionaries or {@code
 *       cleaning/ampersand-names.txt} write them with an ampersand: "a b and b" B&amp;B, "r and d"
 *       R&amp;D.
 * </ul>
 *
 * <p>"a" and "i" start a name only after a determiner or a number ("our a c", "the i t", "eleven a
 * d eyes"), where they cannot be the article or the pronoun; two letters beside a third single
 * letter ("a b c") or the time after a number ("three p m") stay, and so do letters in alphabetical
 * order ("b c d").
 */
final class SpelledLetters {

  private static final Set<String> AMPERSANDS = WordList.load("/cleaning/ampersand-names.txt");

  private SpelledLetters() {}

  /**
   * The name the letters {@code tokens[from, to)} spell, or null; {@code attested} gives the call's
   * or the lexicon's spelling of a key, or null.
   */
  static String name(
      List<Tokens.Token> tokens,
      int from,
      int to,
      SpokenForm spoken,
      UnaryOperator<String> attested) {
    int words = to - from;
    if (words == 3 && isAmpersand(tokens.get(from + 1).lower())) {
      return ampersand(tokens, from);
    }
    String code = letterCode(tokens, from, to, spoken);
    if (code != null) {
      return code;
    }
    if (spoken.letterNames() != words || spoken.numberWords() > 0) {
      return null;
    }
    String first = tokens.get(from).lower();
    boolean word = Tokens.isOneLetterWord(first);
    boolean letterPlace = from > 0 && cannotBeArticle(tokens.get(from - 1));
    if (word && !letterPlace || inAlphabeticalOrder(spoken.key())) {
      return null; // "a b c", "I see you": the article, the pronoun; "b c d": a list of letters
    }
    // letters that are no everyday word: bare letters, rare letter names, "a" and "i" after a
    // first letter in a letter's place ("the a a", "our i t")
    int strong =
        spoken.rareNames() + (word ? singleLetters(tokens, from, to) : spoken.bareLetters());
    // a spelled run starts and ends on a letter that is no word ("her initials are j d" stays)
    boolean edges = isLetter(tokens.get(from).lower()) && isLetter(tokens.get(to - 1).lower());
    if (words >= 3 && strong >= words - 1 && edges && !endsOnThePronoun(tokens, to)) {
      return capitals(spoken, attested);
    }
    if (words == 2 && !word && Tokens.isOneLetterWord(tokens.get(to - 1).lower())) {
      // "p i cover", "the p a said": a second "i" not before a verb ("plan b i think"), a second
      // "a" after a determiner ("ten p a bag" is the article)
      boolean i = tokens.get(to - 1).lower().equals("i");
      strong +=
          i ? (endsOnThePronoun(tokens, to) ? 0 : 1) : (afterDeterminer(tokens, from) ? 1 : 0);
    }
    if (words == 2 && spoken.key().length() == 2 && strong == 2 && standsAlone(tokens, from, to)) {
      String name = spoken.key().toUpperCase(Locale.ROOT);
      return attested.apply(spoken.key()) != null || isAcronym(name) ? name : null;
    }
    return null;
  }

  /**
   * "e x one", "l s twenty": two single letters that are no word, then a number up to 99 said in
   * words, written the way a postcode district or a code is (EX1, LS20); never letters in
   * alphabetical order ("a b one"), a single letter ("s fourteen" needs the call's S14), a number
   * that goes on ("p m two hundred") or counts the plural noun after it ("c d twenty copies"), nor
   * "one" after a determiner, the pronoun ("the u k one", "a t v one").
   */
  private static String letterCode(List<Tokens.Token> tokens, int from, int to, SpokenForm spoken) {
    String key = spoken.key();
    boolean shape =
        spoken.bareLetters() == 2
            && spoken.letterNames() == 2
            && spoken.numberWords() == to - from - 2
            && tokens.get(from).core().length() == 1
            && tokens.get(from + 1).core().length() == 1
            && key.length() >= 3
            && key.length() <= 4
            && key.substring(2).chars().allMatch(Character::isDigit)
            && !inAlphabeticalOrder(key.substring(0, 2));
    EnglishDictionary dict = EnglishDictionary.get();
    boolean counts =
        to < tokens.size()
            && tokens.get(to - 1).trail().isEmpty()
            && (dict.can(tokens.get(to).lower(), EnglishDictionary.PLURAL)
                || SpokenForm.isNumberWord(tokens.get(to).lower()));
    boolean pronoun =
        tokens.get(to - 1).lower().equals("one")
            && from > 0
            && dict.can(tokens.get(from - 1).lower(), EnglishDictionary.DETERMINER);
    return shape && !counts && !pronoun ? key.toUpperCase(Locale.ROOT) : null;
  }

  /**
   * The letters in capitals ("d v s a" is DVSA), except a final "s" that makes a name plural: a
   * plural letter name ("tee are vees" TRVs), or a final "s" after letters the call or the lexicon
   * attests or the spelling dictionaries write in capitals, when all of them together are no word
   * ("m o t s" MOTs; NHS, GPS, DBS and SMS stay).
   */
  private static String capitals(SpokenForm spoken, UnaryOperator<String> attested) {
    String key = spoken.key();
    String upper = key.toUpperCase(Locale.ROOT);
    if (key.length() < 3 || !key.endsWith("s")) {
      return upper;
    }
    String stemKey = key.substring(0, key.length() - 1);
    String stem = attested.apply(stemKey);
    EnglishDictionary dict = EnglishDictionary.get();
    if (stem == null && (spoken.plural() || dict.spellsExactly(stemKey.toUpperCase(Locale.ROOT)))) {
      stem = stemKey.toUpperCase(Locale.ROOT);
    }
    return stem == null || !spoken.plural() && dict.isWord(upper) ? upper : stem + "s";
  }

  private static boolean afterDeterminer(List<Tokens.Token> tokens, int from) {
    Tokens.Token before = from > 0 ? tokens.get(from - 1) : null;
    return before != null
        && before.trail().isEmpty()
        && EnglishDictionary.get().only(before.lower(), EnglishDictionary.DETERMINER);
  }

  /**
   * "the i t", "our a c", "eleven a d eyes": after a determiner or a number "a" and "i" are
   * letters, not the article or the pronoun.
   */
  private static boolean cannotBeArticle(Tokens.Token before) {
    return before.trail().isEmpty()
        && (EnglishDictionary.get().only(before.lower(), EnglishDictionary.DETERMINER)
            || SpokenForm.isNumberWord(before.lower()));
  }

  /**
   * Two letters on their own: no single letter or digit either side ("a b c"), and not the time
   * after a number ("three p m", "ten a m"; "one p t", "two a a" are names).
   */
  private static boolean standsAlone(List<Tokens.Token> tokens, int from, int to) {
    if (from > 0) {
      Tokens.Token before = tokens.get(from - 1);
      String w = before.lower();
      boolean letter = w.length() == 1 && !w.equals("a"); // "a g p" is the article
      boolean number = before.hasDigit() || SpokenForm.isNumberWord(w);
      String key = tokens.get(from).lower() + tokens.get(from + 1).lower();
      if (before.trail().isEmpty()
          && (letter || number && (key.equals("am") || key.equals("pm")))) {
        return false;
      }
    }
    return to == tokens.size()
        || !tokens.get(to - 1).trail().isEmpty()
        || tokens.get(to).lower().length() != 1;
  }

  /**
   * "the a a", "two a a": "a" or "i" where the article and the pronoun cannot be, before another
   * single letter.
   */
  static boolean startsInLettersPlace(List<Tokens.Token> tokens, int i) {
    String w = tokens.get(i).lower();
    return Tokens.isOneLetterWord(w)
        && i > 0
        && i + 1 < tokens.size()
        && tokens.get(i).trail().isEmpty()
        && tokens.get(i + 1).lower().length() == 1
        && cannotBeArticle(tokens.get(i - 1));
  }

  /** A single letter, or a letter's name that is no frequent word ("tee", "vees"; not "are"). */
  private static boolean isLetter(String w) {
    return w.length() == 1 || !CommonWords.isCommon(w);
  }

  private static int singleLetters(List<Tokens.Token> tokens, int from, int to) {
    int n = 0;
    for (int k = from; k < to; k++) {
      n += tokens.get(k).lower().length() == 1 ? 1 : 0;
    }
    return n;
  }

  /** "a b c", "x y z": letters that follow one another in the alphabet list them. */
  private static boolean inAlphabeticalOrder(String key) {
    for (int i = 1; i < key.length(); i++) {
      if (key.charAt(i) != key.charAt(i - 1) + 1) {
        return false;
      }
    }
    return true;
  }

  /** A name the spelling dictionaries write in capitals, as a noun ("GP", "EV"; not "EG"). */
  private static boolean isAcronym(String upper) {
    EnglishDictionary dict = EnglishDictionary.get();
    return dict.spellsExactly(upper)
        && dict.can(upper, EnglishDictionary.NOUN | EnglishDictionary.PROPER);
  }

  private static boolean isAmpersand(String w) {
    return w.equals("and") || w.equals("n");
  }

  /**
   * "b and b" B&amp;B, "r n d" R&amp;D: two letters the list joins so, or the dictionaries when
   * neither is "a" or "i" (A&amp;D, A&amp;M: "options a and d"); not a range ("between a and e").
   */
  private static String ampersand(List<Tokens.Token> tokens, int from) {
    String left = tokens.get(from).lower();
    String right = tokens.get(from + 2).lower();
    if (from > 0 && tokens.get(from - 1).lower().equals("between")
        || left.length() != 1
        || right.length() != 1
        || !Character.isLetter(left.charAt(0))
        || !Character.isLetter(right.charAt(0))) {
      return null;
    }
    String name = (left + "&" + right).toUpperCase(Locale.ROOT);
    // the dictionaries' own (R&D, Q&A) only with no word letter: "options a and d" stays
    return AMPERSANDS.contains(name.toLowerCase(Locale.ROOT))
            || !Tokens.isOneLetterWord(left)
                && !Tokens.isOneLetterWord(right)
                && EnglishDictionary.get().spellsExactly(name)
        ? name
        : null;
  }

  /**
   * "the u k i think": the run's last letter is the pronoun I when a verb in its base form or a
   * modal follows ("I think", "I can"); "the f b i said" is a name.
   */
  private static boolean endsOnThePronoun(List<Tokens.Token> tokens, int to) {
    Tokens.Token last = tokens.get(to - 1);
    return last.lower().equals("i")
        && to < tokens.size()
        && last.trail().isEmpty()
        && EnglishDictionary.get()
            .can(tokens.get(to).lower(), EnglishDictionary.VERB_BASE | EnglishDictionary.MODAL);
  }
}
