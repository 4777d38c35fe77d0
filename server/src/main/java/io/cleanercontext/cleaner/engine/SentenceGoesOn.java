package io.cleanercontext.cleaner.engine;

import java.util.List;

/**
 * Whether the sentence the STT closed before an echo actually goes on after it: "employment law.
 * employment law as well" is one sentence, and once the echo is gone its stop must go too.
 */
final class SentenceGoesOn {

  private static final int STARTS_A_SENTENCE =
      EnglishDictionary.PRONOUN
          | EnglishDictionary.DETERMINER
          | EnglishDictionary.CONJUNCTION
          | EnglishDictionary.MODAL;

  private SentenceGoesOn() {}

  /**
   * True when the echo removed after token {@code b} did not end its own sentence and the next word
   * continues in lower case. In a turn the STT writes without capitals a lower-case word may still
   * start a sentence, so there the next word must be one that cannot ("now", "as well" may; "we",
   * "the", "and" may start one and keep the stop).
   */
  static boolean after(List<Tokens.Token> tokens, int b, String echoTrail) {
    if (b + 1 >= tokens.size() || !tokens.get(b).endsSentence()) {
      return false;
    }
    Tokens.Token next = tokens.get(b + 1);
    if (echoTrail.indexOf('.') >= 0
        || echoTrail.indexOf('?') >= 0
        || echoTrail.indexOf('!') >= 0
        || !next.lead().isEmpty()
        || next.core().isEmpty()
        || !Character.isLowerCase(next.core().charAt(0))) {
      return false;
    }
    return continues(next.lower(), capitalisesSentences(tokens));
  }

  /**
   * The glued form ("calls.alls all the time"): {@code rest} follows the removed fragment, whose
   * own trailing punctuation is {@code fragmentTrail}; {@code text} is the whole turn.
   */
  static boolean afterGlued(String text, String fragmentTrail, String rest) {
    if (rest.isEmpty()
        || !Character.isLowerCase(rest.charAt(0))
        || fragmentTrail.indexOf('.') >= 0
        || fragmentTrail.indexOf('?') >= 0
        || fragmentTrail.indexOf('!') >= 0) {
      return false;
    }
    int end = 0;
    while (end < rest.length()
        && (Character.isLetter(rest.charAt(end)) || rest.charAt(end) == '\'')) {
      end++;
    }
    return continues(rest.substring(0, end), capitalisesSentences(Tokens.split(text)));
  }

  private static boolean continues(String lowerWord, boolean capitalised) {
    if (capitalised) {
      return true;
    }
    return !EnglishDictionary.get().can(lowerWord, STARTS_A_SENTENCE)
        && !CommonWords.isStopword(lowerWord);
  }

  /** The turn starts with a capital: its STT marks sentence starts. */
  private static boolean capitalisesSentences(List<Tokens.Token> tokens) {
    for (Tokens.Token t : tokens) {
      if (!t.core().isEmpty()) {
        return Character.isUpperCase(t.core().charAt(0));
      }
    }
    return false;
  }
}
