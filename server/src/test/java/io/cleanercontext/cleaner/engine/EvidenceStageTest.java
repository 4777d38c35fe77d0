package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Word correction by evidence, through the engine at FULL with the fitted weights. */
class EvidenceStageTest {

  private final CleaningEngine engine = new CleaningEngine(Lexicon.empty());
  private final ConversationContext context = new ConversationContext(10);

  private CleaningResult clean(String userText) {
    return engine.clean(Speaker.USER, userText, CleaningLevel.FULL, context);
  }

  @Test
  void replacesAHomophoneTheSentenceDoesNotWant() {
    CleaningResult r = clean("Customers have to weight twenty minutes on the phone.");
    assertThat(r.cleanedText()).isEqualTo("Customers have to wait twenty minutes on the phone.");
    Correction c = r.corrections().get(0);
    assertThat(c.reason()).isEqualTo("evidence");
    assertThat(c.evidence().candidate()).isEqualTo("wait");
    assertThat(c.evidence().source()).isEqualTo("sound");
    assertThat(c.evidence().phoneticDistance()).isZero();
    assertThat(c.evidence().lmGain()).isPositive();
  }

  @Test
  void leavesEverydayWordsInTheirEverydaySense() {
    for (String clean :
        List.of(
            "Every summer we end up hiring a temp.",
            "The parcel has a weight limit of twenty kilos.",
            "We have a sale on this week.",
            "Their engineers are out there now.",
            "It costs more than that.")) {
      assertThat(clean(clean).cleanedText()).isEqualTo(clean);
    }
  }

  @Test
  void spellsANameTheWayTheCallSpelledIt() {
    engine.clean(Speaker.AI, "Is that Callum Reid in Washington?", CleaningLevel.FULL, context);
    context.add(Speaker.AI, "Is that Callum Reid in Washington?");
    CleaningResult r = clean("yes, reed looks after Washington");
    assertThat(r.cleanedText()).contains("Reid looks after Washington");
  }
}
