package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import java.util.List;
import org.junit.jupiter.api.Test;

class CleaningEngineTest {

  private final CleaningEngine engine =
      new CleaningEngine(Lexicon.of(List.of("Google Ads", "CRM")));
  private final ConversationContext context = new ConversationContext(10);

  @Test
  void aiTurnsOnlyLoseVoiceTags() {
    String raw =
        "##VT_WARM## Hi Sam...  ... it's Lumen.  Um, the the Google adds plan? ##VT_CURIOUS## <b>";
    CleaningResult r = engine.clean(Speaker.AI, raw, CleaningLevel.FULL, context);
    assertThat(r.cleanedText())
        .isEqualTo("Hi Sam... ... it's Lumen. Um, the the Google adds plan? <b>");
    assertThat(r.level()).isEqualTo(CleaningLevel.NONE);
    assertThat(r.contextDetected()).isEqualTo("ai_response");
    assertThat(r.cleaningApplied()).isFalse();
    assertThat(r.corrections()).isEmpty();
  }

  @Test
  void aStopOfItsOwnBeforeANamesWordsIsNoPartOfIt() {
    // heard words that sound like a name the AI said: the run never starts on punctuation alone
    context.add(Speaker.AI, "We moved to Karndean last year.");
    for (String said : List.of("... car and dean mostly", "we fit ... car and dean mostly")) {
      assertThat(engine.clean(Speaker.USER, said, CleaningLevel.FULL, context).cleanedText())
          .isEqualTo(said.replace("car and dean", "Karndean"));
    }
  }

  @Test
  void cleanTurnsComeBackUnchanged() {
    for (String s :
        List.of(
            "Yes, that's right, we do about 120 jobs a month.",
            "So, like, it's fine I guess.",
            "Well, right now we use a spreadsheet.",
            "Honestly? No idea.")) {
      CleaningResult r = engine.clean(Speaker.USER, s, CleaningLevel.FULL, context);
      assertThat(r.cleanedText()).isEqualTo(s);
      assertThat(r.contextDetected()).isEqualTo("clean");
      assertThat(r.cleaningApplied()).isFalse();
      assertThat(r.confidence()).isEqualTo(Confidence.HIGH);
    }
  }

  @Test
  void garbageTurnsAreSkipped() {
    for (String s : List.of("<noise>", "ครับ", "うん 。", "…", "?", "um", "")) {
      CleaningResult r = engine.clean(Speaker.USER, s, CleaningLevel.FULL, context);
      assertThat(r.cleanedText()).as(s).isEmpty();
      assertThat(r.skipped()).as(s).isTrue();
      assertThat(r.level()).isEqualTo(CleaningLevel.SKIP);
      assertThat(r.contextDetected()).isEqualTo("garbage");
    }
    context.add(Speaker.USER, "");
    assertThat(context.window()).isEmpty();
  }

  @Test
  void lightRemovesArtifactsButKeepsFillersAndWords() {
    CleaningResult r =
        engine.clean(
            Speaker.USER, "<noise> we we use um google adds", CleaningLevel.LIGHT, context);
    assertThat(r.cleanedText()).isEqualTo("we use um google adds");
    assertThat(r.level()).isEqualTo(CleaningLevel.LIGHT);
    assertThat(r.contextDetected()).isEqualTo("artifacts_removed");
  }

  @Test
  void fullAlsoRemovesFillersAndCorrectsTerms() {
    CleaningResult r =
        engine.clean(Speaker.USER, "<noise> we we use um google adds", CleaningLevel.FULL, context);
    assertThat(r.cleanedText()).isEqualTo("we use Google Ads");
    assertThat(r.level()).isEqualTo(CleaningLevel.FULL);
    assertThat(r.contextDetected()).isEqualTo("entity_correction");
    assertThat(r.corrections())
        .extracting(Correction::reason)
        .containsExactly("noise_tag", "stutter", "filler", "sound_alike_term");
  }

  @Test
  void autoPicksTheLevelFromTheTurn() {
    assertThat(engine.clean(Speaker.USER, "fine <noise>", CleaningLevel.AUTO, context).level())
        .isEqualTo(CleaningLevel.LIGHT);
    assertThat(engine.clean(Speaker.USER, "uh fine", CleaningLevel.AUTO, context).level())
        .isEqualTo(CleaningLevel.FULL);
    assertThat(
            engine
                .clean(Speaker.USER, "we use google adds", CleaningLevel.AUTO, context)
                .cleanedText())
        .isEqualTo("we use Google Ads");
  }

  @Test
  void noneOnlyStripsVoiceTags() {
    CleaningResult r =
        engine.clean(Speaker.USER, "##VT_X## um <noise> the the", CleaningLevel.NONE, context);
    assertThat(r.cleanedText()).isEqualTo("um <noise> the the");
    assertThat(r.level()).isEqualTo(CleaningLevel.NONE);
    assertThat(r.contextDetected()).isEqualTo("passthrough");
  }

  @Test
  void reportsModelAndRealStageTimings() {
    CleaningResult r = engine.clean(Speaker.USER, "uh we need a CRM", CleaningLevel.FULL, context);
    assertThat(r.model()).isEqualTo(CleaningEngine.MODEL).isEqualTo("deterministic-v1");
    assertThat(r.timingBreakdownMs())
        .containsKeys(
            "normalize",
            "noise_tags",
            "foreign_script",
            "echo",
            "stutter",
            "fillers",
            "contextual");
    assertThat(r.timingBreakdownMs().values())
        .allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(0.0));
    assertThat(r.processingTimeMs()).isGreaterThan(0.0);
  }

  @Test
  void writesAKeytermWithPunctuationAtItsEdgeOnce() {
    // "401(k)" written by the spoken-name stage is the term itself for the later stages
    context.setKeyterms(List.of("401(k)"));
    String said = "they ask about the four oh one k all the time";
    assertThat(engine.clean(Speaker.USER, said, CleaningLevel.FULL, context).cleanedText())
        .isEqualTo("they ask about the 401(k) all the time");
  }

  @Test
  void levelsParseFromTheWire() {
    assertThat(CleaningLevel.fromWire("FULL")).contains(CleaningLevel.FULL);
    assertThat(CleaningLevel.fromWire(" auto ")).contains(CleaningLevel.AUTO);
    assertThat(CleaningLevel.fromWire("skip")).isEmpty();
    assertThat(CleaningLevel.fromWire(null)).isEmpty();
    assertThat(CleaningLevel.LIGHT.wireName()).isEqualTo("light");
  }
}
