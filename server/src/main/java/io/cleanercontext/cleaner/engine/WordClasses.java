package io.cleanercontext.cleaner.engine;

/**
 * The names the rule data gives {@link EnglishDictionary}'s word classes ({@code NOUN}, {@code
 * VERB}, {@code PRON}...), as in {@code confusions.txt}, {@code contractions.txt} and {@code
 * word-class-cues.txt}.
 */
final class WordClasses {

  private WordClasses() {}

  /**
   * The classes named by {@code names}, joined by '|' (each may start with '@', as in
   * confusions.txt: "NOUN|@VERB"); {@code where} names the file in the error of an unknown name.
   */
  static int named(String names, String where) {
    int mask = 0;
    for (String n : names.split("\\|@?")) {
      mask |=
          switch (n) {
            case "NOUN" -> EnglishDictionary.NOUN;
            case "VERB" -> EnglishDictionary.VERB;
            case "ADJ" -> EnglishDictionary.ADJECTIVE;
            case "ADV" -> EnglishDictionary.ADVERB;
            case "PREP" -> EnglishDictionary.PREPOSITION;
            case "DET" -> EnglishDictionary.DETERMINER;
            case "PRON" -> EnglishDictionary.PRONOUN;
            case "MODAL" -> EnglishDictionary.MODAL;
            case "CONJ" -> EnglishDictionary.CONJUNCTION;
            case "BASE" -> EnglishDictionary.VERB_BASE; // a base or present form: "lose"
            case "PAST" -> EnglishDictionary.VERB_PAST; // "knew", "paid"
            case "ING" -> EnglishDictionary.VERB_ING;
            case "COMPARATIVE" -> EnglishDictionary.COMPARATIVE;
            case "NUMBER" -> EnglishDictionary.NUMBER; // a number word, in a union of classes
            case "PLURAL" -> EnglishDictionary.PLURAL; // a plural noun: "vans"
            default -> throw new IllegalArgumentException(where + ": unknown word class @" + n);
          };
    }
    return mask;
  }
}
