package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.Set;

/**
 * What a removed filler leaves behind. An STT brackets a hesitation in commas; after a word no
 * phrase ends on ("it's, er, me", "and, er, the") those commas were the pause, not syntax, and go
 * with the filler. A word said on both sides of the filler is a restart ("on that, uh, that
 * course"): the first copy goes too. After a word a phrase may end on ("Great, uh, send",
 * "building, um, and") the comma stays.
 */
final class FillerPause {

  /** Words said twice on purpose even around a hesitation ("no, um, no"). */
  private static final Set<String> ANSWERS = WordList.load("/cleaning/answer-words.txt");

  private static final int NO_PHRASE_END =
      EnglishDictionary.PRONOUN
          | EnglishDictionary.DETERMINER
          | EnglishDictionary.CONJUNCTION
          | EnglishDictionary.PREPOSITION
          | EnglishDictionary.MODAL;

  private FillerPause() {}

  /**
   * Tidies around the filler {@code filler} just removed from before {@code tokens[i]}; true when
   * the word before it went too (a restart), so the word now at {@code i - 1} follows the gap.
   */
  static boolean close(
      List<Tokens.Token> tokens, int i, Tokens.Token filler, List<Correction> out) {
    Tokens.Token prev = tokens.get(i - 1);
    Tokens.Token next = tokens.get(i);
    if (prev.trail().equals(",") && filler.trail().equals(",") && endsNoPhrase(prev.lower())) {
      prev = prev.withTrail("");
      tokens.set(i - 1, prev);
    }
    String w = prev.lower();
    if (prev.trail().isEmpty()
        && next.lead().isEmpty()
        && w.equals(next.lower())
        && !w.isEmpty()
        && !prev.hasDigit()
        && !ANSWERS.contains(w)) {
      out.add(
          new Correction(
              prev.core() + " " + next.core(), next.core(), Confidence.HIGH, Reason.STUTTER));
      tokens.set(i, new Tokens.Token(prev.lead(), prev.core(), next.trail()));
      tokens.remove(i - 1);
      return true;
    }
    return false;
  }

  private static boolean endsNoPhrase(String lower) {
    EnglishDictionary dict = EnglishDictionary.get();
    if (ANSWERS.contains(lower)) {
      return false; // "no, um, no": an answer ends a phrase
    }
    return CommonWords.isStopword(lower)
        || dict.only(lower, NO_PHRASE_END)
        || lower.indexOf('\'') > 0 && dict.can(lower, EnglishDictionary.PRONOUN);
  }
}
