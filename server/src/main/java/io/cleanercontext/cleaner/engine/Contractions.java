package io.cleanercontext.cleaner.engine;

import java.util.Map;

/**
 * Spoken contractions and their word classes ({@link EnglishDictionary} constants): LanguageTool's
 * tagger dictionary has none, because LanguageTool splits them before tagging.
 */
final class Contractions {

  static final Map<String, Integer> CLASSES =
      Map.ofEntries(
          Map.entry("won't", EnglishDictionary.MODAL | EnglishDictionary.VERB),
          Map.entry("can't", EnglishDictionary.MODAL | EnglishDictionary.VERB),
          Map.entry("don't", EnglishDictionary.VERB),
          Map.entry("doesn't", EnglishDictionary.VERB),
          Map.entry("didn't", EnglishDictionary.VERB),
          Map.entry("isn't", EnglishDictionary.VERB),
          Map.entry("aren't", EnglishDictionary.VERB),
          Map.entry("wasn't", EnglishDictionary.VERB),
          Map.entry("weren't", EnglishDictionary.VERB),
          Map.entry("wouldn't", EnglishDictionary.MODAL | EnglishDictionary.VERB),
          Map.entry("couldn't", EnglishDictionary.MODAL | EnglishDictionary.VERB),
          Map.entry("shouldn't", EnglishDictionary.MODAL | EnglishDictionary.VERB),
          Map.entry("haven't", EnglishDictionary.VERB),
          Map.entry("hasn't", EnglishDictionary.VERB),
          Map.entry("hadn't", EnglishDictionary.VERB),
          Map.entry("i'll", EnglishDictionary.PRONOUN | EnglishDictionary.MODAL),
          Map.entry("we'll", EnglishDictionary.PRONOUN | EnglishDictionary.MODAL),
          Map.entry("they'll", EnglishDictionary.PRONOUN | EnglishDictionary.MODAL),
          Map.entry("you'll", EnglishDictionary.PRONOUN | EnglishDictionary.MODAL),
          Map.entry("she'll", EnglishDictionary.PRONOUN | EnglishDictionary.MODAL),
          Map.entry("he'll", EnglishDictionary.PRONOUN | EnglishDictionary.MODAL),
          Map.entry("i'd", EnglishDictionary.PRONOUN | EnglishDictionary.MODAL),
          Map.entry("we'd", EnglishDictionary.PRONOUN | EnglishDictionary.MODAL),
          Map.entry("they'd", EnglishDictionary.PRONOUN | EnglishDictionary.MODAL),
          Map.entry("you'd", EnglishDictionary.PRONOUN | EnglishDictionary.MODAL),
          Map.entry("i'm", EnglishDictionary.PRONOUN | EnglishDictionary.VERB),
          Map.entry("we're", EnglishDictionary.PRONOUN | EnglishDictionary.VERB),
          Map.entry("they're", EnglishDictionary.PRONOUN | EnglishDictionary.VERB),
          Map.entry("you're", EnglishDictionary.PRONOUN | EnglishDictionary.VERB),
          Map.entry("it's", EnglishDictionary.PRONOUN | EnglishDictionary.VERB),
          Map.entry("that's", EnglishDictionary.PRONOUN | EnglishDictionary.VERB),
          Map.entry("there's", EnglishDictionary.PRONOUN | EnglishDictionary.VERB),
          Map.entry("he's", EnglishDictionary.PRONOUN | EnglishDictionary.VERB),
          Map.entry("she's", EnglishDictionary.PRONOUN | EnglishDictionary.VERB),
          Map.entry("i've", EnglishDictionary.PRONOUN | EnglishDictionary.VERB),
          Map.entry("we've", EnglishDictionary.PRONOUN | EnglishDictionary.VERB),
          Map.entry("they've", EnglishDictionary.PRONOUN | EnglishDictionary.VERB),
          Map.entry("you've", EnglishDictionary.PRONOUN | EnglishDictionary.VERB),
          Map.entry("let's", EnglishDictionary.VERB));

  private Contractions() {}
}
