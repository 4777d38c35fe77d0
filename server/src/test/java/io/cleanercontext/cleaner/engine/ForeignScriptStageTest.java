package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForeignScriptStageTest {

  private final ForeignScriptStage stage = new ForeignScriptStage();
  private final List<Correction> corrections = new ArrayList<>();

  @Test
  void removesStrayFragmentsFromAnEnglishTurn() {
    assertThat(stage.apply("we could try that ค่ะ next week", corrections))
        .isEqualTo("we could try that next week");
    assertThat(stage.apply("sounds fine はい 。", corrections)).isEqualTo("sounds fine");
    assertThat(corrections).extracting(Correction::reason).containsOnly("foreign_script");
  }

  @Test
  void emptiesAShortTurnWithNoLatinLetters() {
    assertThat(stage.apply("ครับ", corrections)).isEmpty();
    assertThat(stage.apply("えっと 。", corrections)).isEmpty();
  }

  @Test
  void keepsALongTurnInAnotherLanguage() {
    String greek = "Καλημέρα σας, θα ήθελα να μιλήσω με τον υπεύθυνο πωλήσεων σήμερα";
    assertThat(stage.apply(greek, corrections)).isEqualTo(greek);
  }

  @Test
  void keepsAccentedLatinAndNumbers() {
    assertThat(stage.apply("the café had 40 résumés", corrections))
        .isEqualTo("the café had 40 résumés");
    assertThat(corrections).isEmpty();
  }
}
