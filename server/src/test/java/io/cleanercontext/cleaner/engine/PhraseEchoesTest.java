package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A phrase of the AI's echoed with one word misheard ({@link PhraseEchoes}), through the engine.
 */
class PhraseEchoesTest {

  private final CleaningEngine engine = new CleaningEngine(Lexicon.empty());

  private String after(String aiText, String userText) {
    ConversationContext context = new ConversationContext(10);
    context.add(Speaker.AI, aiText);
    return engine.clean(Speaker.USER, userText, CleaningLevel.FULL, context).cleanedText();
  }

  @Test
  void aWordOfTheAisPhraseHeardOnePhonemeOffIsTheAisWord() {
    assertThat(
            after(
                "Is that Imogen Ashby, the venue manager at Hollowmere Barn?",
                "Yes, speaking. Well, menu manager and everything else."))
        .isEqualTo("Yes, speaking. Well, venue manager and everything else.");
  }

  @Test
  void withoutTheAisPhraseTheHeardWordStays() {
    assertThat(
            after(
                "Is that Imogen Ashby at Hollowmere Barn?",
                "Yes, speaking. Well, menu manager and everything else."))
        .isEqualTo("Yes, speaking. Well, menu manager and everything else.");
    // the neighbour must be the phrase's: "manager" is not beside "menu" here
    assertThat(
            after(
                "Is that Imogen Ashby, the venue manager at Hollowmere Barn?",
                "I write the menu every week."))
        .isEqualTo("I write the menu every week.");
  }

  @Test
  void wordsFarInSoundOrMerelyInflectedStay() {
    for (String user :
        List.of(
            "Well, sales manager and everything else.",
            "We have three venue managers.",
            "The venue manager is off today.")) {
      assertThat(after("Is that the venue manager at Hollowmere Barn?", user)).isEqualTo(user);
    }
  }

  @Test
  void phrasesAreContentWordsSideBySideInOneClause() {
    TurnPhrases p =
        TurnPhrases.of("Is that Imogen, the venue manager at the barn? Top field, yes.");
    assertThat(p.before("manager")).containsExactly("venue");
    assertThat(p.after("venue")).containsExactly("manager");
    assertThat(p.before("venue")).isNull(); // "the" is a stopword
    assertThat(p.after("field")).isNull(); // the comma ends the clause
    assertThat(TurnPhrases.of("Yes. No.")).isSameAs(TurnPhrases.NONE);
  }
}
