package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseTagStageTest {

  private final NoiseTagStage stage = new NoiseTagStage();
  private final List<Correction> corrections = new ArrayList<>();

  @Test
  void removesAngleTagsAndReportsEach() {
    assertThat(stage.apply("<noise> we sell roofing <unk> mostly", corrections))
        .isEqualTo("we sell roofing mostly");
    assertThat(corrections).extracting(Correction::original).containsExactly("<noise>", "<unk>");
    assertThat(corrections).allSatisfy(c -> assertThat(c.reason()).isEqualTo("noise_tag"));
  }

  @Test
  void removesBracketedNonSpeechEventsButKeepsOtherBrackets() {
    assertThat(stage.apply("[laughter] that was (inaudible) fun (really)", corrections))
        .isEqualTo("that was fun (really)");
  }

  @Test
  void leavesTextWithoutTagsAlone() {
    assertThat(stage.apply("a price of 5 < 10 is fine", corrections))
        .isEqualTo("a price of 5 < 10 is fine");
    assertThat(corrections).isEmpty();
  }

  @Test
  void tidiesPunctuationLeftBehind() {
    assertThat(stage.apply("about forty a week <noise> .", corrections))
        .isEqualTo("about forty a week.");
  }
}
