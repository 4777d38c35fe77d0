package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * After a stutter is collapsed, the STT's capital often sits on the wrong word: it treated the
 * repeat as a restart and capitalised the word after it ("it's it's Been a long night", "that. it's
 * it's The same"). The capital belongs to the sentence's first word, and the word after the stutter
 * is an everyday word in lower case; names keep theirs.
 */
final class RestartCase {

  /** Pronouns whose own contraction an STT doubles: "I I'm", "we we're" (never meant). */
  private static final Set<String> SUBJECT_PRONOUNS =
      WordList.load("/cleaning/subject-pronouns.txt");

  private static final int FUNCTION_WORD =
      EnglishDictionary.DETERMINER
          | EnglishDictionary.PRONOUN
          | EnglishDictionary.PREPOSITION
          | EnglishDictionary.CONJUNCTION
          | EnglishDictionary.NUMBER;

  private RestartCase() {}

  /** "I I'm", "we we're": a subject pronoun then its own contraction. */
  static boolean isPronounRestart(Tokens.Token a, Tokens.Token b) {
    String la = a.lower();
    String lb = b.lower().replace('\u2019', '\'');
    return a.trail().isEmpty()
        && SUBJECT_PRONOUNS.contains(la)
        && lb.length() > la.length() + 1
        && lb.startsWith(la + "'");
  }

  /**
   * Fixes the case around the word kept at {@code i} after a stutter: lowers the next word's stray
   * capital and, when the kept word starts a sentence, gives it the capital instead.
   */
  static void fix(List<Tokens.Token> tokens, int i) {
    if (i + 1 >= tokens.size()) {
      return;
    }
    Tokens.Token kept = tokens.get(i);
    Tokens.Token next = tokens.get(i + 1);
    if (!kept.trail().isEmpty()
        || !next.lead().isEmpty()
        || !strayCapital(next.core(), kept.lower())) {
      return;
    }
    String core = next.core();
    tokens.set(
        i + 1, next.withCore(core.substring(0, 1).toLowerCase(Locale.ROOT) + core.substring(1)));
    boolean startsSentence = i == 0 || tokens.get(i - 1).endsSentence();
    if (startsSentence) {
      tokens.set(i, kept.withCore(Tokens.capitalize(kept.core())));
    }
  }

  /** A capitalised everyday word that is not a name: "Been", "Terrible", "A", "Three". */
  private static boolean strayCapital(String core, String keptLower) {
    if (core.isEmpty()
        || !Character.isUpperCase(core.charAt(0))
        || core.equals("I")
        || core.startsWith("I'")
        || core.startsWith("I\u2019")) {
      return false;
    }
    for (int k = 1; k < core.length(); k++) {
      char c = core.charAt(k);
      if (!Character.isLowerCase(c) && c != '\'' && c != '\u2019') {
        return false; // "CRM", "McDonald", "ServiceTitan"
      }
    }
    String lower = core.toLowerCase(Locale.ROOT);
    EnglishDictionary dict = EnglishDictionary.get();
    if (!dict.isLowerCaseWord(lower) || KnownNames.get().byKey(Tokens.joinedKey(core)) != null) {
      return false;
    }
    // a noun could be someone's name ("I'm I'm Bill"): only words that are not nouns, or are
    // function words and numbers whatever else they can be
    // after "I'm", "it's", "we're" a participle is the verb ("I'm I'm Doing"), not a name
    boolean afterSubject =
        keptLower.indexOf('\'') > 0 && dict.can(keptLower, EnglishDictionary.PRONOUN);
    // the capitalised spelling's own readings count: "Google" is a name, "google" only a verb
    return !dict.can(core, EnglishDictionary.NOUN | EnglishDictionary.PROPER)
        || dict.can(lower, FUNCTION_WORD)
        || afterSubject
            && (dict.can(lower, EnglishDictionary.VERB_ING | EnglishDictionary.VERB_PAST)
                || commonNounOnly(core));
  }

  /**
   * "It's it's Chaos": a noun that no name source spells with a capital (no proper reading in the
   * dictionary, no brand or place of the lists), so the capital is the STT's restart. "I'm I'm
   * Bill" (a first name), "it's it's Square" (a brand) and "it's it's Slack" keep theirs.
   */
  private static boolean commonNounOnly(String core) {
    return !EnglishDictionary.get().can(core, EnglishDictionary.PROPER)
        && !KnownNames.get().isEverydayName(core);
  }
}
