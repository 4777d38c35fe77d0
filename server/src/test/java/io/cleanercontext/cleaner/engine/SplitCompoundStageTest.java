package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Closed compounds the recogniser split, joined where the sentence reads far likelier joined. */
class SplitCompoundStageTest {

  private final SplitCompoundStage stage = new SplitCompoundStage();

  private String apply(String text, List<Correction> out) {
    return stage.apply(text, out);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Lots of desk workers since every one went hybrid.|Lots of desk workers since everyone"
            + " went hybrid.",
        "I just wanted to give you an up date on the job.|I just wanted to give you an update on"
            + " the job.",
        "I doubt you can by pass these.|I doubt you can bypass these.",
      })
  void aSplitCompoundIsJoined(String heard, String meant) {
    List<Correction> out = new ArrayList<>();
    assertThat(apply(heard, out)).isEqualTo(meant);
    assertThat(out).extracting(Correction::reason).containsOnly(SplitCompoundStage.REASON);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "It may be late.",
        "Turn him in to the police.",
        "Please let me know some times that would be convenient for you.",
        "Teenagers aged 12 and over estimate their yearly income.",
        "He couldn't reach the high light.",
        "Every one of them paid on time.",
        "We cannot take any one job over another.",
        "Can you set up a date for the visit?",
        "We work every day, time permitting.",
        "The Pay Roll team handles it.",
      })
  void twoWordsThatAreRightAsTwoWordsStay(String correct) {
    List<Correction> out = new ArrayList<>();
    assertThat(apply(correct, out)).isEqualTo(correct);
    assertThat(out).isEmpty();
  }

  @Test
  void eachSentenceIsWeighedOnItsOwnAndSeveralJoinsCanBeMade() {
    List<Correction> out = new ArrayList<>();
    assertThat(
            apply("This might be your day time running lights. I doubt you can by pass them.", out))
        .isEqualTo("This might be your daytime running lights. I doubt you can bypass them.");
    assertThat(out).hasSize(2);
  }
}
