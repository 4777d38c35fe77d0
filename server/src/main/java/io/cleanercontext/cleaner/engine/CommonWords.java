package io.cleanercontext.cleaner.engine;

import java.util.Locale;
import java.util.Set;

/**
 * Frequent English words. Used as a guard: the engine never swaps one of these for another word on
 * sound alone (a real word the user said is kept unless a multi-word phrase anchors the change),
 * and never learns one as a named entity just because it starts a sentence.
 */
final class CommonWords {

  /** Function words: they never anchor a phrase match on their own. */
  static final Set<String> STOPWORDS = WordList.load("/cleaning/stopwords.txt");

  private static final Set<String> WORDS = WordList.load("/cleaning/common-words.txt");

  private CommonWords() {}

  /** True for a frequent English word (lower-cased comparison). */
  static boolean isCommon(String word) {
    return WORDS.contains(word.toLowerCase(Locale.ROOT));
  }

  /** True for a function word that cannot anchor a match. */
  static boolean isStopword(String lowerWord) {
    return STOPWORDS.contains(lowerWord);
  }
}
