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
        .isEqualTo("we, mostly get referrals from past clients");
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
  void detectsFillersForAuto() {
    assertThat(FillerStage.hasFiller("well umm okay")).isTrue();
    assertThat(FillerStage.hasFiller("well okay")).isFalse();
  }
}
