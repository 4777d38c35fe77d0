package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StutterStageTest {

  private final StutterStage stage = new StutterStage();
  private final List<Correction> corrections = new ArrayList<>();

  @Test
  void collapsesRepeatedWords() {
    assertThat(stage.apply("I think the the price is fair", corrections))
        .isEqualTo("I think the price is fair");
    assertThat(stage.apply("Our our team handles it", corrections))
        .isEqualTo("Our team handles it");
    assertThat(stage.apply("it is is is fine", corrections))
        .isEqualTo("it is is is fine"); // "what it is is" guard
    assertThat(corrections).extracting(Correction::reason).containsOnly("stutter");
  }

  @Test
  void collapsesHyphenAndCutOffStutters() {
    assertThat(stage.apply("I-I guess so", corrections)).isEqualTo("I guess so");
    assertThat(stage.apply("w- we book jobs online", corrections)).isEqualTo("we book jobs online");
  }

  @Test
  void keepsLegitimateRepeats() {
    for (String s :
        List.of(
            "he had had enough",
            "I said that that was fine",
            "yeah, yeah",
            "bye bye then",
            "it's very very busy",
            "call one one two",
            "it was so-so")) {
      assertThat(stage.apply(s, corrections)).isEqualTo(s);
    }
    assertThat(corrections).isEmpty();
  }

  @Test
  void keepsRepeatedNumbers() {
    assertThat(stage.apply("room 12 12 is free", corrections)).isEqualTo("room 12 12 is free");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "we're we're on Proclaim|we're on Proclaim",
        "I I think so|I think so",
        "so i i think so|so i think so",
        "it's a b i i think|it's a b i think",
        "it It was fine|it was fine",
        "so we. We were stuck|so we were stuck",
        "the. The problem is cost|the problem is cost",
        "don't don't worry|don't worry",
      })
  void collapsesStuttersOfAnyWord(String raw, String expected) {
    assertThat(new StutterStage().apply(raw, new ArrayList<>())).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "that's what it is. Is that okay",
        "we had had enough",
        "I work. Work is busy",
      })
  void keepsRealRepeats(String raw) {
    assertThat(new StutterStage().apply(raw, new ArrayList<>())).isEqualTo(raw);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "I I'm not sure.|I'm not sure.",
        "I-I'm not sure.|I'm not sure.",
        "we-we're busy most days.|we're busy most days.",
        "Well I I'd say forty.|Well I'd say forty.",
        "we we're busy|we're busy",
        "We we've tried.|We've tried.",
        // the STT's capital after a restart moves back to the sentence's first word
        "Yeah we tried that. it's it's The same every time.|Yeah we tried that. It's the same every"
            + " time.",
        "Sorry, it's it's Been a long night.|Sorry, it's been a long night.",
        "it's it's A lot.|It's a lot.",
        "I'm I'm Doing the checks.|I'm doing the checks.",
        "after a storm it's it's Three hundred easy.|after a storm it's three hundred easy.",
        // a common noun no name source spells with a capital
        "It's it's Chaos. Everybody calls.|It's chaos. Everybody calls.",
      })
  void collapsesPronounRestartsAndMovesTheirCapital(String raw, String expected) {
    assertThat(stage.apply(raw, corrections)).isEqualTo(expected);
    assertThat(corrections).extracting(Correction::reason).containsOnly("stutter");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // words that double or run on for real
        "make it it's free|make it it's free",
        "I think that that's true.|I think that that's true.",
        "Thank you you're a star.|Thank you you're a star.",
        "I had had enough.|I had had enough.",
        "It was very very busy.|It was very very busy.",
        "Bye bye.|Bye bye.",
        "No no no, that's not it.|No no no, that's not it.",
        // a name keeps its capital after the stutter
        "I'm I'm Bill from accounts.|I'm Bill from accounts.",
        "we use the the Google ads|we use the Google ads",
        "we're in in Reading now|we're in Reading now",
        "it's it's CRM stuff|it's CRM stuff",
        "It's it's Square for payments.|It's Square for payments.",
        "It's it's Slack mostly.|It's Slack mostly.",
        "I'm I'm Hunter, the owner.|I'm Hunter, the owner.",
        // a double letter inside a spelled name is the spelling
        "we do h i i t and strength|we do h i i t and strength",
        "it's the a p p s t o r e|it's the a p p s t o r e",
        // a letter that is no word doubled before another single letter
        "they want the s e o and p p c|they want the s e o and p p c",
        "w w w dot our site|w w w dot our site",
        // a letter doubled where the article cannot be, after a determiner or a number: AA
        "we're members of the a a|we're members of the a a",
        "they need four a a batteries|they need four a a batteries",
        // the article and the pronoun doubled after other words stay stutters
        "and a a wheelchair accessible one|and a wheelchair accessible one",
        "the one I I think|the one I think",
      })
  void keepsRealRepeatsAndNames(String raw, String expected) {
    assertThat(stage.apply(raw, corrections)).isEqualTo(expected);
  }
}
