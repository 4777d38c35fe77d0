package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelinesTest {

  private final Pipelines pipelines = new Pipelines();
  private final CleaningEngine engine = new CleaningEngine(Lexicon.empty());

  @Test
  void lightOnlyRemovesArtifactsAndFullAddsFillersAndWords() {
    assertThat(kinds(CleaningLevel.LIGHT))
        .containsOnly(Stage.Kind.TIDY, Stage.Kind.ARTIFACT)
        .contains(Stage.Kind.ARTIFACT);
    assertThat(kinds(CleaningLevel.FULL)).contains(Stage.Kind.FILLER, Stage.Kind.WORD);
    assertThat(kinds(CleaningLevel.AUTO)).contains(Stage.Kind.FILLER, Stage.Kind.WORD);
    assertThat(kinds(CleaningLevel.NONE)).containsOnly(Stage.Kind.TIDY);
    assertThat(pipelines.forLevel(CleaningLevel.SKIP)).isSameAs(pipelines.forLevel(null));
  }

  @Test
  void everyLevelStartsWithTheSameArtifactStagesInTheSameOrder() {
    List<String> light = names(CleaningLevel.LIGHT);
    assertThat(names(CleaningLevel.FULL)).startsWith(light.toArray(String[]::new));
    assertThat(names(CleaningLevel.AUTO)).startsWith(light.toArray(String[]::new));
  }

  @Test
  void autoDecidesConfusableWordsOnlyInAHesitantTurn() {
    ConversationContext none = new ConversationContext(10);
    CleaningResult plain = engine.clean(Speaker.USER, "we could of", CleaningLevel.AUTO, none);
    assertThat(plain.cleanedText()).isEqualTo("we could of");
    assertThat(plain.level()).isEqualTo(CleaningLevel.LIGHT);
    CleaningResult hesitant =
        engine.clean(Speaker.USER, "um we could of gone", CleaningLevel.AUTO, none);
    assertThat(hesitant.cleanedText()).isEqualTo("we could have gone");
    assertThat(hesitant.level()).isEqualTo(CleaningLevel.FULL);
    assertThat(hesitant.contextDetected()).isEqualTo("entity_correction");
    assertThat(
            engine.clean(Speaker.USER, "we could of gone", CleaningLevel.FULL, none).cleanedText())
        .isEqualTo("we could have gone");
  }

  @Test
  void theLabelNamesTheMostMeaningfulKindOfChange() {
    assertThat(Label.of(EnumSet.noneOf(Stage.Kind.class))).isEqualTo(Label.CLEAN);
    assertThat(Label.of(EnumSet.of(Stage.Kind.ARTIFACT))).isEqualTo(Label.ARTIFACTS_REMOVED);
    assertThat(Label.of(EnumSet.of(Stage.Kind.ARTIFACT, Stage.Kind.FILLER)))
        .isEqualTo(Label.FILLERS_REMOVED);
    assertThat(Label.of(EnumSet.of(Stage.Kind.FILLER, Stage.Kind.WORD)))
        .isEqualTo(Label.ENTITY_CORRECTION);
    assertThat(Label.FILLERS_REMOVED.code()).isEqualTo("fillers_removed");
  }

  private EnumSet<Stage.Kind> kinds(CleaningLevel level) {
    EnumSet<Stage.Kind> kinds = EnumSet.noneOf(Stage.Kind.class);
    pipelines.forLevel(level).steps().forEach(s -> kinds.add(s.stage().kind()));
    return kinds;
  }

  private List<String> names(CleaningLevel level) {
    return pipelines.forLevel(level).steps().stream().map(s -> s.stage().name()).toList();
  }
}
