package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FillerStageTest {

  private final FillerStage stage = new FillerStage();
  private final List<Correction> corrections = new ArrayList<>();

  @Test
  void removesHesitations() {
    assertThat(stage.apply("we, uh, mostly get referrals um from past clients", corrections))
        .isEqualTo("we mostly get referrals from past clients");
    assertThat(corrections).extracting(Correction::original).containsExactly("uh", "um");
  }

  @Test
  void recapitalisesAndKeepsTheSentenceEnd() {
    assertThat(stage.apply("Um, the roofs are done. Hmm, maybe next week, er.", corrections))
        .isEqualTo("The roofs are done. Maybe next week.");
  }

  @Test
  void keepsContentWordsAndBackChannels() {
    String s = "so like, well, right, you know, uh-huh, mm-hmm, I mean it";
    assertThat(stage.apply(s, corrections)).isEqualTo(s);
    assertThat(stage.apply("we were in the ER all night", corrections))
        .isEqualTo("we were in the ER all night");
    assertThat(corrections).isEmpty();
  }

  @Test
  void keepsMillimetresAfterANumber() {
    String s = "we fit 22 mm pipe, and the 15 mm. one too";
    assertThat(stage.apply(s, corrections)).isEqualTo(s);
    assertThat(stage.apply("about 22 mm, mm, maybe less", corrections))
        .isEqualTo("about 22 mm, maybe less");
  }

  @Test
  void detectsFillersForAuto() {
    assertThat(FillerStage.hasFiller("well umm okay")).isTrue();
    assertThat(FillerStage.hasFiller("well okay")).isFalse();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        // after a word no phrase ends on, the commas were the pause
        "On a bad day it's, er, me and one dispenser.|On a bad day it's me and one dispenser.",
        "she does the accounts and, er, the payroll|she does the accounts and the payroll",
        "We go up to, um, New Braunfels.|We go up to New Braunfels.",
        // a restart around the filler
        "He's on that, uh, that course till Friday.|He's on that course till Friday.",
        "we use the, um, the app|we use the app",
        // after a word a phrase ends on, the comma stays
        "Great, uh, send the demo through.|Great, send the demo through.",
        "Yeah this is Travis, uh, I'm the owner.|Yeah this is Travis, I'm the owner.",
        "for the whole building, um, and she's also busy|for the whole building, and she's also busy",
        "That's a big deal around here, um, people ask.|That's a big deal around here, people ask.",
        // answers said twice stay twice
        "no, um, no, that's wrong|no, no, that's wrong",
      })
  void removesThePauseAroundAFillerButNotTheSyntax(String raw, String expected) {
    assertThat(stage.apply(raw, corrections)).isEqualTo(expected);
  }
}
