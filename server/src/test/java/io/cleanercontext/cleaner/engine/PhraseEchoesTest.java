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

  private String withKeyterms(List<String> keyterms, String userText) {
    ConversationContext context = new ConversationContext(10);
    context.setKeyterms(keyterms);
    context.add(Speaker.AI, "And what kind of work do people come in for?");
    return engine.clean(Speaker.USER, userText, CleaningLevel.FULL, context).cleanedText();
  }

  @Test
  void aKeytermPhraseEchoedWithOneWordMisheardIsTheKeyterm() {
    List<String> keyterms = List.of("fine line", "flash sheet", "aftercare");
    assertThat(withKeyterms(keyterms, "A lot of fine lion work and cover ups."))
        .isEqualTo("A lot of fine line work and cover ups.");
  }

  @Test
  void aKeytermsWordsHeardApartOrInTheirOwnSenseStay() {
    List<String> keyterms = List.of("fine line", "flash sheet", "aftercare");
    for (String user :
        List.of(
            "We took the kids to see the lion at the zoo.",
            "Fine, lion tattoos are popular too.",
            "That's fine, lion tattoos are popular too.",
            "There's a fine line between brave and silly.",
            "Keep the flash on, the sheet music is on the stand.")) {
      assertThat(withKeyterms(keyterms, user)).isEqualTo(user);
    }
    // a pair never spans two keyterms: "line flash" is no phrase
    TurnPhrases phrases = TurnPhrases.ofKeyterms(keyterms);
    assertThat(phrases.after("fine")).containsExactly("line");
    assertThat(phrases.after("line")).isNull();
    assertThat(phrases.heard).as("a keyterm was never said in the call").isFalse();
  }

  @Test
  void aKeytermsWordMustSoundAsAlikeAsAnySoundCandidateAnAisMayBeAPhonemeOff() {
    PhraseEchoes echoes = new PhraseEchoes(LanguageModel.get(), Pronunciations.get());
    List<Tokens.Token> heard = Tokens.split("we serve fine wine");
    List<String> fromKeyterms =
        echoes
            .with(List.of(), heard, 3, List.of(TurnPhrases.ofKeyterms(List.of("fine line"))))
            .stream()
            .map(WordCandidates.Candidate::word)
            .toList();
    List<String> fromTheAi =
        echoes.with(List.of(), heard, 3, List.of(TurnPhrases.of("It takes a fine line."))).stream()
            .map(WordCandidates.Candidate::word)
            .toList();
    assertThat(fromKeyterms).as("w to l is a whole phoneme").isEmpty();
    assertThat(fromTheAi).containsExactly("line");
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
