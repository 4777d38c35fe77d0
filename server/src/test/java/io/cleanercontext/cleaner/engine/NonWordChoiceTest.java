package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A non-word the recogniser spelled becomes a word only when the model is sure of one. */
class NonWordChoiceTest {

  private final CleaningEngine engine = new CleaningEngine(Lexicon.empty());

  private String clean(String text) {
    return engine
        .clean(Speaker.USER, text, CleaningLevel.FULL, new ConversationContext(10))
        .cleanedText();
  }

  @Test
  void takesTheOneCandidateTheModelStronglyPrefers() {
    assertThat(NonWordChoice.choose(new double[] {2.3, 0.4, 5.2, 2.2})).isEqualTo(2);
    assertThat(NonWordChoice.choose(new double[] {2.6})).isZero();
  }

  @Test
  void leavesItWhenTheModelIsNotSure() {
    // two words fit about as well
    assertThat(NonWordChoice.choose(new double[] {3.1, 2.2})).isEqualTo(-1);
    // the only word fits, but barely
    assertThat(NonWordChoice.choose(new double[] {0.3})).isEqualTo(-1);
    assertThat(NonWordChoice.choose(new double[] {})).isEqualTo(-1);
  }

  @Test
  void correctsACommonWordTheRecogniserMisspelt() {
    assertThat(clean("It's one fifty for the first visit, pade up front."))
        .isEqualTo("It's one fifty for the first visit, paid up front.");
    assertThat(clean("Honestly it's not worth the petral."))
        .isEqualTo("Honestly it's not worth the petrol.");
    assertThat(clean("We keep them seperate.")).isEqualTo("We keep them separate.");
  }

  @Test
  void leavesGarblesNamesAndTheCallsOwnWords() {
    for (String kept :
        List.of(
            // garbles the gold keeps: two words fit, or none fits well
            "They just do the uplift and the drelling.",
            "He set up all the frenning tags in there.",
            "They got a venning letter from the council.",
            // product and trade names nobody in the call said first
            "We use jobber for scheduling.",
            "We moved to tekmetric last year.",
            "We stock karndean and amtico.")) {
      assertThat(clean(kept)).isEqualTo(kept);
    }
    // a word the call said is the call's word, however it is spelled
    ConversationContext context = new ConversationContext(10);
    context.add(Speaker.AI, "Do you still use Petral for your fleet cards?");
    String turn = "Yes, we still use petral for the fleet.";
    assertThat(engine.clean(Speaker.USER, turn, CleaningLevel.FULL, context).cleanedText())
        .doesNotContain("petrol");
  }
}
