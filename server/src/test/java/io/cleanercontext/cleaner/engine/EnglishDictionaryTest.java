package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnglishDictionaryTest {

  private final EnglishDictionary dict = EnglishDictionary.get();

  @Test
  void knowsHowCommonAWordIs() {
    assertThat(dict.frequency("the")).isEqualTo(EnglishDictionary.MAX_FREQUENCY);
    assertThat(dict.frequency("callback")).isPositive().isLessThan(dict.frequency("call"));
    assertThat(dict.frequency("colour")).isPositive(); // British spelling
    assertThat(dict.frequency("color")).isPositive(); // American spelling
    assertThat(dict.frequency("won't")).isPositive(); // contractions are words too
    assertThat(dict.frequency("kingsmead")).isZero();
    assertThat(dict.frequency("ebsite")).isZero();
    assertThat(dict.isLowerCaseWord("london")).isFalse();
    assertThat(dict.isWord("London")).isTrue();
  }

  @Test
  void knowsPartsOfSpeechAndLemmas() {
    assertThat(dict.can("expensive", EnglishDictionary.ADJECTIVE)).isTrue();
    assertThat(dict.only("expensive", EnglishDictionary.ADJECTIVE)).isTrue();
    assertThat(dict.can("call", EnglishDictionary.VERB)).isTrue();
    assertThat(dict.can("back", EnglishDictionary.ADVERB | EnglishDictionary.PARTICLE)).isTrue();
    assertThat(dict.only("we", EnglishDictionary.PRONOUN)).isTrue();
    assertThat(dict.can("won't", EnglishDictionary.MODAL)).isTrue();
    assertThat(dict.lemmas("kings")).contains("king");
    assertThat(dict.classes("xqzt")).isZero();
  }

  @Test
  void printSome() {
    for (String w :
        new String[] {
          "b", "s", "th", "ing", "ess", "pensive", "alls", "a", "i", "ya", "mm", "uh", "ok",
          "upton", "epos", "seven", "peek", "hole", "to", "text", "sites", "right", "years",
          "mondays", "message"
        }) {
      System.err.println(
          w
              + " f="
              + dict.frequency(w)
              + " lower="
              + dict.isLowerCaseWord(w)
              + " classes="
              + Integer.toBinaryString(dict.classes(w)));
    }
  }
}
